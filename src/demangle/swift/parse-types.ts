/** Types: builtins, tuples, bound generics, function types, special types, generics (§7, §8). */
import type { Demangler } from './parser.js';
import { REQUIREMENT_KINDS, type Kind, type Node } from './node.js';
import { demangleAnyGenericType, popTypeAndGetAnyGeneric } from './parse-entities.js';

const MAX_TYPE_SIZE = 4096;
const BUILTINS: Record<string, string> = {
  b: 'BridgeObject', B: 'UnsafeValueBuffer', e: 'Executor', I: 'IntLiteral', O: 'UnknownObject',
  o: 'NativeObject', p: 'RawPointer', t: 'SILToken', w: 'Word', c: 'RawUnsafeContinuation',
  D: 'DefaultActorStorage', d: 'NonDefaultDistributedActorStorage', j: 'Job', P: 'PackIndex',
  A: 'ImplicitActor', T: 'TheTupleType',
};

export function demangleBuiltinType(d: Demangler): Node | null {
  const c = d.next();
  let name: string;
  if (c === 'f' || c === 'i') {
    const size = d.index() - 1;
    if (size <= 0 || size > MAX_TYPE_SIZE) return null;
    name = `Builtin.${c === 'f' ? 'FPIEEE' : 'Int'}${size}`;
  } else if (c === 'v') {
    const elts = d.index() - 1;
    if (elts <= 0 || elts > MAX_TYPE_SIZE) return null;
    const elt = d.popTypeAndGetChild();
    if (!elt || elt.kind !== 'BuiltinTypeName' || !elt.textOf().startsWith('Builtin.')) return null;
    name = `Builtin.Vec${elts}x${elt.textOf().slice('Builtin.'.length)}`;
  } else if (c === 'V') {
    const element = d.pop('Type');
    const size = d.pop('Type');
    return d.type(d.withChildren('BuiltinFixedArray', size, element));
  } else {
    const b = BUILTINS[c];
    if (b === undefined) return null;
    name = `Builtin.${b}`;
  }
  return d.type(d.node('BuiltinTypeName', name));
}

export function popTuple(d: Demangler): Node | null {
  const root = d.node('Tuple');
  if (!d.pop('EmptyList')) {
    let first = false;
    do {
      first = d.pop('FirstElementMarker') !== null;
      const elt = d.node('TupleElement');
      const variadic = d.pop('VariadicMarker');
      if (variadic) elt.add(variadic);
      const label = d.pop('Identifier');
      if (label) elt.add(d.node('TupleElementName', label.text));
      const ty = d.pop('Type');
      if (!ty) return null;
      elt.add(ty);
      root.add(elt);
    } while (!first);
    root.reverseFrom(0);
  }
  return d.type(root);
}

export function popTypeList(d: Demangler): Node | null {
  const root = d.node('TypeList');
  if (!d.pop('EmptyList') && !d.popMarkedList(root, () => d.pop('Type'))) return null;
  return root;
}

function popRetroactiveConformances(d: Demangler): Node | null {
  let list: Node | null = null;
  for (let c = d.pop('RetroactiveConformance'); c; c = d.pop('RetroactiveConformance')) {
    list ??= d.node('TypeList');
    list.add(c);
  }
  list?.reverseFrom(0);
  return list;
}

/** Type lists of a bound generic, own level first (§7.2); null when the delimiters are wrong. */
export function demangleBoundGenerics(d: Demangler): { lists: Node[]; retro: Node | null } | null {
  const retro = popRetroactiveConformances(d);
  const lists: Node[] = [];
  for (;;) {
    const list = d.node('TypeList');
    lists.push(list);
    for (let t = d.pop('Type'); t; t = d.pop('Type')) list.add(t);
    list.reverseFrom(0);
    if (d.pop('EmptyList')) break;
    if (!d.pop('FirstElementMarker')) return null;
  }
  return { lists, retro };
}

