/** Printing types: tuples, function types, generics, sugar, metatypes, existentials (§14.2). */
import { MalformedTree, type Node } from './node.js';
import type { Printer } from './printer.js';
import { genericParameterName } from './print-options.js';
import { printImplFunctionType } from './print-impl.js';

const FUNCTION_TYPES = new Set(['FunctionType', 'NoEscapeFunctionType', 'UncurriedFunctionType', 'AutoClosureType',
  'EscapingAutoClosureType', 'ThinFunctionType', 'CFunctionPointer', 'ObjCBlock', 'EscapingObjCBlock']);
const BOUND_GENERICS = new Set(['BoundGenericClass', 'BoundGenericStructure', 'BoundGenericEnum', 'BoundGenericProtocol',
  'BoundGenericOtherNominalType', 'BoundGenericTypeAlias']);
const REQUIREMENTS = new Set(['DependentGenericConformanceRequirement', 'DependentGenericInverseConformanceRequirement',
  'DependentGenericLayoutRequirement', 'DependentGenericSameTypeRequirement', 'DependentGenericSameShapeRequirement']);
const LAYOUTS: Record<string, string> = {
  U: '_UnknownLayout', R: '_RefCountedObject', N: '_NativeRefCountedObject', C: 'AnyObject', D: '_NativeClass',
  T: '_Trivial', E: '_Trivial', e: '_Trivial', M: '_TrivialAtMost', m: '_TrivialAtMost', B: '', S: '',
};
const SIMPLE = new Set(['AssociatedType', 'AssociatedTypeRef', ...BOUND_GENERICS, 'BuiltinTypeName', 'Class',
  'DependentGenericType', 'DependentMemberType', 'DependentGenericParamType', 'DynamicSelf', 'Enum', 'ErrorType',
  'ExistentialMetatype', 'Metatype', 'MetatypeRepresentation', 'Module', 'Tuple', 'Protocol', 'ReturnType',
  'SILBoxType', 'SILBoxTypeWithLayout', 'Structure', 'OtherNominalType', 'TupleElementName', 'TypeAlias', 'TypeList',
  'LabelList', 'SugaredOptional', 'SugaredArray', 'SugaredInlineArray', 'SugaredDictionary', 'SugaredParen',
  'Integer', 'NegativeInteger', 'OpaqueType', 'OpaqueReturnType', 'BuiltinFixedArray', 'ConstrainedExistentialSelf']);

export const TYPE_KINDS: ReadonlySet<string> = new Set(['Type', 'TypeMangling', 'Tuple', 'TupleElement',
  'TupleElementName', 'ReturnType', 'ArgumentTuple', ...FUNCTION_TYPES, ...BOUND_GENERICS, ...REQUIREMENTS,
  'Metatype', 'ExistentialMetatype', 'MetatypeRepresentation', 'AssociatedTypeRef', 'ProtocolList',
  'ProtocolListWithClass', 'ProtocolListWithAnyObject', 'DynamicSelf', 'DependentGenericSignature',
  'DependentPseudogenericSignature', 'DependentGenericParamType', 'DependentGenericType', 'DependentMemberType',
  'DependentAssociatedTypeRef', 'SugaredOptional', 'SugaredArray', 'SugaredDictionary', 'SugaredParen',
  'SugaredInlineArray', 'OpaqueReturnType', 'OpaqueReturnTypeOf', 'OpaqueType', 'BuiltinTypeName',
  'BuiltinFixedArray', 'ImplFunctionType', 'ErrorType', 'Integer', 'NegativeInteger', 'ConstrainedExistential',
  'ConstrainedExistentialRequirementList', 'ConstrainedExistentialSelf', 'PackExpansion', 'PackElement', 'Pack',
  'SILPackDirect', 'SILPackIndirect', 'SILBoxTypeWithLayout', 'SILBoxLayout', 'SILBoxImmutableField',
  'SILBoxMutableField', 'GlobalActorFunctionType', 'IsolatedAnyFunctionType', 'NonIsolatedCallerFunctionType',
  'ConcurrentFunctionType', 'DifferentiableFunctionType', 'AsyncAnnotation', 'ThrowsAnnotation',
  'TypedThrowsAnnotation', 'SendingResultFunctionType', 'ClangType', 'TypeList', 'LabelList', 'AssocTypePath',
  'OpaqueReturnTypeIndex', 'PackElementLevel']);

