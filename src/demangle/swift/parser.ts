/**
 * The Swift (≥ 4) symbol parser: a postfix "calculator" that reads one operator at a time and pushes the
 * node it builds, popping its operands (SWIFT-MANGLING.md §2). Operator families live in parse-*.ts.
 */
import { DECL_NAME_KINDS, FUNCTION_ATTRS, Node, isContext, type Kind } from './node.js';
import { decodeSwiftPunycode } from './punycode.js';
import { demangleBoundGenericType, demangleBuiltinType, popTuple, demangleSpecialType, demangleTypeAnnotation,
  demangleArchetype, demangleGenericRequirement, demangleGenericSignature, demangleProtocolListType,
  popFunctionType, demangleGenericType, demangleIntegerType, demangleGenericParamIndex, dependentGenericParamType,
} from './parse-types.js';
import { demangleImplFunctionType } from './parse-impl-function.js';
import { demangleAnyGenericType, demangleExtensionContext, demanglePlainFunction, demangleFunctionEntity,
  demangleSubscript, demangleVariable, demangleLocalIdentifier, demangleTypeMangling, demangleStandardSubstitution,
} from './parse-entities.js';
import { demangleThunkOrSpecialization } from './parse-thunks.js';
import { demangleMetatype, demangleWitness, demangleValueWitness, demangleRecord, demangleRetroactiveConformance }
  from './parse-metadata.js';

/** More repeats than this in `A…`/`S…` substitutions mean hostile input. */
export const MAX_REPEAT = 2048;
const MAX_WORDS = 26;
/** Nodes per name; a legitimate symbol needs far fewer (each operator makes a handful). */
const MAX_NODES = 50_000;

export class ParseError extends Error {}

export class Demangler {
  readonly text: string;
  pos = 0;
  readonly stack: Node[] = [];
  readonly substitutions: Node[] = [];
  readonly words: string[] = [];
  /** `_T0` names spell argument labels inside the parameter tuple instead of a separate list. */
  readonly oldFunctionTypeMangling: boolean;
  private nodes = 0;

  constructor(text: string, oldFunctionTypeMangling: boolean) {
    this.text = text;
    this.oldFunctionTypeMangling = oldFunctionTypeMangling;
  }

  // ---- characters and numbers

  peek(): string {
    return this.pos < this.text.length ? this.text.charAt(this.pos) : '';
  }

  next(): string {
    return this.pos < this.text.length ? this.text.charAt(this.pos++) : '';
  }

  nextIf(s: string): boolean {
    if (!this.text.startsWith(s, this.pos)) return false;
    this.pos += s.length;
    return true;
  }

  pushBack(): void {
    if (this.pos > 0) this.pos--;
  }

  consumeAll(): string {
    const rest = this.text.slice(this.pos);
    this.pos = this.text.length;
    return rest;
  }

  /** NATURAL, or -1 when there is no digit. */
  natural(): number {
    if (!isDigit(this.peek())) return -1;
    let n = 0;
    while (isDigit(this.peek())) {
      n = n * 10 + (this.text.charCodeAt(this.pos++) - 48);
      if (n > 0x7fffffff) throw new ParseError('number too large');
    }
    return n;
  }

  /** INDEX: `_` = 0, `N_` = N + 1; -1 when malformed. */
  index(): number {
    if (this.nextIf('_')) return 0;
    if (isDigit(this.peek())) {
      const n = this.natural();
      if (n >= 0 && this.nextIf('_')) return n + 1;
    }
    return -1;
  }

  indexNode(): Node | null {
    const i = this.index();
    return i >= 0 ? this.node('Number', undefined, i) : null;
  }

  // ---- nodes and the stack

  node(kind: Kind, text?: string, index?: number): Node {
    if (++this.nodes > MAX_NODES) throw new ParseError('too many nodes');
    return new Node(kind, text, index);
  }

  /** A node with the given children, or null when any child is missing (the operator then fails). */
  withChildren(kind: Kind, ...children: (Node | null | undefined)[]): Node | null {
    const n = this.node(kind);
    for (const c of children) {
      if (!c) return null;
      n.add(c);
    }
    return n;
  }

  type(child: Node | null | undefined): Node | null {
    return this.withChildren('Type', child);
  }

  push(n: Node): void {
    this.stack.push(n);
  }

  /** Pops the top node if there is one and it matches the kind or predicate; otherwise leaves the stack alone. */
  pop(match?: Kind | ((n: Node) => boolean)): Node | null {
    const top = this.stack[this.stack.length - 1];
    if (top === undefined) return null;
    if (match !== undefined && (typeof match === 'string' ? top.kind !== match : !match(top))) return null;
    this.stack.pop();
    return top;
  }

