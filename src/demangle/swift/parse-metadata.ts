/** Metadata, descriptors, witness tables, conformances and runtime records (`M`, `W`, `w`, `H`, `g`; §9, §12). */
import type { Demangler } from './parser.js';
import { isEntity, type Kind, type Node } from './node.js';
import { popProtocol, popAssocTypePath } from './parse-types.js';
import { VALUE_WITNESSES } from './value-witnesses.js';

export function popProtocolConformance(d: Demangler): Node | null {
  const sig = d.pop('DependentGenericSignature');
  const mod = d.popModule();
  const proto = popProtocol(d);
  let type = d.pop('Type');
  let ident: Node | null = null;
  if (!type) {
    ident = d.pop('Identifier');
    type = d.pop('Type');
  }
  if (sig) type = d.type(d.withChildren('DependentGenericType', sig, type));
  const conf = d.withChildren('ProtocolConformance', type, proto, mod);
  if (conf && ident) conf.add(ident);
  return conf;
}

type Operand = 'type' | 'conf' | 'proto' | 'any' | 'entity';
const METADATA: Record<string, [Kind, Operand]> = {
  a: ['TypeMetadataAccessFunction', 'type'], A: ['ReflectionMetadataAssocTypeDescriptor', 'conf'],
  b: ['CanonicalSpecializedGenericTypeMetadataAccessFunction', 'type'], B: ['ReflectionMetadataBuiltinDescriptor', 'type'],
  c: ['ProtocolConformanceDescriptor', 'conf'], D: ['TypeMetadataDemanglingCache', 'type'],
  f: ['FullTypeMetadata', 'type'], F: ['ReflectionMetadataFieldDescriptor', 'type'],
  g: ['OpaqueTypeDescriptorAccessor', 'any'], h: ['OpaqueTypeDescriptorAccessorImpl', 'any'],
  i: ['TypeMetadataInstantiationFunction', 'type'], I: ['TypeMetadataInstantiationCache', 'type'],
  j: ['OpaqueTypeDescriptorAccessorKey', 'any'], J: ['NoncanonicalSpecializedGenericTypeMetadataCache', 'any'],
  k: ['OpaqueTypeDescriptorAccessorVar', 'any'], K: ['MetadataInstantiationCache', 'any'],
  l: ['TypeMetadataSingletonInitializationCache', 'type'], L: ['TypeMetadataLazyCache', 'type'],
  m: ['Metaclass', 'type'], M: ['CanonicalSpecializedGenericMetaclass', 'type'],
  n: ['NominalTypeDescriptor', 'type'], N: ['NoncanonicalSpecializedGenericTypeMetadata', 'type'],
  o: ['ClassMetadataBaseOffset', 'type'], p: ['ProtocolDescriptor', 'proto'], P: ['GenericTypeMetadataPattern', 'type'],
  q: ['Uniquable', 'any'], Q: ['OpaqueTypeDescriptor', 'any'], r: ['TypeMetadataCompletionFunction', 'type'],
  s: ['ObjCResilientClassStub', 'type'], S: ['ProtocolSelfConformanceDescriptor', 'proto'],
  t: ['FullObjCResilientClassStub', 'type'], u: ['MethodLookupFunction', 'type'],
  U: ['ObjCMetadataUpdateFunction', 'type'], V: ['PropertyDescriptor', 'entity'],
  z: ['CanonicalPrespecializedGenericTypeCachingOnceToken', 'type'],
};

function operand(d: Demangler, op: Operand): Node | null {
  switch (op) {
    case 'type': return d.pop('Type');
    case 'conf': return popProtocolConformance(d);
    case 'proto': return popProtocol(d);
    case 'any': return d.pop();
    case 'entity': return d.pop(isEntity);
  }
}

export function demangleMetatype(d: Demangler): Node | null {
  const c = d.next();
  if (c === 'X') return privateContextDescriptor(d);
  if (c === 'C') {
    const ty = d.pop('Type');
    if (!ty || ty.count !== 1) return null;
    return d.withChildren('ReflectionMetadataSuperclassDescriptor', ty.first);
  }
  const spec = METADATA[c];
  if (spec === undefined) return null;
  return d.withChildren(spec[0], operand(d, spec[1]));
}