export function needSpaceBeforeType(t: Node): boolean {
  if (t.kind === 'Type') return needSpaceBeforeType(t.first);
  return !['FunctionType', 'NoEscapeFunctionType', 'UncurriedFunctionType', 'DependentGenericType'].includes(t.kind);
}

function isSimpleType(n: Node): boolean {
  if (n.kind === 'Type') return isSimpleType(n.first);
  if (n.kind === 'ProtocolList') return n.first.count <= 1;
  if (n.kind === 'ProtocolListWithAnyObject') return n.first.first.count === 0;
  return SIMPLE.has(n.kind);
}

function printWithParens(p: Printer, t: Node, depth: number): void {
  const parens = !isSimpleType(t);
  if (parens) p.w('(');
  p.print(t, depth + 1);
  if (parens) p.w(')');
}

export function printTypeNode(p: Printer, n: Node, depth: number): void {
  if (FUNCTION_TYPES.has(n.kind)) return printFunctionType(p, null, n, depth);
  if (BOUND_GENERICS.has(n.kind)) return printBoundGeneric(p, n, depth);
  switch (n.kind) {
    case 'Type': p.print(n.first, depth + 1); return;
    case 'TypeMangling':
      if (n.first.kind === 'LabelList') printFunctionType(p, n.first, n.child(1).first, depth);
      else p.print(n.first, depth + 1);
      return;
    case 'Tuple': p.w('('); p.printChildren(n, depth, ', '); p.w(')'); return;
    case 'TupleElement': {
      const label = n.find('TupleElementName');
      if (label) p.w(`${label.textOf()}: `);
      const t = n.find('Type');
      if (!t) throw new MalformedTree('tuple element without type');
      p.print(t, depth + 1);
      if (n.find('VariadicMarker')) p.w('...');
      return;
    }
    case 'TupleElementName': p.w(`${n.textOf()}: `); return;
    case 'ReturnType': p.w(' -> '); p.printChildren(n, depth); return;
    case 'ArgumentTuple': printFunctionParameters(p, null, n, depth, p.opts.showFunctionArgumentTypes); return;
    case 'Metatype': {
      let i = 0;
      if (n.count === 2) {
        p.print(n.first, depth + 1);
        p.w(' ');
        i = 1;
      }
      const t = n.child(i).first;
      printWithParens(p, t, depth);
      p.w(['ExistentialMetatype', 'ProtocolList', 'ProtocolListWithClass', 'ProtocolListWithAnyObject'].includes(t.kind)
        ? '.Protocol' : '.Type');
      return;
    }
    case 'ExistentialMetatype': {
      let i = 0;
      if (n.count === 2) {
        p.print(n.first, depth + 1);
        p.w(' ');
        i = 1;
      }
      p.print(n.child(i), depth + 1);
      p.w('.Type');
      return;
    }
    case 'MetatypeRepresentation': case 'BuiltinTypeName': case 'ClangType': p.w(n.textOf()); return;
    case 'AssociatedTypeRef': p.print(n.first, depth + 1); p.w(`.${n.child(1).textOf()}`); return;
    case 'ProtocolList':
      if (n.first.count === 0) p.w('Any');
      else p.printChildren(n.first, depth, ' & ');
      return;
    case 'ProtocolListWithClass':
      p.print(n.child(1), depth + 1);
      p.w(' & ');
      p.printChildren(n.first.first, depth, ' & ');
      return;
    case 'ProtocolListWithAnyObject': {
      const list = n.first.first;
      if (list.count > 0) {
        p.printChildren(list, depth, ' & ');
        p.w(' & ');
      }
      if (p.opts.qualifyEntities && p.opts.displayStdlibModule) p.w('Swift.');
      p.w('AnyObject');
      return;
    }
    case 'DynamicSelf': p.w('Self'); return;
    case 'DependentGenericSignature': case 'DependentPseudogenericSignature': printGenericSignature(p, n, depth); return;
    case 'DependentGenericConformanceRequirement':
      p.print(n.first, depth + 1); p.w(': '); p.print(n.child(1), depth + 1); return;
    case 'DependentGenericInverseConformanceRequirement': {
      p.print(n.first, depth + 1);
      const bit = n.child(1).indexOf();
      p.w(`: ~${bit === 0 ? 'Swift.Copyable' : bit === 1 ? 'Swift.Escapable' : `Swift.<bit ${bit}>`}`);
      return;
    }
    case 'DependentGenericLayoutRequirement': {
      p.print(n.first, depth + 1);
      p.w(`: ${LAYOUTS[n.child(1).textOf()] ?? ''}`);
      if (n.count > 2) {
        p.w('(');
        p.print(n.child(2), depth + 1);
        if (n.count > 3) {
          p.w(', ');
          p.print(n.child(3), depth + 1);
        }
        p.w(')');
      }
      return;
    }
    case 'DependentGenericSameTypeRequirement':
      p.print(n.first, depth + 1); p.w(' == '); p.print(n.child(1), depth + 1); return;
    case 'DependentGenericSameShapeRequirement':
      p.print(n.first, depth + 1); p.w('.shape == '); p.print(n.child(1), depth + 1); p.w('.shape'); return;
    case 'DependentGenericParamType': p.w(genericParameterName(n.child(0).indexOf(), n.child(1).indexOf())); return;
    case 'DependentGenericType': {
      p.print(n.first, depth + 1);
      if (needSpaceBeforeType(n.child(1))) p.w(' ');
      p.print(n.child(1), depth + 1);
      return;
    }
    case 'DependentMemberType': p.print(n.first, depth + 1); p.w('.'); p.print(n.child(1), depth + 1); return;
    case 'DependentAssociatedTypeRef':
      if (n.count > 0) {
        p.print(n.first, depth + 1);
        p.w('.');
      }
      p.w(n.textOf());
      return;
    case 'SugaredOptional': printWithParens(p, n.first, depth); p.w('?'); return;
    case 'SugaredArray': p.w('['); p.print(n.first, depth + 1); p.w(']'); return;
    case 'SugaredInlineArray': p.w('['); p.print(n.first, depth + 1); p.w(' of '); p.print(n.child(1), depth + 1); p.w(']'); return;
    case 'SugaredDictionary': p.w('['); p.print(n.first, depth + 1); p.w(' : '); p.print(n.child(1), depth + 1); p.w(']'); return;
    case 'SugaredParen': p.w('('); p.print(n.first, depth + 1); p.w(')'); return;
    case 'OpaqueReturnType': p.w('some'); return;
    case 'OpaqueReturnTypeOf': p.w('<<opaque return type of '); p.printChildren(n, depth); p.w('>>'); return;
    case 'OpaqueType': p.print(n.first, depth + 1); p.w('.'); p.print(n.child(1), depth + 1); return;
    case 'BuiltinFixedArray':
      p.w('Builtin.FixedArray<'); p.print(n.first, depth + 1); p.w(', '); p.print(n.child(1), depth + 1); p.w('>'); return;
    case 'ImplFunctionType': printImplFunctionType(p, n, depth); return;
    case 'ErrorType': p.w('<ERROR TYPE>'); return;
    case 'Integer': case 'OpaqueReturnTypeIndex': p.w(n.indexOf()); return;
    case 'NegativeInteger': p.w(`-${n.indexOf()}`); return;
    case 'ConstrainedExistential': p.w('any '); p.print(n.first, depth + 1); p.w('<'); p.print(n.child(1), depth + 1); p.w('>'); return;
    case 'ConstrainedExistentialRequirementList': p.printChildren(n, depth, ', '); return;
    case 'ConstrainedExistentialSelf': p.w('Self'); return;
    case 'PackExpansion': p.w('repeat '); p.print(n.first, depth + 1); return;
    case 'PackElement': p.w(`/* level: ${n.child(1).indexOf()} */ each `); p.print(n.first, depth + 1); return;
    case 'PackElementLevel': p.w(n.indexOf()); return;
    case 'Pack': case 'SILPackDirect': case 'SILPackIndirect':
      if (n.kind === 'SILPackDirect') p.w('@direct ');
      if (n.kind === 'SILPackIndirect') p.w('@indirect ');
      p.w('Pack{'); p.printChildren(n, depth, ', '); p.w('}'); return;
    case 'SILBoxTypeWithLayout': {
      if (n.count === 3) {
        p.print(n.child(1), depth + 1);
        p.w(' ');
      }
      p.print(n.first, depth + 1);
      if (n.count === 3) {
        p.w(' <');
        p.printChildren(n.child(2), depth, ', ');
        p.w('>');
      }
      return;
    }
    case 'SILBoxLayout':
      p.w('{');
      n.children.forEach((c, i) => {
        p.w(i > 0 ? ', ' : ' ');
        p.print(c, depth + 1);
      });
      p.w(' }');
      return;
    case 'SILBoxImmutableField': case 'SILBoxMutableField':
      p.w(n.kind === 'SILBoxImmutableField' ? 'let ' : 'var ');
      p.print(n.first, depth + 1);
      return;
    case 'GlobalActorFunctionType':
      if (n.count > 0) {
        p.w('@');
        p.print(n.first, depth + 1);
        p.w(' ');
      }
      return;
    case 'IsolatedAnyFunctionType': p.w('@isolated(any) '); return;
    case 'NonIsolatedCallerFunctionType': p.w('nonisolated(nonsending) '); return;
    case 'ConcurrentFunctionType': p.w('@Sendable '); return;
    case 'DifferentiableFunctionType': p.w(`${differentiable(n.textOf())} `); return;
    case 'AsyncAnnotation': p.w(' async'); return;
    case 'ThrowsAnnotation': p.w(' throws'); return;
    case 'TypedThrowsAnnotation': p.w(' throws('); p.print(n.first, depth + 1); p.w(')'); return;
    case 'SendingResultFunctionType': p.w('sending '); return;
    case 'TypeList': p.printChildren(n, depth); return;
    case 'LabelList': return;
    case 'AssocTypePath': p.printChildren(n, depth, '.'); return;
    default: throw new MalformedTree(`type ${n.kind}`);
  }
}