export function demangleBoundGenericType(d: Demangler): Node | null {
  const g = demangleBoundGenerics(d);
  if (!g) return null;
  const nominal = popTypeAndGetAnyGeneric(d);
  const bound = boundGenericArgs(d, nominal, g.lists, 0);
  if (!bound) return null;
  if (g.retro) bound.add(g.retro);
  const ty = d.type(bound);
  d.addSubstitution(ty);
  return ty;
}

const BOUND_KINDS: Record<string, Kind> = {
  Class: 'BoundGenericClass', Structure: 'BoundGenericStructure', Enum: 'BoundGenericEnum',
  Protocol: 'BoundGenericProtocol', OtherNominalType: 'BoundGenericOtherNominalType', TypeAlias: 'BoundGenericTypeAlias',
};

function boundGenericArgs(d: Demangler, nominal: Node | null, lists: Node[], idx: number): Node | null {
  if (!nominal || idx >= lists.length || nominal.count === 0) return null;
  const ctx = nominal.first;
  // Declarations that take no generic arguments of their own are skipped when distributing the lists.
  const consumes = !['Variable', 'ExplicitClosure', 'ImplicitClosure', 'Subscript', 'Static', 'Initializer']
    .includes(nominal.kind);
  const args = lists[idx];
  if (args === undefined) return null;
  if (consumes) idx++;
  if (idx < lists.length) {
    let parent: Node | null;
    if (ctx.kind === 'Extension') {
      parent = d.withChildren('Extension', ctx.first, boundGenericArgs(d, ctx.child(1), lists, idx));
      if (parent && ctx.count === 3) parent.add(ctx.child(2));
    } else {
      parent = boundGenericArgs(d, ctx, lists, idx);
    }
    const rebuilt = d.withChildren(nominal.kind, parent);
    if (!rebuilt) return null;
    for (let i = 1; i < nominal.count; i++) rebuilt.add(nominal.child(i));
    nominal = rebuilt;
  }
  if (!consumes || args.count === 0) return nominal;
  if (nominal.kind === 'Function' || nominal.kind === 'Constructor') {
    return d.withChildren('BoundGenericFunction', nominal, args);
  }
  const kind = BOUND_KINDS[nominal.kind];
  if (kind === undefined) return null;
  return d.withChildren(kind, d.type(nominal), args);
}

function popFunctionParams(d: Demangler, kind: Kind): Node | null {
  const params = d.pop('EmptyList') ? d.type(d.node('Tuple')) : d.pop('Type');
  if (!params) return null;
  if (kind === 'ArgumentTuple') {
    const p = params.first;
    return d.node(kind, undefined, p.kind === 'Tuple' ? p.count : 1).add(params);
  }
  return d.node(kind).add(params);
}

const isIsolation = (n: Node): boolean => n.kind === 'GlobalActorFunctionType' || n.kind === 'IsolatedAnyFunctionType'
  || n.kind === 'NonIsolatedCallerFunctionType';
const isThrows = (n: Node): boolean => n.kind === 'ThrowsAnnotation' || n.kind === 'TypedThrowsAnnotation';
const isRequirement = (n: Node): boolean => REQUIREMENT_KINDS.has(n.kind);
/** Optional function-signature parts, in the order the demangler pops them (reverse of the grammar). */
const SIGNATURE_PARTS: (Kind | ((n: Node) => boolean))[] = ['SendingResultFunctionType', isIsolation,
  'DifferentiableFunctionType', isThrows, 'ConcurrentFunctionType', 'AsyncAnnotation'];

export function popFunctionType(d: Demangler, kind: Kind, clangType: Node | null = null): Node | null {
  const fn = d.node(kind);
  if (clangType) fn.add(clangType);
  for (const part of SIGNATURE_PARTS) {
    const n = d.pop(part);
    if (n) fn.add(n);
  }
  const args = popFunctionParams(d, 'ArgumentTuple');
  if (!args) return null;
  fn.add(args);
  const ret = popFunctionParams(d, 'ReturnType');
  if (!ret) return null;
  fn.add(ret);
  return d.type(fn);
}

export function popProtocol(d: Demangler): Node | null {
  const ty = d.pop('Type');
  if (ty) {
    if (ty.count < 1 || !isProtocolNode(ty)) return null;
    return ty;
  }
  const sym = d.pop('ProtocolSymbolicReference');
  if (sym) return sym;
  const name = d.popDeclName();
  const ctx = d.popContext();
  return d.type(d.withChildren('Protocol', ctx, name));
}

