/** `T` operators: thunks, function attributes and specialisations (§11). */
import type { Demangler } from './parser.js';
import { isEntity, type Kind, type Node } from './node.js';
import { popTypeList, popProtocol, popAssocTypeName, popAssocTypePath } from './parse-types.js';
import { popProtocolConformance } from './parse-metadata.js';

const MARKERS: Record<string, Kind> = {
  o: 'ObjCAttribute', O: 'NonObjCAttribute', D: 'DynamicAttribute', d: 'DirectMethodReferenceAttribute',
  E: 'DistributedThunk', F: 'DistributedAccessor', a: 'PartialApplyObjCForwarder', A: 'PartialApplyForwarder',
  m: 'MergedFunction', X: 'DynamicallyReplaceableFunctionVar', x: 'DynamicallyReplaceableFunctionKey',
  I: 'DynamicallyReplaceableFunctionImpl', u: 'AsyncFunctionPointer',
};
const ENTITY_WRAPPERS: Record<string, Kind> = {
  c: 'CurryThunk', j: 'DispatchThunk', q: 'MethodDescriptor', S: 'ProtocolSelfConformanceWitness',
};
const GENERIC_SPECS: Record<string, Kind> = {
  g: 'GenericSpecialization', G: 'GenericSpecializationNotReAbstracted', B: 'GenericSpecializationInResilienceDomain',
  s: 'GenericSpecializationPrespecialized', i: 'InlinedGenericFunction',
};

export function demangleThunkOrSpecialization(d: Demangler): Node | null {
  const c = d.next();
  const marker = MARKERS[c];
  if (marker !== undefined) return d.node(marker);
  const wrapper = ENTITY_WRAPPERS[c];
  if (wrapper !== undefined) return d.withChildren(wrapper, d.pop(isEntity));
  const spec = GENERIC_SPECS[c];
  if (spec !== undefined) return genericSpecialization(d, spec, []);
  switch (c) {
    case 'Y': case 'Q':
      return d.withChildren(c === 'Q' ? 'AsyncAwaitResumePartialFunction' : 'AsyncSuspendResumePartialFunction', d.indexNode());
    case 'C': return d.withChildren('CoroutineContinuationPrototype', d.pop('Type'));
    case 'z': case 'Z': {
      const flag = d.indexNode();
      const sig = d.pop('DependentGenericSignature');
      const result = d.pop('Type');
      const impl = d.pop('Type');
      const n = d.withChildren(c === 'z' ? 'ObjCAsyncCompletionHandlerImpl' : 'PredefinedObjCAsyncCompletionHandlerImpl',
        impl, result, flag);
      if (n && sig) n.add(sig);
      return n;
    }
    case 'V': {
      const base = d.pop(isEntity);
      const derived = d.pop(isEntity);
      return d.withChildren('VTableThunk', derived, base);
    }
    case 'W': {
      const entity = d.pop(isEntity);
      const conf = popProtocolConformance(d);
      return d.withChildren('ProtocolWitness', conf, entity);
    }
    case 'R': case 'r': case 'y': {
      const kind = c === 'R' ? 'ReabstractionThunkHelper' : c === 'y' ? 'ReabstractionThunkHelperWithSelf' : 'ReabstractionThunk';
      const thunk = d.node(kind);
      const sig = d.pop('DependentGenericSignature');
      if (sig) thunk.add(sig);
      const count = c === 'y' ? 3 : 2;
      for (let i = 0; i < count; i++) {
        const t = d.pop('Type');
        if (!t) return null;
        thunk.add(t);
      }
      return thunk;
    }
    case 't': {
      d.pushBack();
      const dropped: Node[] = [];
      while (d.nextIf('t')) {
        const n = d.natural();
        dropped.push(d.node('DroppedArgument', undefined, n < 0 ? 0 : n + 1));
      }
      const k = GENERIC_SPECS[d.next()];
      if (k === undefined || !['GenericSpecialization', 'GenericSpecializationNotReAbstracted',
        'GenericSpecializationInResilienceDomain'].includes(k)) return null;
      return genericSpecialization(d, k, dropped);
    }
    case 'p': case 'P': {
      const s = specAttributes(d, c === 'p' ? 'GenericPartialSpecialization' : 'GenericPartialSpecializationNotReAbstracted');
      const param = d.withChildren('GenericSpecializationParam', d.pop('Type'));
      return s && param ? s.add(param) : null;
    }
    case 'f': return functionSpecialization(d);
    case 'K': case 'k': return keyPathAccessor(d, c === 'K' ? 'KeyPathGetterThunkHelper' : 'KeyPathSetterThunkHelper');
    case 'H': case 'h': return keyPathIndexOperator(d, c === 'H' ? 'KeyPathEqualsThunkHelper' : 'KeyPathHashThunkHelper');
    case 'l': return d.withChildren('AssociatedTypeDescriptor', popAssocTypeName(d));
    case 'L': return d.withChildren('ProtocolRequirementsBaseDescriptor', popProtocol(d));
    case 'M': return d.withChildren('DefaultAssociatedTypeMetadataAccessor', popAssocTypeName(d));
    case 'n': case 'N': {
      const requirement = popProtocol(d);
      const path = popAssocTypePath(d);
      const proto = d.pop('Type');
      return d.withChildren(c === 'n' ? 'AssociatedConformanceDescriptor' : 'DefaultAssociatedConformanceAccessor',
        proto, path, requirement);
    }
    case 'b': {
      const requirement = popProtocol(d);
      const proto = d.pop('Type');
      return d.withChildren('BaseConformanceDescriptor', proto, requirement);
    }
    case 'v': {
      const i = d.index();
      if (i < 0) return null;
      return d.next() === 'r' ? d.node('OutlinedReadOnlyObject', undefined, i) : d.node('OutlinedVariable', undefined, i);
    }
    case 'e': {
      const params = bridgedMethodParams(d);
      return params === '' ? null : d.node('OutlinedBridgedMethod', params);
    }
    case 'U': {
      const actor = d.pop('Type');
      const thunk = d.pop();
      return d.withChildren('ReabstractionThunkHelperWithGlobalActor', thunk, actor);
    }
    case 'w': {
      const k = { b: 'BackDeploymentThunk', B: 'BackDeploymentFallback', S: 'HasSymbolQuery', c: 'CoroFunctionPointer',
        d: 'DefaultOverride' }[d.next()];
      return k === undefined ? null : d.node(k);
    }
    default: return null;
  }
}

