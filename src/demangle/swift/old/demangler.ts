/**
 * The Swift ≤ 3 grammar (`_T…`): prefix-ordered and recursive, unrelated to the postfix grammar. Only
 * old binaries use it for symbols, but the Objective-C runtime names of Swift classes (`_TtC5MyApp3Foo`) are
 * still old-style type manglings (SWIFT-MANGLING.md §15). Produces the same node kinds as the new parser.
 */
import { Node, type Kind } from '../node.js';
import { NameCursor } from '../cursor.js';
import { VALUE_WITNESSES } from '../value-witnesses.js';
import { decodeSwiftPunycode } from '../punycode.js';
import { oldType, oldGenericSignature, oldProtocolName, oldProtocolConformance } from './types.js';

const MAX_NODES = 50_000;
const MAX_NESTING = 500;

export class OldDemangler extends NameCursor {
  readonly substitutions: Node[] = [];
  private nodes = 0;
  depth = 0;

  node(kind: Kind, text?: string, index?: number): Node {
    if (++this.nodes > MAX_NODES) throw new Error('too many nodes');
    return new Node(kind, text, index);
  }

  /** Guards the recursion of the prefix grammar against hostile nesting. */
  nest<T>(f: () => T): T {
    if (++this.depth > MAX_NESTING) throw new Error('too deep');
    try {
      return f();
    } finally {
      this.depth--;
    }
  }

  /** NATURAL; saturates instead of failing on overflow (the reference wraps; any huge count prints as `...`). */
  natural(): number {
    const c = this.peek();
    if (c < '0' || c > '9' || c === '') return -1;
    let n = 0;
    while (this.peek() >= '0' && this.peek() <= '9' && this.peek() !== '') {
      n = Math.min(n * 10 + (this.text.charCodeAt(this.pos++) - 48), Number.MAX_SAFE_INTEGER);
    }
    return n;
  }

  index(): number {
    if (this.nextIf('_')) return 0;
    const n = this.natural();
    if (n < 0 || !this.nextIf('_')) return -1;
    return n + 1;
  }

  indexNode(kind: Kind = 'Number'): Node | null {
    const i = this.index();
    return i < 0 ? null : this.node(kind, undefined, i);
  }

  swiftType(kind: Kind, name: string): Node {
    return this.node(kind).add(this.node('Module', 'Swift')).add(this.node('Identifier', name));
  }

  // ---- top level

  topLevel(): Node | null {
    if (!this.nextIf('_T')) return null;
    const top = this.node('Global');
    if (this.nextIf('TS')) {
      do {
        const spec = this.specializedAttribute();
        if (!spec) return null;
        top.add(spec);
        this.substitutions.length = 0;
      } while (this.nextIf('_TTS'));
      if (!this.nextIf('_T')) return null;
    } else {
      const attrs: Record<string, Kind> = { To: 'ObjCAttribute', TO: 'NonObjCAttribute', TD: 'DynamicAttribute',
        Td: 'DirectMethodReferenceAttribute', TV: 'VTableAttribute' };
      for (const [prefix, kind] of Object.entries(attrs)) {
        if (this.nextIf(prefix)) {
          top.add(this.node(kind));
          break;
        }
      }
    }
    const global = this.global();
    if (!global) return null;
    top.add(global);
    if (!this.empty) top.add(this.node('Suffix', this.text.slice(this.pos)));
    return top;
  }