function isProtocolNode(n: Node): boolean {
  if (n.kind === 'Type') return n.count > 0 && isProtocolNode(n.first);
  return n.kind === 'Protocol' || n.kind === 'ProtocolSymbolicReference';
}

function demangleProtocolList(d: Demangler): Node | null {
  const list = d.node('TypeList');
  const pl = d.node('ProtocolList').add(list);
  if (!d.pop('EmptyList') && !d.popMarkedList(list, () => popProtocol(d))) return null;
  return pl;
}

export function demangleProtocolListType(d: Demangler): Node | null {
  return d.type(demangleProtocolList(d));
}

export function demangleGenericType(d: Demangler): Node | null {
  const sig = d.pop('DependentGenericSignature');
  const ty = d.pop('Type');
  return d.type(d.withChildren('DependentGenericType', sig, ty));
}

export function demangleIntegerType(d: Demangler): Node | null {
  if (d.nextIf('n')) {
    const i = d.index();
    return i < 0 ? null : d.type(d.node('NegativeInteger', undefined, i));
  }
  const i = d.index();
  return i < 0 ? null : d.type(d.node('Integer', undefined, i));
}

export function dependentGenericParamType(d: Demangler, depth: number, index: number): Node | null {
  if (depth < 0 || index < 0) return null;
  return d.node('DependentGenericParamType')
    .add(d.node('Index', undefined, depth)).add(d.node('Index', undefined, index));
}

export function demangleGenericParamIndex(d: Demangler): Node | null {
  if (d.nextIf('d')) {
    const depth = d.index() + 1;
    const index = d.index();
    return dependentGenericParamType(d, depth, index);
  }
  if (d.nextIf('z')) return dependentGenericParamType(d, 0, 0);
  if (d.nextIf('s')) return d.node('ConstrainedExistentialSelf');
  return dependentGenericParamType(d, 0, d.index() + 1);
}

const METATYPE_REPR: Record<string, string> = { t: '@thin', T: '@thick', o: '@objc_metatype' };

function metatypeRepresentation(d: Demangler): Node | null {
  const r = METATYPE_REPR[d.next()];
  return r === undefined ? null : d.node('MetatypeRepresentation', r);
}

const SPECIAL_FUNCTION_TYPES: Record<string, Kind> = {
  E: 'NoEscapeFunctionType', A: 'EscapingAutoClosureType', f: 'ThinFunctionType', K: 'AutoClosureType',
  U: 'UncurriedFunctionType', L: 'EscapingObjCBlock', B: 'ObjCBlock', C: 'CFunctionPointer',
};
const WRAPPERS: Record<string, Kind> = { o: 'Unowned', u: 'Unmanaged', w: 'Weak', b: 'SILBoxType', D: 'DynamicSelf' };

export function demangleSpecialType(d: Demangler): Node | null {
  const c = d.next();
  const fk = SPECIAL_FUNCTION_TYPES[c];
  if (fk !== undefined) return popFunctionType(d, fk);
  const wk = WRAPPERS[c];
  if (wk !== undefined) return d.type(d.withChildren(wk, d.pop('Type')));
  switch (c) {
    case 'z': {
      const k = d.next();
      if (k !== 'B' && k !== 'C') return null;
      const len = d.natural();
      if (len <= 0 || d.pos + len > d.text.length) return null;
      const clang = d.node('ClangType', d.text.slice(d.pos, d.pos + len));
      d.pos += len;
      return popFunctionType(d, k === 'B' ? 'ObjCBlock' : 'CFunctionPointer', clang);
    }
    case 'M': case 'm': {
      const repr = metatypeRepresentation(d);
      const ty = d.pop('Type');
      return d.type(d.withChildren(c === 'M' ? 'Metatype' : 'ExistentialMetatype', repr, ty));
    }
    case 'p': return d.type(d.withChildren('ExistentialMetatype', d.pop('Type')));
    case 'c': {
      const superclass = d.pop('Type');
      const protocols = demangleProtocolList(d);
      return d.type(d.withChildren('ProtocolListWithClass', protocols, superclass));
    }
    case 'l': return d.type(d.withChildren('ProtocolListWithAnyObject', demangleProtocolList(d)));
    case 'X': case 'x': return silBoxType(d, c === 'X');
    case 'Y': return demangleAnyGenericType(d, 'OtherNominalType');
    case 'Z': {
      const types = popTypeList(d);
      const name = d.pop('Identifier');
      const parent = d.popContext();
      return d.withChildren('AnonymousContext', name, parent, types);
    }
    case 'e': return d.type(d.node('ErrorType'));
    case 'S': return sugaredType(d);
    case 'P': {
      const reqs = d.node('ConstrainedExistentialRequirementList');
      if (!d.popMarkedList(reqs, () => d.pop(isRequirement))) return null;
      return d.type(d.withChildren('ConstrainedExistential', d.pop('Type'), reqs));
    }
    default: return null;
  }
}