  popTypeAndGetChild(): Node | null {
    const t = this.pop('Type');
    if (!t || t.count !== 1) return null;
    return t.first;
  }

  popModule(): Node | null {
    const id = this.pop('Identifier');
    if (id) return this.node('Module', id.text);
    return this.pop('Module');
  }

  popContext(): Node | null {
    const mod = this.popModule();
    if (mod) return mod;
    const ty = this.pop('Type');
    if (ty) {
      if (ty.count !== 1 || !isContext(ty.first)) return null;
      return ty.first;
    }
    return this.pop(isContext);
  }

  popDeclName(): Node | null {
    return this.pop((n) => DECL_NAME_KINDS.has(n.kind));
  }

  addSubstitution(n: Node | null): void {
    if (n) this.substitutions.push(n);
  }

  swiftType(kind: Kind, name: string): Node {
    const n = this.node(kind).add(this.node('Module', 'Swift')).add(this.node('Identifier', name));
    return this.node('Type').add(n);
  }

  // ---- the main loop

  parse(): Node | null {
    while (this.pos < this.text.length) {
      const n = this.operator();
      if (!n) return null;
      this.push(n);
    }
    const global = this.node('Global');
    const suffix = this.pop('Suffix');
    let parent = global;
    for (let attr = this.pop((n) => FUNCTION_ATTRS.has(n.kind)); attr; attr = this.pop((n) => FUNCTION_ATTRS.has(n.kind))) {
      parent.add(attr);
      if (attr.kind === 'PartialApplyForwarder' || attr.kind === 'PartialApplyObjCForwarder') parent = attr;
    }
    for (const n of this.stack) parent.add(n.kind === 'Type' && n.count === 1 ? n.first : n);
    if (suffix) global.add(suffix);
    return global.count === 0 ? null : global;
  }

  private operator(): Node | null {
    const c = this.next();
    switch (c) {
      case 'A': return this.multiSubstitutions();
      case 'B': return demangleBuiltinType(this);
      case 'C': return demangleAnyGenericType(this, 'Class');
      case 'D': return demangleTypeMangling(this);
      case 'E': return demangleExtensionContext(this);
      case 'F': return demanglePlainFunction(this);
      case 'G': return demangleBoundGenericType(this);
      case 'H': return demangleRecord(this);
      case 'I': return demangleImplFunctionType(this);
      case 'K': return this.node('ThrowsAnnotation');
      case 'L': return demangleLocalIdentifier(this);
      case 'M': return demangleMetatype(this);
      case 'N': return this.withChildren('TypeMetadata', this.pop('Type'));
      case 'O': return demangleAnyGenericType(this, 'Enum');
      case 'P': return demangleAnyGenericType(this, 'Protocol');
      case 'Q': return demangleArchetype(this);
      case 'R': return demangleGenericRequirement(this);
      case 'S': return demangleStandardSubstitution(this);
      case 'T': return demangleThunkOrSpecialization(this);
      case 'V': return demangleAnyGenericType(this, 'Structure');
      case 'W': return demangleWitness(this);
      case 'X': return demangleSpecialType(this);
      case 'Y': return demangleTypeAnnotation(this);
      case 'Z': return this.withChildren('Static', this.pop(isEntityNode));
      case 'a': return demangleAnyGenericType(this, 'TypeAlias');
      case 'c': return popFunctionType(this, 'FunctionType');
      case 'd': return this.node('VariadicMarker');
      case 'f': return demangleFunctionEntity(this);
      case 'g': return demangleRetroactiveConformance(this);
      case 'h': return this.type(this.withChildren('Shared', this.popTypeAndGetChild()));
      case 'i': return demangleSubscript(this);
      case 'l': return demangleGenericSignature(this, false);
      case 'm': return this.type(this.withChildren('Metatype', this.pop('Type')));
      case 'n': return this.type(this.withChildren('Owned', this.popTypeAndGetChild()));
      case 'o': return this.operatorIdentifier();
      case 'p': return demangleProtocolListType(this);
      case 'q': return this.type(demangleGenericParamIndex(this));
      case 'r': return demangleGenericSignature(this, true);
      case 's': return this.node('Module', 'Swift');
      case 't': return popTuple(this);
      case 'u': return demangleGenericType(this);
      case 'v': return demangleVariable(this);
      case 'w': return demangleValueWitness(this);
      case 'x': return this.type(dependentGenericParamType(this, 0, 0));
      case 'y': return this.node('EmptyList');
      case 'z': return this.type(this.withChildren('InOut', this.popTypeAndGetChild()));
      case '_': return this.node('FirstElementMarker');
      case '.': this.pushBack(); return this.node('Suffix', this.consumeAll());
      case '$': return demangleIntegerType(this);
      default:
        this.pushBack();
        return this.identifier();
    }
  }

