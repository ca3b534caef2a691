/** Old-grammar (`_T…`) types, generic signatures, protocols and conformances. */
import type { Kind, Node } from '../node.js';
import { boundGeneric, type OldDemangler } from './demangler.js';

export function oldType(d: OldDemangler): Node | null {
  const t = d.nest(() => typeImpl(d));
  return t ? d.node('Type').add(t) : null;
}

const BUILTINS: Record<string, string> = {
  b: 'Builtin.BridgeObject', B: 'Builtin.UnsafeValueBuffer', O: 'Builtin.UnknownObject', o: 'Builtin.NativeObject',
  p: 'Builtin.RawPointer', t: 'Builtin.SILToken', w: 'Builtin.Word',
};

function builtinSize(d: OldDemangler): number {
  const n = d.natural();
  return n > 0 && n <= 4096 && d.nextIf('_') ? n : -1;
}

function builtin(d: OldDemangler): Node | null {
  const c = d.next();
  const named = BUILTINS[c];
  if (named !== undefined) return d.node('BuiltinTypeName', named);
  if (c === 'f' || c === 'i') {
    const size = builtinSize(d);
    return size < 0 ? null : d.node('BuiltinTypeName', `Builtin.${c === 'f' ? 'FPIEEE' : 'Int'}${size}`);
  }
  if (c === 'v') {
    const elts = d.natural();
    if (elts <= 0 || !d.nextIf('B')) return null;
    if (d.nextIf('p')) return d.node('BuiltinTypeName', `Builtin.Vec${elts}xRawPointer`);
    const k = d.next();
    if (k !== 'i' && k !== 'f') return null;
    const size = builtinSize(d);
    return size < 0 ? null : d.node('BuiltinTypeName', `Builtin.Vec${elts}x${k === 'f' ? 'FPIEEE' : 'Int'}${size}`);
  }
  return null;
}

function typeImpl(d: OldDemangler): Node | null {
  if (d.empty) return null;
  const c = d.next();
  switch (c) {
    case 'B': return builtin(d);
    case 'a': return d.declaration('TypeAlias');
    case 'b': return functionType(d, 'ObjCBlock');
    case 'c': return functionType(d, 'CFunctionPointer');
    case 'D': return d.with('DynamicSelf', oldType(d));
    case 'E': return d.nextIf('RR') ? d.node('ErrorType', '') : null;
    case 'F': return functionType(d, 'FunctionType');
    case 'f': return functionType(d, 'UncurriedFunctionType');
    case 'G': return boundGeneric(d);
    case 'K': return functionType(d, 'AutoClosureType');
    case 'M': return d.with('Metatype', oldType(d));
    case 'P':
      if (d.nextIf('M')) return d.with('ExistentialMetatype', oldType(d));
      return protocolList(d);
    case 'Q':
      if (d.nextIf('u')) return d.node('OpaqueReturnType');
      if (d.nextIf('U')) {
        const i = d.index();
        return i < 0 ? null : d.node('OpaqueReturnType').add(d.node('OpaqueReturnTypeIndex', undefined, i));
      }
      return null; // archetypes of the oldest manglings are not supported
    case 'q': return dependentType(d);
    case 'x': return genericParam(d, 0, 0);
    case 'w': return assocSimple(d);
    case 'W': return assocCompound(d);
    case 'R': { const t = typeImpl(d); return t ? d.node('InOut').add(t) : null; }
    case 'k': { const t = typeImpl(d); return t ? d.node('NoDerivative').add(t) : null; }
    case 'S': return d.substitution();
    case 'T': return tuple(d, false);
    case 't': return tuple(d, true);
    case 'u': return d.with('DependentGenericType', oldGenericSignature(d, false), oldType(d));
    case 'X': return specialType(d);
    case 'C': return d.declaration('Class');
    case 'V': return d.declaration('Structure');
    case 'O': return d.declaration('Enum');
    default: return null;
  }
}

function specialType(d: OldDemangler): Node | null {
  const c = d.next();
  const wrappers: Record<string, Kind> = { o: 'Unowned', u: 'Unmanaged', w: 'Weak', b: 'SILBoxType' };
  if (wrappers[c] !== undefined) return d.with(wrappers[c], oldType(d));
  switch (c) {
    case 'M': return d.with('Metatype', metatypeRepr(d), oldType(d));
    case 'P':
      if (d.nextIf('M')) return d.with('ExistentialMetatype', metatypeRepr(d), oldType(d));
      return protocolList(d);
    case 'F': return implFunctionType(d);
    case 'B': {
      let sig: Node | null = null;
      if (d.nextIf('G')) {
        sig = oldGenericSignature(d, false);
        if (!sig) return null;
      }
      const layout = d.node('SILBoxLayout');
      while (!d.nextIf('_')) {
        const k = d.next();
        if (k !== 'm' && k !== 'i') return null;
        const f = d.with(k === 'm' ? 'SILBoxMutableField' : 'SILBoxImmutableField', oldType(d));
        if (!f) return null;
        layout.add(f);
      }
      const box = d.node('SILBoxTypeWithLayout').add(layout);
      if (sig) {
        const args = d.node('TypeList');
        while (!d.nextIf('_')) {
          const t = oldType(d);
          if (!t) return null;
          args.add(t);
        }
        box.add(sig).add(args);
      }
      return box;
    }
    default: return null;
  }
}

