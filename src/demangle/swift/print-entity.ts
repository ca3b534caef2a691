/**
 * Entities (functions, variables, types, closures, accessors…): context, name and type, with the context
 * printed as a `Context.` prefix when it can be, otherwise as ` in <context>` after the entity (§14.1).
 */
import type { Node } from './node.js';
import type { Printer } from './printer.js';
import { printFunctionType, needSpaceBeforeType } from './print-types.js';

type TypePrinting = 'none' | 'colon' | 'function';

const ACCESSOR_NAMES: Record<string, string> = {
  OwningAddressor: 'owningAddressor', OwningMutableAddressor: 'owningMutableAddressor',
  NativeOwningAddressor: 'nativeOwningAddressor', NativeOwningMutableAddressor: 'nativeOwningMutableAddressor',
  NativePinningAddressor: 'nativePinningAddressor', NativePinningMutableAddressor: 'nativePinningMutableAddressor',
  UnsafeAddressor: 'unsafeAddressor', UnsafeMutableAddressor: 'unsafeMutableAddressor',
  GlobalGetter: 'getter', Getter: 'getter', Setter: 'setter', MaterializeForSet: 'materializeForSet',
  WillSet: 'willset', DidSet: 'didset', ReadAccessor: 'read', Read2Accessor: 'read2',
  ModifyAccessor: 'modify', Modify2Accessor: 'modify2', InitAccessor: 'init',
};

export const ENTITY_KINDS: ReadonlySet<string> = new Set([
  'Variable', 'Function', 'BoundGenericFunction', 'Subscript', 'Macro', 'GenericTypeParamDecl', 'ExplicitClosure',
  'ImplicitClosure', 'Initializer', 'PropertyWrapperBackingInitializer', 'PropertyWrapperInitFromProjectedValue',
  'DefaultArgumentInitializer', 'Class', 'Structure', 'Enum', 'Protocol', 'TypeAlias', 'OtherNominalType',
  'Allocator', 'Constructor', 'Destructor', 'Deallocator', 'IsolatedDeallocator', 'IVarInitializer', 'IVarDestroyer',
  ...Object.keys(ACCESSOR_NAMES),
]);

function isClass(n: Node): boolean {
  return n.kind === 'Class';
}

export function printEntityNode(p: Printer, n: Node, depth: number, asPrefix: boolean): Node | null {
  const accessor = ACCESSOR_NAMES[n.kind];
  if (accessor !== undefined) {
    const storage = n.first;
    if (storage.kind === 'Variable') return printEntity(p, storage, depth, asPrefix, 'colon', true, accessor);
    if (storage.kind === 'Subscript') return printEntity(p, storage, depth, asPrefix, 'colon', false, accessor, -1, 'subscript');
    return printEntity(p, storage, depth, asPrefix, 'colon', true, accessor);
  }
  const fnTypes: TypePrinting = p.opts.showFunctionArgumentTypes ? 'function' : 'none';
  switch (n.kind) {
    case 'Variable': return printEntity(p, n, depth, asPrefix, 'colon', true);
    case 'Function': case 'BoundGenericFunction': return printEntity(p, n, depth, asPrefix, 'function', true);
    case 'Subscript': return printEntity(p, n, depth, asPrefix, 'function', false, '', -1, 'subscript');
    case 'Macro': return printEntity(p, n, depth, asPrefix, n.count === 3 ? 'colon' : 'function', true);
    case 'GenericTypeParamDecl': return printEntity(p, n, depth, asPrefix, 'none', true);
    case 'ExplicitClosure': return printEntity(p, n, depth, asPrefix, fnTypes, false, 'closure #', n.child(1).indexOf() + 1);
    case 'ImplicitClosure':
      return printEntity(p, n, depth, asPrefix, fnTypes, false, 'implicit closure #', n.child(1).indexOf() + 1);
    case 'Initializer': return printEntity(p, n, depth, asPrefix, 'none', false, 'variable initialization expression');
    case 'PropertyWrapperBackingInitializer':
      return printEntity(p, n, depth, asPrefix, 'none', false, 'property wrapper backing initializer');
    case 'PropertyWrapperInitFromProjectedValue':
      return printEntity(p, n, depth, asPrefix, 'none', false, 'property wrapper init from projected value');
    case 'DefaultArgumentInitializer':
      return printEntity(p, n, depth, asPrefix, 'none', false, 'default argument ', n.child(1).indexOf());
    case 'Allocator':
      return printEntity(p, n, depth, asPrefix, 'function', false, '', -1, isClass(n.first) ? '__allocating_init' : 'init');
    case 'Constructor': return printEntity(p, n, depth, asPrefix, 'function', n.count > 2, '', -1, 'init');
    case 'Destructor': return printEntity(p, n, depth, asPrefix, 'none', false, '', -1, 'deinit');
    case 'Deallocator':
      return printEntity(p, n, depth, asPrefix, 'none', false, '', -1, isClass(n.first) ? '__deallocating_deinit' : 'deinit');
    case 'IsolatedDeallocator':
      return printEntity(p, n, depth, asPrefix, 'none', false, '', -1,
        isClass(n.first) ? '__isolated_deallocating_deinit' : 'deinit');
    case 'IVarInitializer': return printEntity(p, n, depth, asPrefix, 'none', false, '', -1, '__ivar_initializer');
    case 'IVarDestroyer': return printEntity(p, n, depth, asPrefix, 'none', false, '', -1, '__ivar_destroyer');
    default: return printEntity(p, n, depth, asPrefix, 'none', true); // nominal types
  }
}

