/** Printing names, contexts, thunks, witnesses and the top level (everything that is not an entity or a type). */
import { MalformedTree, type Node } from './node.js';
import type { Printer } from './printer.js';
import { printSpecializationPrefix, SPECIALIZATIONS, printSpecParamKind } from './print-specialization.js';
import { IMPL_KINDS, printImplNode } from './print-impl.js';

const SIMPLE_TEXT: Record<string, (p: Printer, n: Node) => string> = {
  Identifier: (_p, n) => n.textOf(),
  Number: (_p, n) => String(n.indexOf()),
  Index: (_p, n) => (n.text !== undefined ? n.text : String(n.indexOf())),
  UnknownIndex: () => 'unknown index',
  InfixOperator: (_p, n) => `${n.textOf()} infix`,
  PrefixOperator: (_p, n) => `${n.textOf()} prefix`,
  PostfixOperator: (_p, n) => `${n.textOf()} postfix`,
  Module: (p, n) => (p.opts.displayModuleNames ? n.textOf() : ''),
  Suffix: (p, n) => (p.opts.displayUnmangledSuffix ? ` with unmangled suffix ${JSON.stringify(n.textOf())}` : ''),
  IsSerialized: () => 'serialized',
  SpecializationPassID: (_p, n) => String(n.indexOf()),
  MergedFunction: (p) => (p.opts.shortenThunk ? '' : 'merged '),
  DynamicallyReplaceableFunctionKey: (p) => (p.opts.shortenThunk ? '' : 'dynamically replaceable key for '),
  DynamicallyReplaceableFunctionImpl: (p) => (p.opts.shortenThunk ? '' : 'dynamically replaceable thunk for '),
  DynamicallyReplaceableFunctionVar: (p) => (p.opts.shortenThunk ? '' : 'dynamically replaceable variable for '),
  AccessibleFunctionRecord: (p) => (p.opts.shortenThunk ? '' : 'accessible function runtime record for '),
  BackDeploymentThunk: (p) => (p.opts.shortenThunk ? '' : 'back deployment thunk for '),
  DistributedThunk: (p) => (p.opts.shortenThunk ? '' : 'distributed thunk '),
  DistributedAccessor: (p) => (p.opts.shortenThunk ? '' : 'distributed accessor for '),
  OutlinedBridgedMethod: (_p, n) => `outlined bridged method (${n.textOf()}) of `,
  OutlinedVariable: (_p, n) => `outlined variable #${n.indexOf()} of `,
  OutlinedReadOnlyObject: (_p, n) => `outlined read-only object #${n.indexOf()} of `,
  Directness: (_p, n) => `${n.textOf()} `,
  EmptyList: () => ' empty-list ',
  FirstElementMarker: () => ' first-element-marker ',
  VariadicMarker: () => ' variadic-marker ',
  AsyncRemoved: () => 'async demotion',
  FunctionSignatureSpecializationParamPayload: (p, n) => p.nested(n.textOf()),
};

export const SPECIAL_KINDS: ReadonlySet<string> = new Set([...Object.keys(SIMPLE_TEXT), ...SPECIALIZATIONS, ...IMPL_KINDS,
  'Global', 'LocalDeclName', 'PrivateDeclName', 'RelatedEntityDeclName', 'Extension', 'AnonymousContext',
  'PartialApplyForwarder', 'PartialApplyObjCForwarder', 'ReabstractionThunk', 'ReabstractionThunkHelper',
  'ReabstractionThunkHelperWithSelf', 'ReabstractionThunkHelperWithGlobalActor', 'ProtocolWitness', 'VTableThunk',
  'KeyPathGetterThunkHelper', 'KeyPathSetterThunkHelper', 'KeyPathEqualsThunkHelper', 'KeyPathHashThunkHelper',
  'FieldOffset', 'ValueWitness', 'LazyProtocolWitnessTableAccessor', 'LazyProtocolWitnessTableCacheVariable',
  'AssociatedConformanceDescriptor', 'DefaultAssociatedConformanceAccessor', 'AssociatedTypeMetadataAccessor',
  'BaseConformanceDescriptor', 'AssociatedTypeWitnessTableAccessor', 'BaseWitnessTableAccessor', 'ProtocolConformance',
  'GlobalVariableOnceFunction', 'GlobalVariableOnceToken', 'GlobalVariableOnceDeclList',
  'AsyncAwaitResumePartialFunction', 'AsyncSuspendResumePartialFunction', 'GenericSpecializationParam',
  'FunctionSignatureSpecializationParamKind', 'ObjCAsyncCompletionHandlerImpl',
  'PredefinedObjCAsyncCompletionHandlerImpl', 'ConcreteProtocolConformance', 'AnyProtocolConformanceList',
  'DependentProtocolConformanceRoot', 'DependentProtocolConformanceInherited', 'DependentProtocolConformanceAssociated',
  'DependentAssociatedConformance', 'RetroactiveConformance', 'AnonymousDescriptor', 'OutlinedEnumTagStore',
  'OutlinedEnumProjectDataForLoad', 'PackProtocolConformance', 'DroppedArgument']);