  private global(): Node | null {
    if (this.empty) return null;
    if (this.nextIf('M')) {
      const kinds: Record<string, Kind> = { P: 'GenericTypeMetadataPattern', a: 'TypeMetadataAccessFunction',
        L: 'TypeMetadataLazyCache', m: 'Metaclass', n: 'NominalTypeDescriptor', f: 'FullTypeMetadata' };
      const k = kinds[this.peek()];
      if (k !== undefined) {
        this.next();
        return this.with(k, oldType(this));
      }
      if (this.nextIf('p')) return this.with('ProtocolDescriptor', oldProtocolName(this));
      return this.with('TypeMetadata', oldType(this));
    }
    if (this.nextIf('PA')) {
      const fwd = this.node(this.nextIf('o') ? 'PartialApplyObjCForwarder' : 'PartialApplyForwarder');
      if (this.nextIf('__T')) {
        const g = this.global();
        if (!g) return null;
        fwd.add(g);
      }
      return fwd;
    }
    if (this.nextIf('t')) return this.with('TypeMangling', oldType(this));
    if (this.nextIf('w')) {
      const name = VALUE_WITNESSES[this.next() + this.next()];
      if (name === undefined) return null;
      return this.with('ValueWitness', this.node('Index', name), oldType(this));
    }
    if (this.nextIf('W')) return this.witness();
    if (this.nextIf('T')) {
      if (this.peek() === 'R' || this.peek() === 'r') {
        const helper = this.next() === 'R';
        const thunk = this.node(helper ? 'ReabstractionThunkHelper' : 'ReabstractionThunk');
        if (this.nextIf('G')) {
          const sig = oldGenericSignature(this, false);
          if (!sig) return null;
          thunk.add(sig);
        }
        const from = oldType(this);
        if (!from) return null;
        const to = oldType(this);
        if (!to) return null;
        return thunk.add(from).add(to);
      }
      if (this.nextIf('W')) return this.with('ProtocolWitness', oldProtocolConformance(this), this.entity());
      return null;
    }
    return this.entity();
  }

  /** A node with children, or null when any is missing. */
  with(kind: Kind, ...children: (Node | null)[]): Node | null {
    const n = this.node(kind);
    for (const c of children) {
      if (!c) return null;
      n.add(c);
    }
    return n;
  }

  private witness(): Node | null {
    const conf: Record<string, Kind> = { P: 'ProtocolWitnessTable', G: 'GenericProtocolWitnessTable',
      I: 'GenericProtocolWitnessTableInstantiationFunction', a: 'ProtocolWitnessTableAccessor' };
    const c = this.next();
    const k = conf[c];
    if (k !== undefined) return this.with(k, oldProtocolConformance(this));
    switch (c) {
      case 'V': return this.with('ValueWitnessTable', oldType(this));
      case 'v': {
        const dir = this.next();
        if (dir !== 'd' && dir !== 'i') return null;
        return this.with('FieldOffset', this.node('Directness', dir === 'd' ? 'direct' : 'indirect'), this.entity());
      }
      case 'l': return this.with('LazyProtocolWitnessTableAccessor', oldType(this), oldProtocolConformance(this));
      case 'L': return this.with('LazyProtocolWitnessTableCacheVariable', oldType(this), oldProtocolConformance(this));
      case 't': return this.with('AssociatedTypeMetadataAccessor', oldProtocolConformance(this), this.declName());
      case 'T':
        return this.with('AssociatedTypeWitnessTableAccessor', oldProtocolConformance(this), this.declName(),
          oldProtocolName(this));
      default: return null;
    }
  }

  // ---- specialisations (`_TTS…_`)

  private specializedAttribute(): Node | null {
    const notReAbstracted = this.peek() === 'r';
    if (this.nextIf('g') || this.nextIf('r')) {
      const spec = this.node(notReAbstracted ? 'GenericSpecializationNotReAbstracted' : 'GenericSpecialization');
      if (this.nextIf('q')) spec.add(this.node('IsSerialized'));
      spec.add(this.node('SpecializationPassID', undefined, this.next().charCodeAt(0) - 48));
      while (!this.nextIf('_')) {
        const ty = oldType(this);
        if (!ty) return null;
        const param = this.node('GenericSpecializationParam').add(ty);
        while (!this.nextIf('_')) {
          const c = oldProtocolConformance(this);
          if (!c) return null;
          param.add(c);
        }
        spec.add(param);
      }
      return spec;
    }
    if (this.nextIf('f')) {
      const spec = this.node('FunctionSignatureSpecialization');
      if (this.nextIf('q')) spec.add(this.node('IsSerialized'));
      spec.add(this.node('SpecializationPassID', undefined, this.next().charCodeAt(0) - 48));
      while (!this.nextIf('_')) {
        if (this.empty) return null;
        const param = this.funcSigParam();
        if (!param) return null;
        spec.add(param);
      }
      return spec;
    }
    return null;
  }