function metatypeRepr(d: OldDemangler): Node | null {
  const r = ({ t: '@thin', T: '@thick', o: '@objc_metatype' } as Record<string, string>)[d.next()];
  return r === undefined ? null : d.node('MetatypeRepresentation', r);
}

function functionType(d: OldDemangler, kind: Kind): Node | null {
  const throws = d.nextIf('z');
  const sendable = d.nextIf('y');
  const isAsync = d.nextIf('Z');
  const args = oldType(d);
  if (!args) return null;
  const result = oldType(d);
  if (!result) return null;
  const fn = d.node(kind);
  if (throws) fn.add(d.node('ThrowsAnnotation'));
  if (sendable) fn.add(d.node('ConcurrentFunctionType'));
  if (isAsync) fn.add(d.node('AsyncAnnotation'));
  return fn.add(d.node('ArgumentTuple').add(args)).add(d.node('ReturnType').add(result));
}

function tuple(d: OldDemangler, variadic: boolean): Node | null {
  const t = d.node('Tuple');
  let elt: Node | null = null;
  while (!d.nextIf('_')) {
    if (d.empty) return null;
    elt = d.node('TupleElement');
    const p = d.peek();
    if ((p >= '0' && p <= '9') || p === 'X' || p === 'o') {
      const label = d.identifier('TupleElementName');
      if (!label) return null;
      elt.add(label);
    }
    const ty = oldType(d);
    if (!ty) return null;
    t.add(elt.add(ty));
  }
  if (variadic && elt) elt.children.unshift(d.node('VariadicMarker'));
  return t;
}

function genericParam(d: OldDemangler, depth: number, index: number): Node {
  return d.node('DependentGenericParamType').add(d.node('Index', undefined, depth)).add(d.node('Index', undefined, index));
}

function genericParamIndex(d: OldDemangler): Node | null {
  if (d.nextIf('d')) {
    const depth = d.index();
    const index = d.index();
    return depth < 0 || index < 0 ? null : genericParam(d, depth + 1, index);
  }
  if (d.nextIf('x')) return genericParam(d, 0, 0);
  const index = d.index();
  return index < 0 ? null : genericParam(d, 0, index + 1);
}

function dependentType(d: OldDemangler): Node | null {
  const c = d.peek();
  if (c !== 'd' && c !== '_' && !(c >= '0' && c <= '9') && c !== '') {
    const base = oldType(d);
    return base ? memberTypeName(d, base) : null;
  }
  return genericParamIndex(d);
}

function memberTypeName(d: OldDemangler, base: Node): Node | null {
  let assoc: Node | null;
  if (d.nextIf('S')) {
    assoc = d.substitution();
    if (!assoc || assoc.kind !== 'DependentAssociatedTypeRef') return null;
  } else {
    let proto: Node | null = null;
    if (d.nextIf('P')) {
      proto = oldProtocolName(d);
      if (!proto) return null;
    }
    const id = d.identifier();
    if (!id) return null;
    assoc = d.node('DependentAssociatedTypeRef', id.text);
    if (proto) assoc.add(proto);
    d.substitutions.push(assoc);
  }
  return d.node('DependentMemberType').add(base).add(assoc);
}

function assocSimple(d: OldDemangler): Node | null {
  const base = genericParamIndex(d);
  return base ? memberTypeName(d, d.node('Type').add(base)) : null;
}

function assocCompound(d: OldDemangler): Node | null {
  let base = genericParamIndex(d);
  while (base && !d.nextIf('_')) {
    if (d.empty) return null;
    base = memberTypeName(d, d.node('Type').add(base));
  }
  return base;
}

export function oldGenericSignature(d: OldDemangler, pseudo: boolean): Node | null {
  const sig = d.node(pseudo ? 'DependentPseudogenericSignature' : 'DependentGenericSignature');
  let counted = false;
  while (d.peek() !== 'R' && d.peek() !== 'r') {
    if (d.empty) return null;
    let count: number;
    if (d.nextIf('z')) count = 0;
    else {
      const i = d.index();
      if (i < 0) return null;
      count = i + 1;
    }
    sig.add(d.node('DependentGenericParamCount', undefined, count));
    counted = true;
  }
  if (!counted) sig.add(d.node('DependentGenericParamCount', undefined, 1));
  if (d.nextIf('r')) return sig;
  if (!d.nextIf('R')) return null;
  while (!d.nextIf('r')) {
    if (d.empty) return null;
    const req = requirement(d);
    if (!req) return null;
    sig.add(req);
  }
  return sig;
}

