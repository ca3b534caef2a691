/** Declarations: nominal types, extensions, functions, variables, subscripts, accessors, names (§6). */
import { MAX_REPEAT, type Demangler } from './parser.js';
import type { Kind, Node } from './node.js';
import { popFunctionType } from './parse-types.js';
import { STANDARD_TYPES, CONCURRENCY_TYPES } from './standard-types.js';

export function demangleAnyGenericType(d: Demangler, kind: Kind): Node | null {
  const name = d.popDeclName();
  const ctx = d.popContext();
  const ty = d.type(d.withChildren(kind, ctx, name));
  d.addSubstitution(ty);
  return ty;
}

export function demangleExtensionContext(d: Demangler): Node | null {
  const sig = d.pop('DependentGenericSignature');
  const mod = d.popModule();
  const ty = popTypeAndGetAnyGeneric(d);
  const ext = d.withChildren('Extension', mod, ty);
  if (ext && sig) ext.add(sig);
  return ext;
}

export function popTypeAndGetAnyGeneric(d: Demangler): Node | null {
  const c = d.popTypeAndGetChild();
  if (c && ANY_GENERIC.has(c.kind)) return c;
  return null;
}

const ANY_GENERIC = new Set(['Structure', 'Class', 'Enum', 'Protocol', 'OtherNominalType', 'TypeAlias']);

/** Argument labels, popped after the function type is known (so the parameter count is known, §6.3). */
export function popFunctionParamLabels(d: Demangler, type: Node | null): Node | null {
  if (!d.oldFunctionTypeMangling && d.pop('EmptyList')) return d.node('LabelList');
  if (!type || type.kind !== 'Type') return null;
  let fn = type.first;
  if (fn.kind === 'DependentGenericType') fn = fn.child(1).first;
  if (fn.kind !== 'FunctionType' && fn.kind !== 'NoEscapeFunctionType') return null;
  const argTuple = fn.find('ArgumentTuple');
  if (!argTuple) return null;
  const paramsType = argTuple.first;
  const params = paramsType.first;
  const numParams = params.kind === 'Tuple' ? params.count : 1;
  if (numParams === 0) return null;
  const labels = d.node('LabelList');
  if (d.oldFunctionTypeMangling && params.kind !== 'Tuple') return labels;
  let hasLabels = false;
  for (let i = 0; i < numParams; i++) {
    let label: Node | null;
    if (d.oldFunctionTypeMangling) {
      const param = params.child(i);
      const at = param.children.findIndex((c) => c.kind === 'TupleElementName');
      if (at >= 0) {
        const name = param.child(at);
        param.children.splice(at, 1);
        label = d.node('Identifier', name.text);
      } else {
        label = d.node('FirstElementMarker');
      }
    } else {
      label = d.pop();
    }
    if (!label || (label.kind !== 'Identifier' && label.kind !== 'FirstElementMarker')) return null;
    labels.add(label);
    if (label.kind !== 'FirstElementMarker') hasLabels = true;
  }
  if (!hasLabels) return d.node('LabelList');
  if (!d.oldFunctionTypeMangling) labels.reverseFrom(0);
  return labels;
}

export function demanglePlainFunction(d: Demangler): Node | null {
  const sig = d.pop('DependentGenericSignature');
  let type = popFunctionType(d, 'FunctionType');
  const labels = popFunctionParamLabels(d, type);
  if (sig) type = d.type(d.withChildren('DependentGenericType', sig, type));
  const name = d.popDeclName();
  const ctx = d.popContext();
  return labels ? d.withChildren('Function', ctx, name, labels, type) : d.withChildren('Function', ctx, name, type);
}

export function demangleEntity(d: Demangler, kind: Kind): Node | null {
  const type = d.pop('Type');
  const labels = popFunctionParamLabels(d, type);
  const name = d.popDeclName();
  const ctx = d.popContext();
  return labels ? d.withChildren(kind, ctx, name, labels, type) : d.withChildren(kind, ctx, name, type);
}

export function demangleVariable(d: Demangler): Node | null {
  const type = d.pop('Type');
  const labels = popFunctionParamLabels(d, type);
  const name = d.popDeclName();
  const ctx = d.popContext();
  const v = labels ? d.withChildren('Variable', ctx, name, labels, type) : d.withChildren('Variable', ctx, name, type);
  return demangleAccessor(d, v);
}

export function demangleSubscript(d: Demangler): Node | null {
  const privateName = d.pop('PrivateDeclName');
  const type = d.pop('Type');
  const labels = popFunctionParamLabels(d, type);
  const ctx = d.popContext();
  if (!type || !ctx) return null;
  const s = d.node('Subscript').add(ctx);
  if (labels) s.add(labels);
  s.add(type);
  if (privateName) s.add(privateName);
  return demangleAccessor(d, s);
}