  private funcSigParam(): Node | null {
    const param = this.node('FunctionSignatureSpecializationParam');
    const kind = (v: number): Node => param.add(this.node('FunctionSignatureSpecializationParamKind', undefined, v));
    const payload = (s: string): Node => param.add(this.node('FunctionSignatureSpecializationParamPayload', s));
    if (this.nextIf('n_')) return param;
    if (this.nextIf('cp')) {
      if (this.nextIf('fr') || this.nextIf('g')) {
        const isFn = this.text.charAt(this.pos - 1) === 'r';
        const name = this.identifier();
        if (!name || !this.nextIf('_')) return null;
        kind(isFn ? 0 : 1);
        return payload(name.textOf());
      }
      if (this.nextIf('i') || this.nextIf('fl')) {
        const isInt = this.text.charAt(this.pos - 1) === 'i';
        const n = this.natural();
        if (n < 0 || !this.nextIf('_')) return null;
        kind(isInt ? 2 : 3);
        return payload(String(n));
      }
      if (this.nextIf('se')) {
        const enc = this.natural();
        if ((enc !== 0 && enc !== 1) || !this.nextIf('v')) return null;
        const str = this.identifier();
        if (!str || !this.nextIf('_')) return null;
        kind(4);
        payload(enc === 0 ? 'u8' : 'u16');
        return payload(str.textOf());
      }
      return null;
    }
    if (this.nextIf('cl')) {
      const name = this.identifier();
      if (!name) return null;
      kind(5);
      payload(name.textOf());
      while (this.peek() !== '_' && !this.empty) {
        const ty = oldType(this);
        if (!ty) break;
        param.add(ty);
      }
      return this.nextIf('_') ? param : null;
    }
    if (this.nextIf('i_')) return kind(6);
    if (this.nextIf('k_')) return kind(7);
    if (this.nextIf('r_')) return kind(8);
    let v = 0;
    if (this.nextIf('d')) v |= 1 << 6;
    if (this.nextIf('g')) v |= 1 << 7;
    if (this.nextIf('o')) v |= 1 << 9;
    if (this.nextIf('s')) v |= 1 << 8;
    if (!this.nextIf('_') || v === 0) return null;
    return kind(v);
  }

  // ---- entities, contexts, names

  entity(): Node | null {
    return this.nest(() => this.entityImpl());
  }