function differentiable(kind: string): string {
  switch (kind) {
    case 'f': return '@differentiable(_forward)';
    case 'r': return '@differentiable(reverse)';
    case 'l': return '@differentiable(_linear)';
    default: return '@differentiable';
  }
}

function printGenericSignature(p: Printer, n: Node, depth: number): void {
  p.w('<');
  let numParams = 0;
  while (numParams < n.count && n.child(numParams).kind === 'DependentGenericParamCount') numParams++;
  let firstReq = numParams;
  const markerOf = (c: Node): Node => (c.kind === 'Type' ? c.first : c);
  while (firstReq < n.count && ['DependentGenericParamPackMarker', 'DependentGenericParamValueMarker']
    .includes(markerOf(n.child(firstReq)).kind)) firstReq++;
  const marker = (kind: string, d: number, i: number): Node | undefined => {
    for (let k = numParams; k < firstReq; k++) {
      const c = markerOf(n.child(k));
      if (c.kind !== kind) continue;
      const param = c.first.first;
      if (param.child(0).indexOf() === d && param.child(1).indexOf() === i) return c;
    }
    return undefined;
  };
  for (let d = 0; d < numParams; d++) {
    if (d !== 0) p.w('><');
    const count = n.child(d).indexOf();
    for (let i = 0; i < count; i++) {
      if (i !== 0) p.w(', ');
      if (i >= 128) {
        p.w('...');
        break;
      }
      if (marker('DependentGenericParamPackMarker', d, i)) p.w('each ');
      const value = marker('DependentGenericParamValueMarker', d, i);
      if (value) p.w('let ');
      p.w(genericParameterName(d, i));
      if (value) {
        p.w(': ');
        p.print(value.child(1), depth + 1);
      }
    }
  }
  if (firstReq !== n.count && p.opts.displayWhereClauses) {
    p.w(' where ');
    for (let i = firstReq; i < n.count; i++) {
      if (i > firstReq) p.w(', ');
      p.print(n.child(i), depth + 1);
    }
  }
  p.w('>');
}