function bridgedMethodParams(d: Demangler): string {
  if (d.nextIf('_')) return '';
  const kind = d.next();
  if (kind === '' || !'pam'.includes(kind)) return '';
  let s = kind;
  while (!d.nextIf('_')) {
    const c = d.next();
    if (c !== 'n' && c !== 'b' && c !== 'g') return '';
    s += c;
  }
  return s;
}

function specAttributes(d: Demangler, kind: Kind): Node | null {
  const serialized = d.nextIf('q');
  const asyncRemoved = d.nextIf('a');
  const pass = d.next().charCodeAt(0) - 48;
  if (!(pass >= 0 && pass <= 9)) return null;
  const n = d.node(kind);
  if (serialized) n.add(d.node('IsSerialized'));
  if (asyncRemoved) n.add(d.node('AsyncRemoved'));
  return n.add(d.node('SpecializationPassID', undefined, pass));
}

function genericSpecialization(d: Demangler, kind: Kind, dropped: Node[]): Node | null {
  const spec = specAttributes(d, kind);
  if (!spec) return null;
  for (const n of dropped) spec.add(n);
  const types = popTypeList(d);
  if (!types) return null;
  for (const t of types.children) spec.add(d.node('GenericSpecializationParam').add(t));
  return spec;
}

/** FunctionSigSpecializationParamKind values and option bits, as in the compiler. */
export const SPEC_KIND = {
  ConstantPropFunction: 0, ConstantPropGlobal: 1, ConstantPropInteger: 2, ConstantPropFloat: 3,
  ConstantPropString: 4, ClosureProp: 5, BoxToValue: 6, BoxToStack: 7, InOutToOut: 8, ConstantPropKeyPath: 9,
  Dead: 1 << 6, OwnedToGuaranteed: 1 << 7, SROA: 1 << 8, GuaranteedToOwned: 1 << 9, ExistentialToGeneric: 1 << 10,
} as const;

function functionSpecialization(d: Demangler): Node | null {
  let spec = specAttributes(d, 'FunctionSignatureSpecialization');
  while (spec && !d.nextIf('_')) {
    const p = funcSpecParam(d, 'FunctionSignatureSpecializationParam');
    spec = p ? spec.add(p) : null;
  }
  if (spec && !d.nextIf('n')) {
    const r = funcSpecParam(d, 'FunctionSignatureSpecializationReturn');
    spec = r ? spec.add(r) : null;
  }
  if (!spec) return null;
  for (let i = spec.count - 1; i >= 0; i--) {
    const param = spec.child(i);
    if (param.kind !== 'FunctionSignatureSpecializationParam' || param.count === 0) continue;
    const kind = param.first.indexOf();
    const takesPayload = [SPEC_KIND.ConstantPropFunction, SPEC_KIND.ConstantPropGlobal, SPEC_KIND.ConstantPropString,
      SPEC_KIND.ConstantPropKeyPath, SPEC_KIND.ClosureProp] as number[];
    if (!takesPayload.includes(kind)) continue;
    const fixed = param.count;
    for (let ty = d.pop('Type'); ty; ty = d.pop('Type')) {
      if (kind !== SPEC_KIND.ClosureProp && kind !== SPEC_KIND.ConstantPropKeyPath) return null;
      param.add(ty);
    }
    const name = d.pop('Identifier');
    if (!name) return null;
    let text = name.textOf();
    if (kind === SPEC_KIND.ConstantPropString && text.startsWith('_')) text = text.slice(1);
    param.add(d.node('FunctionSignatureSpecializationParamPayload', text));
    param.reverseFrom(fixed);
  }
  return spec;
}