/** Whether a context is printed at all (the standard library and ObjC modules can be hidden). */
function printsContext(p: Printer, ctx: Node): boolean {
  if (!p.opts.qualifyEntities) return false;
  if (ctx.kind === 'Module') {
    if (ctx.text === 'Swift') return p.opts.displayStdlibModule;
    if (ctx.text === '__C' || ctx.text === '__C_Synthesized') return p.opts.displayObjCModule;
  }
  return true;
}

function printEntity(p: Printer, entity: Node, depth: number, asPrefix: boolean, typePr: TypePrinting,
  hasName: boolean, extraName = '', extraIndex = -1, overwriteName = ''): Node | null {
  let genericArgs: Node | null = null;
  if (entity.kind === 'BoundGenericFunction') {
    genericArgs = entity.child(1);
    entity = entity.first;
  }
  let multiWord = extraName.includes(' ');
  const localName = hasName && entity.child(1).kind === 'LocalDeclName';
  if (localName && p.opts.displayLocalNameContexts) multiWord = true;
  if (asPrefix && (typePr !== 'none' || multiWord)) return entity;

  let postfix: Node | null = null;
  const ctx = entity.first;
  if (printsContext(p, ctx)) {
    if (multiWord) {
      postfix = ctx;
    } else {
      const before = p.out.length;
      postfix = p.print(ctx, depth + 1, true);
      if (p.out.length !== before) p.w('.');
    }
  }
  if (hasName || overwriteName !== '') {
    if (extraName !== '' && multiWord) {
      p.w(extraName);
      if (extraIndex >= 0) p.w(extraIndex);
      p.w(' of ');
      extraName = '';
      extraIndex = -1;
    }
    const before = p.out.length;
    const privateName = entity.find('PrivateDeclName');
    if (overwriteName !== '') {
      if (privateName) {
        p.print(privateName, depth + 1);
        if (p.out.length !== before) p.w('.');
      }
      p.w(overwriteName);
    } else {
      const name = entity.child(1);
      if (name.kind !== 'PrivateDeclName') p.print(name, depth + 1);
      if (privateName) p.print(privateName, depth + 1);
    }
    if (p.out.length !== before && extraName !== '') p.w('.');
  }
  if (extraName !== '') {
    p.w(extraName);
    if (extraIndex >= 0) p.w(extraIndex);
  }
  if (typePr !== 'none') {
    const typeNode = entity.find('Type');
    if (!typeNode) throw new Error('malformed entity');
    let type = typeNode.first;
    if (typePr === 'function') {
      let t = type;
      while (t.kind === 'DependentGenericType') t = t.child(1).first;
      if (!['FunctionType', 'NoEscapeFunctionType', 'UncurriedFunctionType', 'CFunctionPointer', 'ThinFunctionType']
        .includes(t.kind)) typePr = 'colon';
    }
    if (typePr === 'colon') {
      if (p.opts.displayEntityTypes) {
        p.w(' : ');
        printEntityType(p, entity, type, genericArgs, depth);
      }
    } else {
      if (multiWord || needSpaceBeforeType(type)) p.w(' ');
      printEntityType(p, entity, type, genericArgs, depth);
    }
    type = typeNode;
  }
  if (!asPrefix && postfix) {
    const of = ['DefaultArgumentInitializer', 'Initializer', 'PropertyWrapperBackingInitializer',
      'PropertyWrapperInitFromProjectedValue'].includes(entity.kind);
    p.w(of ? ' of ' : ' in ');
    p.print(postfix, depth + 1);
    postfix = null;
  }
  return postfix;
}

function printEntityType(p: Printer, entity: Node, type: Node, genericArgs: Node | null, depth: number): void {
  const labels = entity.find('LabelList') ?? null;
  if (labels || genericArgs) {
    if (genericArgs) {
      p.w('<');
      p.printChildren(genericArgs, depth, ', ');
      p.w('>');
    }
    if (type.kind === 'DependentGenericType') {
      if (!genericArgs) p.print(type.first, depth + 1);
      const dep = type.child(1);
      if (needSpaceBeforeType(dep)) p.w(' ');
      type = dep.first;
    }
    printFunctionType(p, labels, type, depth);
  } else {
    p.print(type, depth + 1);
  }
}