  // ---- identifiers and substitutions (§3.2-3.5, §4.1)

  identifier(): Node | null {
    let c = this.peek();
    if (!isDigit(c)) return null;
    let wordSubsts = false;
    let punycoded = false;
    if (c === '0') {
      this.pos++;
      if (this.peek() === '0') {
        this.pos++;
        punycoded = true;
      } else {
        wordSubsts = true;
      }
    }
    let ident = '';
    do {
      while (wordSubsts && isLetter(this.peek())) {
        c = this.next();
        let w: number;
        if (c >= 'a' && c <= 'z') {
          w = c.charCodeAt(0) - 97;
        } else {
          w = c.charCodeAt(0) - 65;
          wordSubsts = false;
        }
        const word = this.words[w];
        if (word === undefined) return null;
        ident += word;
      }
      if (this.nextIf('0')) break;
      const len = this.natural();
      if (len <= 0) return null;
      if (punycoded) this.nextIf('_');
      if (this.pos + len > this.text.length) return null;
      const slice = this.text.slice(this.pos, this.pos + len);
      if (punycoded) {
        const decoded = decodeSwiftPunycode(slice);
        if (decoded === undefined) return null;
        ident += decoded;
      } else {
        ident += slice;
        this.recordWords(slice);
      }
      this.pos += len;
    } while (wordSubsts);
    if (ident.length === 0) return null;
    const n = this.node('Identifier', ident);
    this.addSubstitution(n);
    return n;
  }

  private recordWords(slice: string): void {
    let start = -1;
    for (let i = 0; i <= slice.length; i++) {
      const c = i < slice.length ? slice.charAt(i) : '';
      if (start >= 0 && isWordEnd(c, slice.charAt(i - 1))) {
        if (i - start >= 2 && this.words.length < MAX_WORDS) this.words.push(slice.slice(start, i));
        start = -1;
      }
      if (start < 0 && isWordStart(c)) start = i;
    }
  }

  private operatorIdentifier(): Node | null {
    const id = this.pop('Identifier');
    if (!id) return null;
    const table = '& @/= >    <*!|+?%-~   ^ .';
    let op = '';
    for (const ch of id.textOf()) {
      const code = ch.charCodeAt(0);
      if (code >= 0x80) {
        op += ch;
        continue;
      }
      if (code < 97 || code > 122) return null;
      const o = table.charAt(code - 97);
      if (o === ' ') return null;
      op += o;
    }
    switch (this.next()) {
      case 'i': return this.node('InfixOperator', op);
      case 'p': return this.node('PrefixOperator', op);
      case 'P': return this.node('PostfixOperator', op);
      default: return null;
    }
  }

  private multiSubstitutions(): Node | null {
    let repeat = -1;
    for (;;) {
      const c = this.next();
      if (c === '') return null;
      if (c >= 'a' && c <= 'z') {
        const n = this.pushMulti(repeat, c.charCodeAt(0) - 97);
        if (!n) return null;
        this.push(n);
        repeat = -1;
        continue;
      }
      if (c >= 'A' && c <= 'Z') return this.pushMulti(repeat, c.charCodeAt(0) - 65);
      if (c === '_') return this.substitutions[repeat + 27] ?? null;
      this.pushBack();
      repeat = this.natural();
      if (repeat < 0) return null;
    }
  }

  private pushMulti(repeat: number, idx: number): Node | null {
    const n = this.substitutions[idx];
    if (n === undefined || repeat > MAX_REPEAT) return null;
    for (let r = repeat; r > 1; r--) this.push(n);
    return n;
  }
}

function isEntityNode(n: Node): boolean {
  if (n.kind === 'Type') return n.count === 1 && isContext(n.first);
  return isContext(n);
}

export function isDigit(c: string): boolean {
  return c >= '0' && c <= '9' && c.length === 1;
}

function isLetter(c: string): boolean {
  return c.length === 1 && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'));
}

function isUpper(c: string): boolean {
  return c.length === 1 && c >= 'A' && c <= 'Z';
}

function isWordStart(c: string): boolean {
  return c !== '' && !isDigit(c) && c !== '_';
}

function isWordEnd(c: string, prev: string): boolean {
  return c === '_' || c === '' || (!isUpper(prev) && isUpper(c));
}