type Sugar = 'none' | 'optional' | 'iuo' | 'array' | 'dictionary';

function isSwiftNamed(unbound: Node, name: string): boolean {
  return unbound.count >= 2 && unbound.child(1).kind === 'Identifier' && unbound.child(1).text === name
    && unbound.first.kind === 'Module' && unbound.first.text === 'Swift';
}

function findSugar(n: Node): Sugar {
  if (n.count !== 2 || (n.kind !== 'BoundGenericEnum' && n.kind !== 'BoundGenericStructure')) return 'none';
  const unbound = n.first.first;
  const args = n.child(1).count;
  if (n.kind === 'BoundGenericEnum') {
    if (isSwiftNamed(unbound, 'Optional') && args === 1) return 'optional';
    if (isSwiftNamed(unbound, 'ImplicitlyUnwrappedOptional') && args === 1) return 'iuo';
    return 'none';
  }
  if (isSwiftNamed(unbound, 'Array') && args === 1) return 'array';
  if (isSwiftNamed(unbound, 'Dictionary') && args === 2) return 'dictionary';
  return 'none';
}

function printBoundGeneric(p: Printer, n: Node, depth: number): void {
  if (n.count < 2) return;
  const noSugar = (): void => {
    p.print(n.first, depth + 1);
    p.w('<');
    p.printChildren(n.child(1), depth, ', ');
    p.w('>');
  };
  if (n.count !== 2 || !p.opts.synthesizeSugarOnTypes || n.kind === 'BoundGenericClass') return noSugar();
  if (n.kind === 'BoundGenericProtocol') {
    p.printChildren(n.child(1), depth);
    p.w(' as ');
    p.print(n.first, depth + 1);
    return;
  }
  const args = n.child(1);
  switch (findSugar(n)) {
    case 'optional': case 'iuo':
      printWithParens(p, args.first, depth);
      p.w(findSugar(n) === 'optional' ? '?' : '!');
      return;
    case 'array': p.w('['); p.print(args.first, depth + 1); p.w(']'); return;
    case 'dictionary':
      p.w('['); p.print(args.first, depth + 1); p.w(' : '); p.print(args.child(1), depth + 1); p.w(']'); return;
    default: noSugar();
  }
}