function privateContextDescriptor(d: Demangler): Node | null {
  switch (d.next()) {
    case 'E': return d.withChildren('ExtensionDescriptor', d.popContext());
    case 'M': return d.withChildren('ModuleDescriptor', d.popModule());
    case 'Y': {
      const discriminator = d.pop();
      const ctx = d.popContext();
      return d.withChildren('AnonymousDescriptor', ctx, discriminator);
    }
    case 'X': return d.withChildren('AnonymousDescriptor', d.popContext());
    case 'A': {
      const path = popAssocTypePath(d);
      const base = d.pop('Type');
      return d.withChildren('AssociatedTypeGenericParamRef', base, path);
    }
    default: return null;
  }
}

const WITNESS_CONF: Record<string, Kind> = {
  P: 'ProtocolWitnessTable', p: 'ProtocolWitnessTablePattern', G: 'GenericProtocolWitnessTable',
  I: 'GenericProtocolWitnessTableInstantiationFunction', r: 'ResilientProtocolWitnessTable',
  a: 'ProtocolWitnessTableAccessor',
};
const OUTLINED: Record<string, Kind> = {
  C: 'OutlinedInitializeWithCopyNoValueWitness', D: 'OutlinedAssignWithTakeNoValueWitness',
  F: 'OutlinedAssignWithCopyNoValueWitness', H: 'OutlinedDestroyNoValueWitness', y: 'OutlinedCopy',
  e: 'OutlinedConsume', r: 'OutlinedRetain', s: 'OutlinedRelease', b: 'OutlinedInitializeWithTake',
  B: 'OutlinedInitializeWithTakeNoValueWitness', c: 'OutlinedInitializeWithCopy', d: 'OutlinedAssignWithTake',
  f: 'OutlinedAssignWithCopy', h: 'OutlinedDestroy', g: 'OutlinedEnumGetTag',
};

export function demangleWitness(d: Demangler): Node | null {
  const c = d.next();
  const confKind = WITNESS_CONF[c];
  if (confKind !== undefined) return d.withChildren(confKind, popProtocolConformance(d));
  switch (c) {
    case 'C': return d.withChildren('EnumCase', d.pop(isEntity));
    case 'V': return d.withChildren('ValueWitnessTable', d.pop('Type'));
    case 'v': {
      const dir = d.next();
      if (dir !== 'd' && dir !== 'i') return null;
      return d.withChildren('FieldOffset', d.node('Directness', dir === 'd' ? 'direct' : 'indirect'), d.pop(isEntity));
    }
    case 'S': return d.withChildren('ProtocolSelfConformanceWitnessTable', popProtocol(d));
    case 'l': case 'L': {
      const conf = popProtocolConformance(d);
      const type = d.pop('Type');
      return d.withChildren(c === 'l' ? 'LazyProtocolWitnessTableAccessor' : 'LazyProtocolWitnessTableCacheVariable', type, conf);
    }
    case 't': {
      const name = d.popDeclName();
      const conf = popProtocolConformance(d);
      return d.withChildren('AssociatedTypeMetadataAccessor', conf, name);
    }
    case 'T': {
      const proto = d.pop('Type');
      const path = popAssocTypePath(d);
      const conf = popProtocolConformance(d);
      return d.withChildren('AssociatedTypeWitnessTableAccessor', conf, path, proto);
    }
    case 'b': {
      const proto = d.pop('Type');
      const conf = popProtocolConformance(d);
      return d.withChildren('BaseWitnessTableAccessor', conf, proto);
    }
    case 'O': return outlined(d);
    case 'Z': case 'z': {
      const decls = d.node('GlobalVariableOnceDeclList');
      const vars: Node[] = [];
      while (d.pop('FirstElementMarker')) {
        const id = d.popDeclName();
        if (!id) return null;
        vars.push(id);
      }
      for (let i = vars.length - 1; i >= 0; i--) decls.add(vars[i] as Node);
      const ctx = d.popContext();
      return d.withChildren(c === 'Z' ? 'GlobalVariableOnceFunction' : 'GlobalVariableOnceToken', ctx, decls);
    }
    default: return null;
  }
}