function funcSpecParam(d: Demangler, kind: Kind): Node | null {
  const param = d.node(kind);
  const k = (v: number): Node => param.add(d.node('FunctionSignatureSpecializationParamKind', undefined, v));
  const flags = (base: number, letters: string): Node => {
    let v = base;
    const bits: Record<string, number> = { D: SPEC_KIND.Dead, G: SPEC_KIND.OwnedToGuaranteed,
      O: SPEC_KIND.GuaranteedToOwned, X: SPEC_KIND.SROA };
    for (const l of letters) if (d.nextIf(l)) v |= bits[l] ?? 0;
    return k(v);
  };
  switch (d.next()) {
    case 'n': return param;
    case 'c': return k(SPEC_KIND.ClosureProp);
    case 'p':
      switch (d.next()) {
        case 'f': return k(SPEC_KIND.ConstantPropFunction);
        case 'g': return k(SPEC_KIND.ConstantPropGlobal);
        case 'i': case 'd': {
          d.pushBack();
          k(d.next() === 'i' ? SPEC_KIND.ConstantPropInteger : SPEC_KIND.ConstantPropFloat);
          let digits = '';
          while (d.peek() !== '' && d.peek() >= '0' && d.peek() <= '9') digits += d.next();
          if (digits === '') return null;
          return param.add(d.node('FunctionSignatureSpecializationParamPayload', digits));
        }
        case 's': {
          const enc = { b: 'u8', w: 'u16', c: 'objc' }[d.next()];
          if (enc === undefined) return null;
          k(SPEC_KIND.ConstantPropString);
          return param.add(d.node('FunctionSignatureSpecializationParamPayload', enc));
        }
        case 'k': return k(SPEC_KIND.ConstantPropKeyPath);
        default: return null;
      }
    case 'e': return flags(SPEC_KIND.ExistentialToGeneric, 'DGOX');
    case 'd': return flags(SPEC_KIND.Dead, 'GOX');
    case 'g': return flags(SPEC_KIND.OwnedToGuaranteed, 'X');
    case 'o': return flags(SPEC_KIND.GuaranteedToOwned, 'X');
    case 'x': return k(SPEC_KIND.SROA);
    case 'i': return k(SPEC_KIND.BoxToValue);
    case 's': return k(SPEC_KIND.BoxToStack);
    case 'r': return k(SPEC_KIND.InOutToOut);
    default: return null;
  }
}

function keyPathAccessor(d: Demangler, kind: Kind): Node | null {
  const serialized = d.nextIf('q');
  const types: Node[] = [];
  let n = d.pop();
  if (!n || n.kind !== 'Type') return null;
  do {
    types.push(n);
    n = d.pop();
  } while (n && n.kind === 'Type');
  if (!n) return null;
  let result: Node | null;
  if (n.kind === 'DependentGenericSignature') result = d.withChildren(kind, d.pop(), n);
  else result = d.withChildren(kind, n);
  if (!result) return null;
  for (let i = types.length - 1; i >= 0; i--) result.add(types[i] as Node);
  if (serialized) result.add(d.node('IsSerialized'));
  return result;
}

function keyPathIndexOperator(d: Demangler, kind: Kind): Node | null {
  const serialized = d.nextIf('q');
  let sig: Node | null = null;
  const types: Node[] = [];
  const first = d.pop();
  if (!first) return null;
  if (first.kind === 'DependentGenericSignature') sig = first;
  else if (first.kind === 'Type') types.push(first);
  else return null;
  for (let n = d.pop(); n; n = d.pop()) {
    if (n.kind !== 'Type') return null;
    types.push(n);
  }
  const result = d.node(kind);
  for (let i = types.length - 1; i >= 0; i--) result.add(types[i] as Node);
  if (sig) result.add(sig);
  if (serialized) result.add(d.node('IsSerialized'));
  return result;
}