export function printFunctionType(p: Printer, labels: Node | null, n: Node, depth: number): void {
  if (!FUNCTION_TYPES.has(n.kind)) {
    p.print(n, depth + 1);
    return;
  }
  if (n.count < 2) throw new MalformedTree('function type without parameters');
  const clang = n.first.kind === 'ClangType' ? n.first : null;
  const convention = (name: string): void => {
    p.w(`@convention(${name}`);
    if (clang) p.w(`, mangledCType: "${clang.textOf()}"`);
    p.w(') ');
  };
  switch (n.kind) {
    case 'AutoClosureType': case 'EscapingAutoClosureType': p.w('@autoclosure '); break;
    case 'ThinFunctionType': p.w('@convention(thin) '); break;
    case 'CFunctionPointer': convention('c'); break;
    case 'EscapingObjCBlock': p.w('@escaping '); convention('block'); break;
    case 'ObjCBlock': convention('block'); break;
    default: break;
  }
  const argIndex = n.count - 2;
  let i = clang ? 1 : 0;
  let sendingResult = false;
  let sendable = false;
  let isAsync = false;
  let diff: string | undefined;
  let thrown: Node | undefined;
  const at = (k: string): boolean => i < argIndex && n.child(i).kind === k;
  if (at('SendingResultFunctionType')) { i++; sendingResult = true; }
  if (at('IsolatedAnyFunctionType')) p.print(n.child(i++), depth + 1);
  if (at('GlobalActorFunctionType')) p.print(n.child(i++), depth + 1);
  if (at('NonIsolatedCallerFunctionType')) p.print(n.child(i++), depth + 1);
  if (at('DifferentiableFunctionType')) diff = n.child(i++).textOf();
  if (at('ThrowsAnnotation') || at('TypedThrowsAnnotation')) thrown = n.child(i++);
  if (at('ConcurrentFunctionType')) { i++; sendable = true; }
  if (at('AsyncAnnotation')) { i++; isAsync = true; }
  if (diff !== undefined) p.w(`${differentiable(diff)} `);
  if (sendable) p.w('@Sendable ');
  printFunctionParameters(p, labels, n.child(argIndex), depth, p.opts.showFunctionArgumentTypes);
  if (!p.opts.showFunctionArgumentTypes) return;
  if (isAsync) p.w(' async');
  if (thrown) p.print(thrown, depth + 1);
  const ret = n.child(argIndex + 1);
  if (sendingResult) {
    p.w(' -> sending ');
    p.printChildren(ret, depth);
  } else {
    p.print(ret, depth + 1);
  }
}

function printFunctionParameters(p: Printer, labels: Node | null, argTuple: Node, depth: number, showTypes: boolean): void {
  if (argTuple.kind !== 'ArgumentTuple') throw new MalformedTree('expected ArgumentTuple');
  const params = argTuple.first.first;
  if (params.kind !== 'Tuple') {
    if (showTypes) {
      p.w('(');
      p.print(params, depth + 1);
      p.w(')');
    } else {
      p.w('(_:)');
    }
    return;
  }
  const hasLabels = labels !== null && labels.count > 0;
  p.w('(');
  params.children.forEach((param, i) => {
    if (i > 0 && showTypes) p.w(', ');
    if (hasLabels && labels) {
      const l = labels.children[i];
      p.w(`${l && l.kind === 'Identifier' ? l.textOf() : '_'}:`);
      if (showTypes) p.w(' ');
    } else if (!showTypes) {
      const l = param.find('TupleElementName');
      p.w(l ? `${l.textOf()}:` : '_:');
    }
    if (showTypes) p.print(param, depth + 1);
  });
  p.w(')');
}