const ACCESSORS: Record<string, Kind> = {
  m: 'MaterializeForSet', s: 'Setter', g: 'Getter', G: 'GlobalGetter', w: 'WillSet', W: 'DidSet',
  r: 'ReadAccessor', y: 'Read2Accessor', M: 'ModifyAccessor', x: 'Modify2Accessor', i: 'InitAccessor',
};
const MUTABLE_ADDRESSORS: Record<string, Kind> = {
  O: 'OwningMutableAddressor', o: 'NativeOwningMutableAddressor', P: 'NativePinningMutableAddressor',
  u: 'UnsafeMutableAddressor',
};
const ADDRESSORS: Record<string, Kind> = {
  O: 'OwningAddressor', o: 'NativeOwningAddressor', p: 'NativePinningAddressor', u: 'UnsafeAddressor',
};

export function demangleAccessor(d: Demangler, storage: Node | null): Node | null {
  if (!storage) return null;
  const c = d.next();
  let kind: Kind | undefined;
  if (c === 'p') return storage;
  if (c === 'a') kind = MUTABLE_ADDRESSORS[d.next()];
  else if (c === 'l') kind = ADDRESSORS[d.next()];
  else kind = ACCESSORS[c];
  if (kind === undefined) return null;
  return d.withChildren(kind, storage);
}

type FArgs = 'none' | 'typeAndPrivateName' | 'typeAndIndex' | 'index';
const FUNCTION_ENTITIES: Record<string, [Kind, FArgs]> = {
  D: ['Deallocator', 'none'], d: ['Destructor', 'none'], Z: ['IsolatedDeallocator', 'none'],
  E: ['IVarDestroyer', 'none'], e: ['IVarInitializer', 'none'], i: ['Initializer', 'none'],
  C: ['Allocator', 'typeAndPrivateName'], c: ['Constructor', 'typeAndPrivateName'],
  U: ['ExplicitClosure', 'typeAndIndex'], u: ['ImplicitClosure', 'typeAndIndex'],
  A: ['DefaultArgumentInitializer', 'index'], P: ['PropertyWrapperBackingInitializer', 'none'],
  W: ['PropertyWrapperInitFromProjectedValue', 'none'],
};

export function demangleFunctionEntity(d: Demangler): Node | null {
  const c = d.next();
  if (c === 'm') return demangleEntity(d, 'Macro');
  if (c === 'p') return demangleEntity(d, 'GenericTypeParamDecl');
  const spec = FUNCTION_ENTITIES[c];
  if (spec === undefined) return null;
  const [kind, args] = spec;
  let nameOrIndex: Node | null = null;
  let paramType: Node | null = null;
  let labels: Node | null = null;
  if (args === 'typeAndPrivateName') {
    nameOrIndex = d.pop('PrivateDeclName');
    paramType = d.pop('Type');
    labels = popFunctionParamLabels(d, paramType);
  } else if (args === 'typeAndIndex') {
    nameOrIndex = d.indexNode();
    paramType = d.pop('Type');
  } else if (args === 'index') {
    nameOrIndex = d.indexNode();
  }
  const entity = d.withChildren(kind, d.popContext());
  if (!entity) return null;
  switch (args) {
    case 'none':
      return entity;
    case 'index':
      return nameOrIndex ? entity.add(nameOrIndex) : null;
    case 'typeAndPrivateName':
      if (labels) entity.add(labels);
      if (!paramType) return null;
      entity.add(paramType);
      if (nameOrIndex) entity.add(nameOrIndex);
      return entity;
    case 'typeAndIndex':
      if (!nameOrIndex || !paramType) return null;
      return entity.add(nameOrIndex).add(paramType);
  }
}

export function demangleLocalIdentifier(d: Demangler): Node | null {
  if (d.nextIf('L')) {
    const discriminator = d.pop('Identifier');
    const name = d.popDeclName();
    return d.withChildren('PrivateDeclName', discriminator, name);
  }
  if (d.nextIf('l')) return d.withChildren('PrivateDeclName', d.pop('Identifier'));
  const p = d.peek();
  if ((p >= 'a' && p <= 'j') || (p >= 'A' && p <= 'J')) {
    d.next();
    return d.withChildren('RelatedEntityDeclName', d.node('Identifier', p), d.pop());
  }
  const discriminator = d.indexNode();
  const name = d.popDeclName();
  return d.withChildren('LocalDeclName', discriminator, name);
}

export function demangleTypeMangling(d: Demangler): Node | null {
  const type = d.pop('Type');
  const labels = popFunctionParamLabels(d, type);
  const tm = d.node('TypeMangling');
  if (labels) tm.add(labels);
  return type ? tm.add(type) : null;
}

export function demangleStandardSubstitution(d: Demangler): Node | null {
  const c = d.next();
  if (c === 'o') return d.node('Module', '__C');
  if (c === 'C') return d.node('Module', '__C_Synthesized');
  if (c === 'g') {
    const opt = d.type(d.withChildren('BoundGenericEnum', d.swiftType('Enum', 'Optional'),
      d.withChildren('TypeList', d.pop('Type'))));
    d.addSubstitution(opt);
    return opt;
  }
  d.pushBack();
  const repeat = d.natural();
  if (repeat > MAX_REPEAT) return null;
  const concurrency = d.nextIf('c');
  const letter = d.next();
  const entry = concurrency ? CONCURRENCY_TYPES[letter] : STANDARD_TYPES[letter];
  if (entry === undefined) return null;
  const n = d.swiftType(entry[0], entry[1]);
  for (let r = repeat; r > 1; r--) d.push(n);
  return n;
}