function sugaredType(d: Demangler): Node | null {
  switch (d.next()) {
    case 'q': return d.type(d.withChildren('SugaredOptional', d.pop('Type')));
    case 'a': return d.type(d.withChildren('SugaredArray', d.pop('Type')));
    case 'p': return d.type(d.withChildren('SugaredParen', d.pop('Type')));
    case 'D': {
      const value = d.pop('Type');
      const key = d.pop('Type');
      return d.type(d.withChildren('SugaredDictionary', key, value));
    }
    case 'A': {
      const element = d.pop('Type');
      const count = d.pop('Type');
      return d.type(d.withChildren('SugaredInlineArray', count, element));
    }
    default: return null;
  }
}

function silBoxType(d: Demangler, withLayoutSig: boolean): Node | null {
  let sig: Node | null = null;
  let genericArgs: Node | null = null;
  if (withLayoutSig) {
    sig = d.pop('DependentGenericSignature');
    if (!sig) return null;
    genericArgs = popTypeList(d);
    if (!genericArgs) return null;
  }
  const fields = popTypeList(d);
  if (!fields) return null;
  const layout = d.node('SILBoxLayout');
  for (const f of fields.children) {
    let ty = f;
    let mutable = false;
    if (ty.first.kind === 'InOut') {
      mutable = true;
      ty = d.node('Type').add(ty.first.first);
    }
    layout.add(d.node(mutable ? 'SILBoxMutableField' : 'SILBoxImmutableField').add(ty));
  }
  const box = d.node('SILBoxTypeWithLayout').add(layout);
  if (sig && genericArgs) box.add(sig).add(genericArgs);
  return d.type(box);
}

export function demangleTypeAnnotation(d: Demangler): Node | null {
  switch (d.next()) {
    case 'a': return d.node('AsyncAnnotation');
    case 'A': return d.node('IsolatedAnyFunctionType');
    case 'b': return d.node('ConcurrentFunctionType');
    case 'c': return d.withChildren('GlobalActorFunctionType', d.popTypeAndGetChild());
    case 'C': return d.node('NonIsolatedCallerFunctionType');
    case 'i': return d.type(d.withChildren('Isolated', d.popTypeAndGetChild()));
    case 'j': {
      const k = d.next();
      if (!'frdl'.includes(k) || k === '') return null;
      return d.node('DifferentiableFunctionType', k);
    }
    case 'k': return d.type(d.withChildren('NoDerivative', d.popTypeAndGetChild()));
    case 'K': return d.withChildren('TypedThrowsAnnotation', d.popTypeAndGetChild());
    case 't': return d.type(d.withChildren('CompileTimeLiteral', d.popTypeAndGetChild()));
    case 'g': return d.type(d.withChildren('ConstValue', d.popTypeAndGetChild()));
    case 'T': return d.node('SendingResultFunctionType');
    case 'u': return d.type(d.withChildren('Sending', d.popTypeAndGetChild()));
    default: return null;
  }
}