  private entityImpl(): Node | null {
    const isStatic = this.nextIf('Z');
    const basic: Record<string, Kind> = { F: 'Function', v: 'Variable', I: 'Initializer', i: 'Subscript' };
    const basicKind = basic[this.peek()];
    if (basicKind === undefined) return this.nominalType();
    this.next();
    const context = this.context();
    if (!context) return null;
    let kind: Kind;
    let hasType = true;
    let wrap = false;
    let name: Node | null = null;
    const c = this.next();
    const noType: Record<string, Kind> = { D: 'Deallocator', Z: 'IsolatedDeallocator', d: 'Destructor',
      e: 'IVarInitializer', E: 'IVarDestroyer' };
    const accessors: Record<string, Kind> = { g: 'Getter', G: 'GlobalGetter', s: 'Setter', m: 'MaterializeForSet',
      w: 'WillSet', W: 'DidSet', r: 'ReadAccessor', M: 'ModifyAccessor' };
    if (noType[c] !== undefined) {
      kind = noType[c];
      hasType = false;
    } else if (c === 'C' || c === 'c') {
      kind = c === 'C' ? 'Allocator' : 'Constructor';
    } else if (c === 'a' || c === 'l') {
      wrap = true;
      const table: Record<string, Kind> = c === 'a'
        ? { O: 'OwningMutableAddressor', o: 'NativeOwningMutableAddressor', p: 'NativePinningMutableAddressor',
          u: 'UnsafeMutableAddressor' }
        : { O: 'OwningAddressor', o: 'NativeOwningAddressor', p: 'NativePinningAddressor', u: 'UnsafeAddressor' };
      const k = table[this.next()];
      if (k === undefined) return null;
      kind = k;
      name = this.declName();
      if (!name) return null;
    } else if (accessors[c] !== undefined) {
      wrap = true;
      kind = accessors[c];
      name = this.declName();
      if (!name) return null;
    } else if (c === 'U' || c === 'u') {
      kind = c === 'U' ? 'ExplicitClosure' : 'ImplicitClosure';
      name = this.indexNode();
      if (!name) return null;
    } else if (basicKind === 'Initializer') {
      if (c === 'A') {
        kind = 'DefaultArgumentInitializer';
        name = this.indexNode();
        if (!name) return null;
      } else if (c === 'i') {
        kind = 'Initializer';
      } else {
        return null;
      }
      hasType = false;
    } else {
      this.pos--;
      kind = basicKind;
      name = this.declName();
      if (!name) return null;
    }
    const entity = this.node(kind);
    if (wrap && name) {
      const isSubscript = name.kind === 'Identifier' && name.text === 'subscript';
      const storage = this.node(isSubscript ? 'Subscript' : 'Variable').add(context);
      if (!isSubscript) storage.add(name);
      if (hasType) {
        const ty = oldType(this);
        if (!ty) return null;
        storage.add(ty);
      }
      entity.add(isStatic ? this.node('Static').add(storage) : storage);
      return entity;
    }
    entity.add(context);
    if (name) entity.add(name);
    if (hasType) {
      const ty = oldType(this);
      if (!ty) return null;
      entity.add(ty);
    }
    return isStatic ? this.node('Static').add(entity) : entity;
  }

  context(): Node | null {
    return this.nest(() => {
      if (this.empty) return null;
      if (this.nextIf('E') || this.nextIf('e')) {
        const constrained = this.text.charAt(this.pos - 1) === 'e';
        const mod = this.module();
        if (!mod) return null;
        let sig: Node | null = null;
        if (constrained) {
          sig = oldGenericSignature(this, false);
          if (!sig) return null;
        }
        const ty = this.context();
        if (!ty) return null;
        const ext = this.node('Extension').add(mod).add(ty);
        return sig ? ext.add(sig) : ext;
      }
      if (this.nextIf('S')) return this.substitution();
      if (this.nextIf('s')) return this.node('Module', 'Swift');
      if (this.nextIf('G')) return boundGeneric(this);
      if ('FIvPsZCVO'.includes(this.peek())) return this.entity();
      return this.module();
    });
  }

  module(): Node | null {
    if (this.nextIf('s')) return this.node('Module', 'Swift');
    if (this.nextIf('S')) {
      const m = this.substitution();
      return m && m.kind === 'Module' ? m : null;
    }
    const m = this.identifier('Module');
    if (m) this.substitutions.push(m);
    return m;
  }

  substitution(): Node | null {
    if (this.empty) return null;
    if (this.nextIf('o')) return this.node('Module', '__C');
    if (this.nextIf('C')) return this.node('Module', '__C_Synthesized');
    const std = OLD_STANDARD[this.peek()];
    if (std !== undefined) {
      this.next();
      return this.swiftType(std[0], std[1]);
    }
    const i = this.index();
    if (i < 0) return null;
    return this.substitutions[i] ?? null;
  }

  declName(): Node | null {
    if (this.nextIf('L')) {
      const discriminator = this.indexNode();
      const name = discriminator && this.identifier();
      return name && discriminator ? this.node('LocalDeclName').add(discriminator).add(name) : null;
    }
    if (this.nextIf('P')) {
      const discriminator = this.identifier();
      const name = discriminator && this.identifier();
      return name && discriminator ? this.node('PrivateDeclName').add(discriminator).add(name) : null;
    }
    return this.identifier();
  }

