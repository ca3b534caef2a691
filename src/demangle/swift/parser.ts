/**
 * The Swift (≥ 4) symbol parser: a postfix "calculator" that reads one operator at a time and pushes the
 * node it builds, popping its operands (SWIFT-MANGLING.md §2). Operator families live in parse-*.ts.
 */
import { DECL_NAME_KINDS, FUNCTION_ATTRS, Node, isContext, type Kind } from './node.js';
import { NameCursor } from './cursor.js';
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

export class Demangler extends NameCursor {
  readonly stack: Node[] = [];
  readonly substitutions: Node[] = [];
  readonly words: string[] = [];
  /** `_T0` names spell argument labels inside the parameter tuple instead of a separate list. */
  readonly oldFunctionTypeMangling: boolean;
  private nodes = 0;

  constructor(text: string, oldFunctionTypeMangling: boolean) {
    super(text);
    this.oldFunctionTypeMangling = oldFunctionTypeMangling;
  }

  // ---- characters and numbers (peek, next, nextIf, empty: NameCursor)

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
  /**
   * Pops `item`s down to the one that carries a FirstElementMarker into `list`, restoring mangling
   * order; false when an item is missing. The list shape behind type, protocol and conformance lists.
   */
  popMarkedList(list: Node, item: () => Node | null): boolean {
    let first = false;
    do {
      first = this.pop('FirstElementMarker') !== null;
      const n = item();
      if (!n) return false;
      list.add(n);
    } while (!first);
    list.reverseFrom(0);
    return true;
  }

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
    return this.pop(isDeclName);
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
    for (let attr = this.pop(isFunctionAttr); attr; attr = this.pop(isFunctionAttr)) {
      parent.add(attr);
      if (attr.kind === 'PartialApplyForwarder' || attr.kind === 'PartialApplyObjCForwarder') parent = attr;
    }
    // Several unrelated nodes left over mean a malformed name; the reference would print them run together.
    if (this.stack.length > 1) return null;
    for (const n of this.stack) parent.add(n.kind === 'Type' && n.count === 1 ? n.first : n);
    if (suffix) global.add(suffix);
    return global.count === 0 ? null : global;
  }

  private operator(): Node | null {
    // Dispatch on the character code: a dense integer switch instead of string comparisons.
    const c = this.pos < this.text.length ? this.text.charCodeAt(this.pos++) : 0;
    switch (c) {
      case 0x41: /* A */ return this.multiSubstitutions();
      case 0x42: /* B */ return demangleBuiltinType(this);
      case 0x43: /* C */ return demangleAnyGenericType(this, 'Class');
      case 0x44: /* D */ return demangleTypeMangling(this);
      case 0x45: /* E */ return demangleExtensionContext(this);
      case 0x46: /* F */ return demanglePlainFunction(this);
      case 0x47: /* G */ return demangleBoundGenericType(this);
      case 0x48: /* H */ return demangleRecord(this);
      case 0x49: /* I */ return demangleImplFunctionType(this);
      case 0x4b: /* K */ return this.node('ThrowsAnnotation');
      case 0x4c: /* L */ return demangleLocalIdentifier(this);
      case 0x4d: /* M */ return demangleMetatype(this);
      case 0x4e: /* N */ return this.withChildren('TypeMetadata', this.pop('Type'));
      case 0x4f: /* O */ return demangleAnyGenericType(this, 'Enum');
      case 0x50: /* P */ return demangleAnyGenericType(this, 'Protocol');
      case 0x51: /* Q */ return demangleArchetype(this);
      case 0x52: /* R */ return demangleGenericRequirement(this);
      case 0x53: /* S */ return demangleStandardSubstitution(this);
      case 0x54: /* T */ return demangleThunkOrSpecialization(this);
      case 0x56: /* V */ return demangleAnyGenericType(this, 'Structure');
      case 0x57: /* W */ return demangleWitness(this);
      case 0x58: /* X */ return demangleSpecialType(this);
      case 0x59: /* Y */ return demangleTypeAnnotation(this);
      case 0x5a: /* Z */ return this.withChildren('Static', this.pop(isEntityNode));
      case 0x61: /* a */ return demangleAnyGenericType(this, 'TypeAlias');
      case 0x63: /* c */ return popFunctionType(this, 'FunctionType');
      case 0x64: /* d */ return this.node('VariadicMarker');
      case 0x66: /* f */ return demangleFunctionEntity(this);
      case 0x67: /* g */ return demangleRetroactiveConformance(this);
      case 0x68: /* h */ return this.type(this.withChildren('Shared', this.popTypeAndGetChild()));
      case 0x69: /* i */ return demangleSubscript(this);
      case 0x6c: /* l */ return demangleGenericSignature(this, false);
      case 0x6d: /* m */ return this.type(this.withChildren('Metatype', this.pop('Type')));
      case 0x6e: /* n */ return this.type(this.withChildren('Owned', this.popTypeAndGetChild()));
      case 0x6f: /* o */ return this.operatorIdentifier();
      case 0x70: /* p */ return demangleProtocolListType(this);
      case 0x71: /* q */ return this.type(demangleGenericParamIndex(this));
      case 0x72: /* r */ return demangleGenericSignature(this, true);
      case 0x73: /* s */ return this.node('Module', 'Swift');
      case 0x74: /* t */ return popTuple(this);
      case 0x75: /* u */ return demangleGenericType(this);
      case 0x76: /* v */ return demangleVariable(this);
      case 0x77: /* w */ return demangleValueWitness(this);
      case 0x78: /* x */ return this.type(dependentGenericParamType(this, 0, 0));
      case 0x79: /* y */ return this.node('EmptyList');
      case 0x7a: /* z */ return this.type(this.withChildren('InOut', this.popTypeAndGetChild()));
      case 0x5f: /* _ */ return this.node('FirstElementMarker');
      case 0x2e: /* . */ this.pushBack(); return this.node('Suffix', this.consumeAll());
      case 0x24: /* $ */ return demangleIntegerType(this);
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
    if (this.words.length >= MAX_WORDS) return;
    let start = -1;
    for (let i = 0; i <= slice.length; i++) {
      const c = i < slice.length ? slice.charCodeAt(i) : 0;
      if (start >= 0 && isWordEnd(c, slice.charCodeAt(i - 1))) {
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

function isFunctionAttr(n: Node): boolean {
  return FUNCTION_ATTRS.has(n.kind);
}

function isDeclName(n: Node): boolean {
  return DECL_NAME_KINDS.has(n.kind);
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

const isUpperCode = (c: number): boolean => c >= 65 && c <= 90;

/** Word boundaries on character codes (0 = end of the chunk); see SWIFT-MANGLING.md §3.3. */
function isWordStart(c: number): boolean {
  return c !== 0 && !(c >= 48 && c <= 57) && c !== 95;
}

function isWordEnd(c: number, prev: number): boolean {
  return c === 95 || c === 0 || (!isUpperCode(prev) && isUpperCode(c));
}