function popAssocTypeName(d: Demangler): Node | null {
  let proto = d.pop('Type');
  if (proto && !isProtocolNode(proto)) return null;
  proto ??= d.pop('ProtocolSymbolicReference');
  const id = d.pop('Identifier');
  if (!id) return null;
  const n = d.node('DependentAssociatedTypeRef', id.text);
  if (proto) n.add(proto);
  return n;
}

export function popAssocTypePath(d: Demangler): Node | null {
  const path = d.node('AssocTypePath');
  return d.popMarkedList(path, () => popAssocTypeName(d)) ? path : null;
}

export { popAssocTypeName };

function assocTypeSimple(d: Demangler, base: Node | null | undefined): Node | null {
  const name = popAssocTypeName(d);
  const baseTy = base === undefined ? d.pop('Type') : d.type(base);
  return d.type(d.withChildren('DependentMemberType', baseTy, name));
}

function assocTypeCompound(d: Demangler, base: Node | null | undefined): Node | null {
  const names: Node[] = [];
  let first = false;
  do {
    first = d.pop('FirstElementMarker') !== null;
    const n = popAssocTypeName(d);
    if (!n) return null;
    names.push(n);
  } while (!first);
  let baseTy = base === undefined ? d.pop('Type') : d.type(base);
  for (let n = names.pop(); n; n = names.pop()) baseTy = d.type(d.withChildren('DependentMemberType', baseTy, n));
  return baseTy;
}

function registered(d: Demangler, n: Node | null): Node | null {
  d.addSubstitution(n);
  return n;
}

export function demangleArchetype(d: Demangler): Node | null {
  switch (d.next()) {
    case 'a': {
      const id = d.pop('Identifier');
      const arche = d.popTypeAndGetChild();
      return registered(d, d.type(d.withChildren('AssociatedTypeRef', arche, id)));
    }
    case 'O': return d.withChildren('OpaqueReturnTypeOf', d.popContext());
    case 'o': {
      const index = d.index();
      const g = demangleBoundGenerics(d);
      if (!g || index < 0) return null;
      const name = d.pop();
      if (!name) return null;
      const opaque = d.node('OpaqueType').add(name).add(d.node('Index', undefined, index));
      const bound = d.node('TypeList');
      for (let i = g.lists.length - 1; i >= 0; i--) bound.add(g.lists[i] as Node);
      opaque.add(bound);
      if (g.retro) opaque.add(g.retro);
      return registered(d, d.type(opaque));
    }
    case 'r': return d.type(d.node('OpaqueReturnType'));
    case 'R': {
      const ordinal = d.index();
      if (ordinal < 0) return null;
      return d.type(d.node('OpaqueReturnType').add(d.node('OpaqueReturnTypeIndex', undefined, ordinal)));
    }
    case 'x': return registered(d, assocTypeSimple(d, undefined));
    case 'X': return registered(d, assocTypeCompound(d, undefined));
    case 'y': return registered(d, assocTypeSimple(d, demangleGenericParamIndex(d)));
    case 'Y': return registered(d, assocTypeCompound(d, demangleGenericParamIndex(d)));
    case 'z': return registered(d, assocTypeSimple(d, dependentGenericParamType(d, 0, 0)));
    case 'Z': return registered(d, assocTypeCompound(d, dependentGenericParamType(d, 0, 0)));
    case 'p': {
      const count = d.popTypeAndGetChild();
      const pattern = d.popTypeAndGetChild();
      return d.type(d.withChildren('PackExpansion', pattern, count));
    }
    case 'e': {
      const level = d.index();
      const pattern = d.popTypeAndGetChild();
      return d.type(d.withChildren('PackElement', pattern, d.node('PackElementLevel', undefined, level)));
    }
    case 'P': return popPack(d, 'Pack');
    case 'S': {
      const k = d.next();
      if (k !== 'd' && k !== 'i') return null;
      return popPack(d, k === 'd' ? 'SILPackDirect' : 'SILPackIndirect');
    }
    default: return null;
  }
}

function popPack(d: Demangler, kind: Kind): Node | null {
  const root = d.node(kind);
  if (!d.pop('EmptyList') && !d.popMarkedList(root, () => d.pop('Type'))) return null;
  return d.type(root);
}