function requirement(d: OldDemangler): Node | null {
  let constrained: Node | null;
  if (d.nextIf('w')) constrained = assocSimple(d);
  else if (d.nextIf('W')) constrained = assocCompound(d);
  else constrained = genericParamIndex(d);
  if (!constrained) return null;
  const subject = d.node('Type').add(constrained);
  if (d.nextIf('z')) return d.with('DependentGenericSameTypeRequirement', subject, oldType(d));
  if (d.nextIf('l')) {
    const c = d.next();
    const req = d.node('DependentGenericLayoutRequirement').add(subject).add(d.node('Identifier', c));
    if ('URNT'.includes(c) && c !== '') return req;
    if (c === 'E' || c === 'M') {
      const size = d.natural();
      if (size < 0 || !d.nextIf('_')) return null;
      const align = d.natural();
      if (align < 0) return null;
      return req.add(d.node('Number', undefined, size)).add(d.node('Number', undefined, align));
    }
    if (c === 'e' || c === 'm') {
      const size = d.natural();
      return size < 0 ? null : req.add(d.node('Number', undefined, size));
    }
    return null;
  }
  let constraint: Node | null;
  if (d.peek() === 'C') {
    constraint = oldType(d);
  } else if (d.nextIf('S')) {
    const sub = d.substitution();
    if (!sub) return null;
    let named: Node | null = null;
    if (sub.kind === 'Protocol' || sub.kind === 'Class') named = sub;
    else if (sub.kind === 'Module') named = protocolGivenContext(d, sub);
    constraint = named ? d.node('Type').add(named) : null;
  } else {
    constraint = oldProtocolName(d);
  }
  return d.with('DependentGenericConformanceRequirement', subject, constraint);
}

function protocolGivenContext(d: OldDemangler, ctx: Node): Node | null {
  const name = d.declName();
  if (!name) return null;
  const proto = d.node('Protocol').add(ctx).add(name);
  d.substitutions.push(proto);
  return proto;
}

function protocolNameImpl(d: OldDemangler): Node | null {
  if (d.nextIf('S')) {
    const sub = d.substitution();
    if (!sub) return null;
    if (sub.kind === 'Protocol') return sub;
    if (sub.kind !== 'Module') return null;
    return protocolGivenContext(d, sub);
  }
  if (d.nextIf('s')) return protocolGivenContext(d, d.node('Module', 'Swift'));
  return d.declaration('Protocol');
}

export function oldProtocolName(d: OldDemangler): Node | null {
  const p = protocolNameImpl(d);
  return p ? d.node('Type').add(p) : null;
}

function protocolList(d: OldDemangler): Node | null {
  const list = d.node('TypeList');
  while (!d.nextIf('_')) {
    if (d.empty) return null;
    const p = oldProtocolName(d);
    if (!p) return null;
    list.add(p);
  }
  return d.node('ProtocolList').add(list);
}

export function oldProtocolConformance(d: OldDemangler): Node | null {
  const type = oldType(d);
  if (!type) return null;
  const proto = oldProtocolName(d);
  if (!proto) return null;
  const ctx = d.context();
  if (!ctx) return null;
  return d.node('ProtocolConformance').add(type).add(proto).add(ctx);
}

const CONVENTIONS: Record<string, [string, string, string]> = {
  a: ['', '', '@autoreleased'], d: ['@callee_unowned', '@unowned', '@unowned'], D: ['', '', '@unowned_inner_pointer'],
  g: ['@callee_guaranteed', '@guaranteed', ''], e: ['', '@deallocating', ''], i: ['', '@in', '@out'],
  l: ['', '@inout', ''], o: ['@callee_owned', '@owned', '@owned'], t: ['@convention(thin)', '', ''],
};

function convention(d: OldDemangler, which: 0 | 1 | 2): string {
  const c = CONVENTIONS[d.peek()];
  if (c === undefined || c[which] === '' || d.empty) return '';
  d.next();
  return c[which];
}

function implFunctionType(d: OldDemangler): Node | null {
  const type = d.node('ImplFunctionType');
  const callee = convention(d, 0);
  if (callee === '') return null;
  type.add(d.node('ImplConvention', callee));
  if (d.nextIf('C')) {
    const repr = ({ b: 'block', c: 'c', m: 'method', O: 'objc_method', w: 'witness_method' } as Record<string, string>)[d.next()];
    if (repr === undefined) return null;
    type.add(d.node('ImplFunctionConvention').add(d.node('ImplFunctionConventionName', repr)));
  }
  if (d.nextIf('h')) type.add(d.node('ImplFunctionAttribute', '@Sendable'));
  if (d.nextIf('H')) type.add(d.node('ImplFunctionAttribute', '@async'));
  if (d.peek() === 'G' || d.peek() === 'g') {
    const sig = oldGenericSignature(d, d.next() === 'g');
    if (!sig) return null;
    type.add(sig);
  }
  if (!d.nextIf('_')) return null;
  for (const kind of ['ImplParameter', 'ImplResult'] as const) {
    while (!d.nextIf('_')) {
      if (d.empty) return null;
      let k: Kind = kind;
      if (d.nextIf('z')) {
        if (kind !== 'ImplResult') return null;
        k = 'ImplErrorResult';
      }
      const conv = convention(d, kind === 'ImplParameter' ? 1 : 2);
      if (conv === '') return null;
      const ty = oldType(d);
      if (!ty) return null;
      type.add(d.node(k).add(d.node('ImplConvention', conv)).add(ty));
    }
  }
  return type;
}