export function printSpecialNode(p: Printer, n: Node, depth: number): void {
  const simple = SIMPLE_TEXT[n.kind];
  if (simple !== undefined) {
    p.w(simple(p, n));
    return;
  }
  if (SPECIALIZATIONS.has(n.kind)) return printSpecializationPrefix(p, n, depth);
  if (IMPL_KINDS.has(n.kind)) return printImplNode(p, n, depth);
  const child = (i: number): void => {
    p.print(n.child(i), depth + 1);
  };
  switch (n.kind) {
    case 'Global': p.printChildren(n, depth); return;
    case 'LocalDeclName':
      child(1);
      if (p.opts.displayLocalNameContexts) p.w(` #${n.first.indexOf() + 1}`);
      return;
    case 'PrivateDeclName':
      if (n.count > 1) {
        if (p.opts.showPrivateDiscriminators) p.w('(');
        child(1);
        if (p.opts.showPrivateDiscriminators) p.w(` in ${n.first.textOf()})`);
      } else if (p.opts.showPrivateDiscriminators) {
        p.w(`(in ${n.first.textOf()})`);
      }
      return;
    case 'RelatedEntityDeclName': p.w(`related decl '${n.first.textOf()}' for `); child(1); return;
    case 'Extension':
      if (p.opts.qualifyEntities && p.opts.displayExtensionContexts) {
        p.w('(extension in ');
        p.print(n.first, depth + 1, true);
        p.w('):');
      }
      child(1);
      if (n.count === 3) child(2);
      return;
    case 'AnonymousContext':
      if (p.opts.qualifyEntities && p.opts.displayExtensionContexts) {
        child(1);
        p.w(`.(unknown context at ${n.first.textOf()})`);
        if (n.count >= 3 && n.child(2).count > 0) {
          p.w('<');
          child(2);
          p.w('>');
        }
      }
      return;
    case 'PartialApplyForwarder': case 'PartialApplyObjCForwarder':
      p.w(p.opts.shortenPartialApply ? 'partial apply'
        : n.kind === 'PartialApplyForwarder' ? 'partial apply forwarder' : 'partial apply ObjC forwarder');
      if (n.count > 0) {
        p.w(' for ');
        p.printChildren(n, depth);
      }
      return;
    case 'ReabstractionThunk': case 'ReabstractionThunkHelper': {
      if (p.opts.shortenThunk) {
        p.w('thunk for ');
        child(n.count - 1);
        return;
      }
      p.w(n.kind === 'ReabstractionThunkHelper' ? 'reabstraction thunk helper ' : 'reabstraction thunk ');
      let i = 0;
      if (n.count === 3) {
        child(0);
        p.w(' ');
        i = 1;
      }
      p.w('from ');
      child(i + 1);
      p.w(' to ');
      child(i);
      return;
    }
    case 'ReabstractionThunkHelperWithSelf': {
      p.w('reabstraction thunk ');
      let i = 0;
      if (n.count === 4) {
        child(0);
        p.w(' ');
        i = 1;
      }
      p.w('from ');
      child(i + 2);
      p.w(' to ');
      child(i + 1);
      p.w(' self ');
      child(i);
      return;
    }
    case 'ReabstractionThunkHelperWithGlobalActor': child(0); p.w(' with global actor constraint '); child(1); return;
    case 'ProtocolWitness': p.w('protocol witness for '); child(1); p.w(' in conformance '); child(0); return;
    case 'VTableThunk': p.w('vtable thunk for '); child(1); p.w(' dispatching to '); child(0); return;
    case 'KeyPathGetterThunkHelper': case 'KeyPathSetterThunkHelper':
      p.w(n.kind === 'KeyPathGetterThunkHelper' ? 'key path getter for ' : 'key path setter for ');
      child(0);
      p.w(' : ');
      for (let i = 1; i < n.count; i++) {
        if (n.child(i).kind === 'IsSerialized') p.w(', ');
        child(i);
      }
      return;
    case 'KeyPathEqualsThunkHelper': case 'KeyPathHashThunkHelper': {
      p.w(`key path index ${n.kind === 'KeyPathEqualsThunkHelper' ? 'equality' : 'hash'} operator for `);
      let last = n.count;
      const serialized = n.child(last - 1).kind === 'IsSerialized';
      if (serialized) last--;
      if (last > 0 && n.child(last - 1).kind === 'DependentGenericSignature') {
        child(last - 1);
        last--;
      }
      p.w('(');
      for (let i = 0; i < last; i++) {
        if (i !== 0) p.w(', ');
        child(i);
      }
      p.w(')');
      if (serialized) p.w(', serialized');
      return;
    }
    case 'FieldOffset': child(0); p.w('field offset for '); child(1); return;
    case 'ValueWitness':
      p.w(n.first.textOf());
      p.w(p.opts.shortenValueWitness ? ' for ' : ' value witness for ');
      child(1);
      return;
    case 'LazyProtocolWitnessTableAccessor': case 'LazyProtocolWitnessTableCacheVariable':
      p.w(n.kind === 'LazyProtocolWitnessTableAccessor' ? 'lazy protocol witness table accessor for type '
        : 'lazy protocol witness table cache variable for type ');
      child(0);
      p.w(' and conformance ');
      child(1);
      return;
    case 'AssociatedConformanceDescriptor': case 'DefaultAssociatedConformanceAccessor':
      p.w(n.kind === 'AssociatedConformanceDescriptor' ? 'associated conformance descriptor for '
        : 'default associated conformance accessor for ');
      child(0); p.w('.'); child(1); p.w(': '); child(2);
      return;
    case 'AssociatedTypeMetadataAccessor': p.w('associated type metadata accessor for '); child(1); p.w(' in '); child(0); return;
    case 'BaseConformanceDescriptor': p.w('base conformance descriptor for '); child(0); p.w(': '); child(1); return;
    case 'AssociatedTypeWitnessTableAccessor':
      p.w('associated type witness table accessor for '); child(1); p.w(' : '); child(2); p.w(' in '); child(0);
      return;
    case 'BaseWitnessTableAccessor': p.w('base witness table accessor for '); child(1); p.w(' in '); child(0); return;
    case 'ProtocolConformance':
      if (n.count === 4) {
        p.w('property behavior storage of '); child(2); p.w(' in '); child(0); p.w(' : '); child(1);
      } else {
        child(0);
        if (p.opts.displayProtocolConformances) {
          p.w(' : '); child(1); p.w(' in '); child(2);
        }
      }
      return;
    case 'GlobalVariableOnceFunction': case 'GlobalVariableOnceToken':
      p.w(n.kind === 'GlobalVariableOnceToken' ? 'one-time initialization token for ' : 'one-time initialization function for ');
      child(1);
      return;
    case 'GlobalVariableOnceDeclList':
      if (n.count === 1) child(0);
      else {
        p.w('(');
        p.printChildren(n, depth, ', ');
        p.w(')');
      }
      return;
    case 'AsyncAwaitResumePartialFunction': case 'AsyncSuspendResumePartialFunction':
      if (p.opts.showAsyncResumePartial) {
        p.w('(');
        child(0);
        p.w(n.kind === 'AsyncAwaitResumePartialFunction' ? ') await resume partial function for '
          : ') suspend resume partial function for ');
      }
      return;
    case 'GenericSpecializationParam':
      child(0);
      for (let i = 1; i < n.count; i++) {
        p.w(i === 1 ? ' with ' : ' and ');
        child(i);
      }
      return;
    case 'FunctionSignatureSpecializationParamKind': printSpecParamKind(p, n); return;
    case 'ObjCAsyncCompletionHandlerImpl': case 'PredefinedObjCAsyncCompletionHandlerImpl': {
      if (n.kind === 'PredefinedObjCAsyncCompletionHandlerImpl') p.w('predefined ');
      p.w('@objc completion handler block implementation for ');
      if (n.count >= 4) child(3);
      child(0);
      p.w(' with result type ');
      child(1);
      const flag = n.child(2).indexOf();
      p.w(flag === 0 ? '' : flag === 1 ? ' nonzero on error ' : flag === 2 ? ' zero on error ' : ' <invalid error flag>');
      return;
    }
    case 'ConcreteProtocolConformance':
      p.w('concrete protocol conformance ');
      child(0);
      p.w(' to ');
      child(1);
      if (n.count > 2 && n.child(2).count > 0) {
        p.w(' with conditional requirements: ');
        child(2);
      }
      return;
    case 'AnyProtocolConformanceList': p.w('('); p.printChildren(n, depth, ', '); p.w(')'); return;
    case 'DependentProtocolConformanceRoot':
      p.w('dependent root protocol conformance '); printIndex(p, n.child(2)); child(0); p.w(' to '); child(1); return;
    case 'DependentProtocolConformanceInherited':
      p.w('dependent inherited protocol conformance '); printIndex(p, n.child(2)); child(0); p.w(' to '); child(1); return;
    case 'DependentProtocolConformanceAssociated':
      p.w('dependent associated protocol conformance '); printIndex(p, n.child(2)); child(0); p.w(' to '); child(1); return;
    case 'DependentAssociatedConformance': child(0); p.w(' to '); child(1); return;
    case 'RetroactiveConformance': p.w('retroactive @ '); child(0); child(1); return;
    case 'PackProtocolConformance': p.w('pack protocol conformance '); child(0); return;
    case 'AnonymousDescriptor':
      p.w('anonymous descriptor ');
      child(0);
      if (n.count > 1) {
        p.w(' ');
        child(1);
      }
      return;
    case 'OutlinedEnumTagStore': case 'OutlinedEnumProjectDataForLoad':
      p.w(n.kind === 'OutlinedEnumTagStore' ? 'outlined enum tag store of ' : 'outlined enum project data for load of ');
      child(0);
      if (n.count > 2) child(2);
      return;
    case 'DroppedArgument': p.w(`dropped argument ${n.indexOf()}`); return;
    default: throw new MalformedTree(`special ${n.kind}`);
  }
}

function printIndex(p: Printer, n: Node): void {
  if (n.kind === 'UnknownIndex') p.w('unknown index ');
  else p.w(`#${n.indexOf()} `);
}