export function demangleGenericSignature(d: Demangler, hasParamCounts: boolean): Node | null {
  const sig = d.node('DependentGenericSignature');
  if (hasParamCounts) {
    while (!d.nextIf('l')) {
      let count = 0;
      if (!d.nextIf('z')) count = d.index() + 1;
      if (count < 0 || d.pos >= d.text.length) return null;
      sig.add(d.node('DependentGenericParamCount', undefined, count));
    }
  } else {
    sig.add(d.node('DependentGenericParamCount', undefined, 1));
  }
  const numCounts = sig.count;
  for (let r = d.pop(isRequirement); r; r = d.pop(isRequirement)) sig.add(r);
  sig.reverseFrom(numCounts);
  return sig;
}

type Subject = 'generic' | 'assoc' | 'compound' | 'subst';
type Constraint = 'protocol' | 'baseClass' | 'sameType' | 'sameShape' | 'layout' | 'pack' | 'inverse' | 'value';
const REQUIREMENTS: Record<string, [Constraint, Subject]> = {
  V: ['value', 'generic'], v: ['pack', 'generic'], c: ['baseClass', 'assoc'], C: ['baseClass', 'compound'],
  b: ['baseClass', 'generic'], B: ['baseClass', 'subst'], t: ['sameType', 'assoc'], T: ['sameType', 'compound'],
  s: ['sameType', 'generic'], S: ['sameType', 'subst'], m: ['layout', 'assoc'], M: ['layout', 'compound'],
  l: ['layout', 'generic'], L: ['layout', 'subst'], p: ['protocol', 'assoc'], P: ['protocol', 'compound'],
  Q: ['protocol', 'subst'], h: ['sameShape', 'generic'], i: ['inverse', 'generic'], I: ['inverse', 'subst'],
};

export function demangleGenericRequirement(d: Demangler): Node | null {
  let spec = REQUIREMENTS[d.next()];
  if (spec === undefined) {
    spec = ['protocol', 'generic'];
    d.pushBack();
  }
  const [constraint, subject] = spec;
  // An inverse requirement names the suppressed protocol (bit number) before its subject.
  const inverseBit = constraint === 'inverse' ? d.index() : -1;
  let ty: Node | null;
  switch (subject) {
    case 'generic': ty = d.type(demangleGenericParamIndex(d)); break;
    case 'assoc': ty = registered(d, assocTypeSimple(d, demangleGenericParamIndex(d))); break;
    case 'compound': ty = registered(d, assocTypeCompound(d, demangleGenericParamIndex(d))); break;
    case 'subst': ty = d.pop('Type'); break;
  }
  switch (constraint) {
    case 'value': return d.withChildren('DependentGenericParamValueMarker', ty, d.pop('Type'));
    case 'pack': return d.withChildren('DependentGenericParamPackMarker', ty);
    case 'protocol': return d.withChildren('DependentGenericConformanceRequirement', ty, popProtocol(d));
    case 'inverse':
      if (inverseBit < 0) return null;
      return d.withChildren('DependentGenericInverseConformanceRequirement', ty, d.node('Index', undefined, inverseBit));
    case 'baseClass': return d.withChildren('DependentGenericConformanceRequirement', ty, d.pop('Type'));
    case 'sameType': return d.withChildren('DependentGenericSameTypeRequirement', ty, d.pop('Type'));
    case 'sameShape': return d.withChildren('DependentGenericSameShapeRequirement', ty, d.pop('Type'));
    case 'layout': {
      const c = d.next();
      let size: Node | null = null;
      let alignment: Node | null = null;
      if ('EM'.includes(c) && c !== '') {
        size = d.indexNode();
        if (!size) return null;
        alignment = d.indexNode();
      } else if ('emS'.includes(c) && c !== '') {
        size = d.indexNode();
        if (!size) return null;
      } else if (!'URNCDTB'.includes(c) || c === '') {
        return null;
      }
      const req = d.withChildren('DependentGenericLayoutRequirement', ty, d.node('Identifier', c));
      if (req && size) req.add(size);
      if (req && alignment) req.add(alignment);
      return req;
    }
  }
}