  identifier(forced?: Kind): Node | null {
    if (this.empty) return null;
    const punycoded = this.nextIf('X');
    let kind: Kind | undefined = forced;
    let isOperator = false;
    if (this.nextIf('o')) {
      if (forced !== undefined) return null;
      isOperator = true;
      kind = { p: 'PrefixOperator', P: 'PostfixOperator', i: 'InfixOperator' }[this.next()];
      if (kind === undefined) return null;
    }
    const len = this.natural();
    if (len < 0 || this.pos + len > this.text.length) return null;
    let id: string | undefined = this.text.slice(this.pos, this.pos + len);
    this.pos += len;
    if (punycoded) id = decodeSwiftPunycode(id);
    if (!id) return null;
    if (isOperator) {
      const table = '& @/= >    <*!|+?%-~   ^ .';
      let op = '';
      for (const ch of id) {
        const code = ch.charCodeAt(0);
        if (code >= 0x80) {
          op += ch;
          continue;
        }
        const o = code >= 97 && code <= 122 ? table.charAt(code - 97) : ' ';
        if (o === ' ') return null;
        op += o;
      }
      id = op;
    }
    return this.node(kind ?? 'Identifier', id);
  }

  nominalType(): Node | null {
    if (this.nextIf('S')) return this.substitution();
    const kinds: Record<string, Kind> = { V: 'Structure', O: 'Enum', C: 'Class', P: 'Protocol' };
    const k = kinds[this.peek()];
    if (k === undefined) return null;
    this.next();
    return this.declaration(k);
  }

  declaration(kind: Kind): Node | null {
    const ctx = this.context();
    if (!ctx) return null;
    const name = this.declName();
    if (!name) return null;
    const decl = this.node(kind).add(ctx).add(name);
    this.substitutions.push(decl);
    return decl;
  }
}

/** `G nominal (args _)+`: arguments for every level of nesting, outermost first. */
export function boundGeneric(d: OldDemangler): Node | null {
  const nominal = d.nominalType();
  return nominal ? boundGenericArgs(d, nominal) : null;
}

function boundGenericArgs(d: OldDemangler, nominal: Node): Node | null {
  if (nominal.count === 0) return null;
  let parent = nominal.first;
  if (!['Module', 'Function', 'Extension'].includes(parent.kind)) {
    const bound = d.nest(() => boundGenericArgs(d, parent));
    if (!bound) return null;
    parent = bound;
    nominal = d.node(nominal.kind).add(parent).add(nominal.child(1));
  }
  const args = d.node('TypeList');
  while (!d.nextIf('_')) {
    const t = oldType(d);
    if (!t || d.empty) return null;
    args.add(t);
  }
  if (args.count === 0) return nominal;
  const bound: Record<string, Kind> = { Class: 'BoundGenericClass', Structure: 'BoundGenericStructure',
    Enum: 'BoundGenericEnum' };
  const k = bound[nominal.kind];
  if (k === undefined) return null;
  return d.node(k).add(d.node('Type').add(nominal)).add(args);
}

const OLD_STANDARD: Record<string, [Kind, string]> = {
  a: ['Structure', 'Array'], b: ['Structure', 'Bool'], c: ['Structure', 'UnicodeScalar'], d: ['Structure', 'Double'],
  f: ['Structure', 'Float'], i: ['Structure', 'Int'], V: ['Structure', 'UnsafeRawPointer'],
  v: ['Structure', 'UnsafeMutableRawPointer'], P: ['Structure', 'UnsafePointer'], p: ['Structure', 'UnsafeMutablePointer'],
  q: ['Enum', 'Optional'], Q: ['Enum', 'ImplicitlyUnwrappedOptional'], R: ['Structure', 'UnsafeBufferPointer'],
  r: ['Structure', 'UnsafeMutableBufferPointer'], S: ['Structure', 'String'], u: ['Structure', 'UInt'],
};