function outlined(d: Demangler): Node | null {
  const c = d.next();
  if (c === 'i' || c === 'j') {
    const sig = d.pop('DependentGenericSignature');
    const type = d.pop('Type');
    const idx = d.indexNode();
    const n = d.withChildren(c === 'i' ? 'OutlinedEnumTagStore' : 'OutlinedEnumProjectDataForLoad', type, idx);
    if (n && sig) n.add(sig);
    return n;
  }
  const kind = OUTLINED[c];
  if (kind === undefined) return null;
  const sig = d.pop('DependentGenericSignature');
  if (sig) return d.withChildren(kind, d.pop('Type'), sig);
  return d.withChildren(kind, d.pop('Type'));
}


export function demangleValueWitness(d: Demangler): Node | null {
  const code = d.next() + d.next();
  const name = VALUE_WITNESSES[code];
  if (name === undefined) return null;
  return d.withChildren('ValueWitness', d.node('Index', name), d.pop('Type'));
}

function popAnyConformance(d: Demangler): Node | null {
  return d.pop((n) => ['ConcreteProtocolConformance', 'PackProtocolConformance', 'DependentProtocolConformanceRoot',
    'DependentProtocolConformanceInherited', 'DependentProtocolConformanceAssociated'].includes(n.kind));
}

function popConformanceList(d: Demangler, kind: Kind): Node | null {
  const list = d.node(kind);
  if (!d.pop('EmptyList') && !d.popMarkedList(list, () => popAnyConformance(d))) return null;
  return list;
}

function conformanceIndex(d: Demangler): Node | null {
  const i = d.index();
  if (i <= 0) return null;
  if (i === 1) return d.node('UnknownIndex');
  return d.node('Index', undefined, i - 2);
}

const popDependentConformance = (d: Demangler): Node | null =>
  d.pop((n) => n.kind.startsWith('DependentProtocolConformance'));

/** `H…`: protocol conformance refs and runtime records. */
export function demangleRecord(d: Demangler): Node | null {
  switch (d.next()) {
    case 'A': {
      const index = conformanceIndex(d);
      const proto = popProtocol(d);
      const depType = d.pop('Type');
      const assoc = d.withChildren('DependentAssociatedConformance', depType, proto);
      const nested = popDependentConformance(d);
      return d.withChildren('DependentProtocolConformanceAssociated', nested, assoc, index);
    }
    case 'C': {
      const conditional = popConformanceList(d, 'AnyProtocolConformanceList');
      let ref = d.pop('ProtocolConformanceRefInTypeModule') ?? d.pop('ProtocolConformanceRefInProtocolModule');
      if (!ref) {
        const mod = d.popModule();
        const proto = popProtocol(d);
        ref = d.withChildren('ProtocolConformanceRefInOtherModule', proto, mod);
      }
      const type = d.pop('Type');
      return d.withChildren('ConcreteProtocolConformance', type, ref, conditional);
    }
    case 'D': {
      const index = conformanceIndex(d);
      const proto = popProtocol(d);
      const depType = d.pop('Type');
      return d.withChildren('DependentProtocolConformanceRoot', depType, proto, index);
    }
    case 'I': {
      const index = conformanceIndex(d);
      const proto = popProtocol(d);
      const nested = popDependentConformance(d);
      return d.withChildren('DependentProtocolConformanceInherited', nested, proto, index);
    }
    case 'P': return d.withChildren('ProtocolConformanceRefInTypeModule', popProtocol(d));
    case 'p': return d.withChildren('ProtocolConformanceRefInProtocolModule', popProtocol(d));
    case 'X': return d.withChildren('PackProtocolConformance', popConformanceList(d, 'AnyProtocolConformanceList'));
    case 'c': return d.withChildren('ProtocolConformanceDescriptorRecord', popProtocolConformance(d));
    case 'n': return d.withChildren('NominalTypeDescriptorRecord', d.pop('Type'));
    case 'o': return d.withChildren('OpaqueTypeDescriptorRecord', d.pop());
    case 'r': return d.withChildren('ProtocolDescriptorRecord', popProtocol(d));
    case 'F': return d.node('AccessibleFunctionRecord');
    default: return null;
  }
}

export function demangleRetroactiveConformance(d: Demangler): Node | null {
  const index = d.index();
  if (index < 0) return null;
  const conf = popAnyConformance(d);
  if (!conf) return null;
  return d.node('RetroactiveConformance').add(d.node('Index', undefined, index)).add(conf);
}
