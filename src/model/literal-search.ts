/**
 * Every one of many literals in a text in one pass: an Aho-Corasick automaton (a full DFA), linear in
 * the text whatever the number of literals. (One big regex alternation runs far slower: V8
 * interprets patterns that large.) Core code, no Node API.
 */

export interface LiteralSearch {
  literals: string[];
  /** Column of each ASCII character code (0: in no literal); case-insensitive searches fold ASCII letters. */
  asciiCol: Uint16Array;
  /** Columns of the non-ASCII characters the literals hold (case-sensitive searches only). */
  otherCol: Map<number, number>;
  cols: number;
  /**
   * Next state by state + column; states are numbered by their row offset (state index * cols).
   * Empty (with `ends`) when the direct ASCII table is built for all-ASCII literals: the table alone serves.
   */
  delta: Int32Array;
  /** Literal indexes that end at each state (directly or through a suffix), by state index, or undefined. */
  out: (number[] | undefined)[];
  /** 1 where `out` has literals, by row offset. */
  ends: Uint8Array;
  /**
   * The same automaton with one row of 128 per state, indexed by the ASCII code itself (no column
   * look-up per character): the next state's number, with END set when literals end there (no
   * separate `ends` read). 16 bits an entry, half the cache lines of row offsets. Only for automata
   * up to ASCII_TABLE_STATES states (memory).
   */
  ascii: Uint16Array | undefined;
  /** True when every literal is ASCII: a part may then be scanned as UTF-8 bytes (LiteralScan.part). */
  asciiOnly: boolean;
  /** Length of the longest literal (LiteralScan.chains overlaps its windows by one less). */
  longest: number;
}

/** Set in an `ascii` entry when literals end at the state it leads to. */
const END = 0x8000;

/** Largest automaton given the direct ASCII table: 8192 states × 128 × 2 bytes = 2 MB (and below END). */
export const ASCII_TABLE_STATES = 8192;

/**
 * A literal set searched with one indexOf per literal for its first few searches (a report each),
 * then with its automaton; a single search over a long text (a kernel log's messages) builds the
 * automaton as soon as the indexOf work would cost about as much. Building takes about a
 * microsecond per state (a set of ~60 literals has ~1,600 states; the panic families' ~6,000),
 * while analysing one pasted report searches each set once over a few kilobytes: start-up was
 * paying for tables only a batch needs, and a batch builds them from its second search.
 */
export interface LiteralSet {
  literals: string[];
  /** The literals as searched by indexOf: ASCII-folded for case-insensitive sets. */
  folded: string[];
  ci: boolean;
  /** Searches started without the automaton. */
  uses: number;
  /** indexOf work done so far (characters searched, per literal) and the work after which the automaton is built. */
  work: number;
  budget: number;
  search: LiteralSearch | undefined;
}

/**
 * Searches a set answers by indexOf before its automaton is built: one (the prefilter only starts
 * after a batch's first reports, and the table-only build is cheap; measured in triage runs,
 * building sooner costs fewer instructions than more indexOf searches: 4 → 0 gave -0.6%).
 */
export const SEARCHES_BEFORE_BUILD = 1;

/** indexOf work (characters × literals) worth one state of an automaton to build. */
export const WORK_PER_STATE = 250;

export function literalSet(literals: string[], ci = false): LiteralSet {
  let chars = 0;
  for (const l of literals) chars += l.length;
  return { literals, folded: ci ? literals.map(asciiLower) : literals, ci, uses: 0, work: 0, budget: chars * WORK_PER_STATE, search: undefined };
}

/** The set's automaton when built, or now when the set has had its indexOf searches; undefined to search by indexOf. */
function automatonOf(set: LiteralSet): LiteralSearch | undefined {
  return set.search ?? (++set.uses > SEARCHES_BEFORE_BUILD ? built(set) : undefined);
}

function built(set: LiteralSet): LiteralSearch {
  set.search ??= literalSearch(set.literals, set.ci);
  return set.search;
}

/** ASCII letters lower-cased, nothing else: the folding of a /i regex without the u flag on ASCII literals. */
function asciiLower(s: string): string {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x41 && c <= 0x5a) return s.replace(/[A-Z]+/g, (m) => m.toLowerCase());
  }
  return s;
}

/**
 * The automaton of a list of non-empty literals. Case-insensitive (`ci`) searches fold ASCII letters
 * only, as a /i regex without the u flag does; their literals must be ASCII. `tableStates`: the most
 * states given the direct ASCII table (tests pass 0 to exercise the column automaton alone).
 */
export function literalSearch(literals: string[], ci = false, tableStates = ASCII_TABLE_STATES): LiteralSearch {
  // Columns: one per distinct character of the literals (ASCII letters folded when case-insensitive), 0 for any other.
  const asciiCol = new Uint16Array(128);
  const otherCol = new Map<number, number>();
  let cols = 1;
  const colOf = (code: number): number => (code < 128 ? (asciiCol[code] as number) : otherCol.get(code) ?? 0);
  for (const l of literals) {
    for (let i = 0; i < l.length; i++) {
      const code = l.charCodeAt(i);
      if (colOf(code) !== 0) continue;
      if (code >= 128) otherCol.set(code, cols++);
      else if (ci && /[a-z]/i.test(l[i] as string)) {
        const c = cols++;
        asciiCol[(l[i] as string).toLowerCase().charCodeAt(0)] = c;
        asciiCol[(l[i] as string).toUpperCase().charCodeAt(0)] = c;
      } else asciiCol[code] = cols++;
    }
  }
  // The trie in typed arrays (no object per state): each state's children as a linked list.
  let most = 1;
  let longest = 0;
  for (const l of literals) {
    most += l.length;
    if (l.length > longest) longest = l.length;
  }
  const firstChild = new Int32Array(most);
  const nextSibling = new Int32Array(most);
  const edgeCol = new Int32Array(most);
  const endsAt: (number[] | undefined)[] = [];
  let n = 1;
  for (let li = 0; li < literals.length; li++) {
    const l = literals[li] as string;
    let st = 0;
    for (let i = 0; i < l.length; i++) {
      const c = colOf(l.charCodeAt(i));
      // 0 ends a list: the root is nobody's child.
      let next = firstChild[st] as number;
      while (next !== 0 && edgeCol[next] !== c) next = nextSibling[next] as number;
      if (next === 0) {
        next = n++;
        edgeCol[next] = c;
        nextSibling[next] = firstChild[st] as number;
        firstChild[st] = next;
      }
      st = next;
    }
    (endsAt[st] ??= []).push(li);
  }
  const asciiOnly = otherCol.size === 0;
  // Literals all ASCII (every signature's are): the direct table alone, since a character outside
  // ASCII is in no literal and takes any state to the root, where no literal ends.
  if (asciiOnly && n <= tableStates) {
    const { table, out } = tableOnly({ n, cols, firstChild, nextSibling, edgeCol, endsAt }, asciiCol);
    return { literals, asciiCol, otherCol, cols, delta: NO_DELTA, out, ends: NO_ENDS, ascii: table, asciiOnly, longest };
  }
  let ascii: Uint16Array | undefined;
  // Breadth first: each state's missing edges are its failure state's, and it ends what its failure state ends.
  // Entries are row offsets (state * cols), so the scan needs no multiplication.
  const delta = new Int32Array(n * cols);
  const fail = new Int32Array(n);
  const out: (number[] | undefined)[] = new Array<number[] | undefined>(n);
  const queue = new Int32Array(n);
  let qn = 0;
  for (let ch = firstChild[0] as number; ch !== 0; ch = nextSibling[ch] as number) {
    delta[edgeCol[ch] as number] = ch * cols;
    queue[qn++] = ch;
  }
  out[0] = undefined;
  for (let qi = 0; qi < qn; qi++) {
    const st = queue[qi] as number;
    const f = fail[st] as number;
    const own = endsAt[st];
    const inherited = out[f];
    out[st] = own || inherited ? [...(own ?? []), ...(inherited ?? [])] : undefined;
    // Missing edges are the failure state's (already complete: it is nearer the root); then the state's own.
    const row = st * cols;
    const from = f * cols;
    delta.copyWithin(row, from, from + cols);
    for (let ch = firstChild[st] as number; ch !== 0; ch = nextSibling[ch] as number) {
      const c = edgeCol[ch] as number;
      fail[ch] = (delta[from + c] as number) / cols;
      delta[row + c] = ch * cols;
      queue[qn++] = ch;
    }
  }
  const ends = new Uint8Array(n * cols);
  for (let st = 0; st < n; st++) if (out[st]) ends[st * cols] = 1;
  if (n <= tableStates) {
    // The same construction by ASCII code: a row is its failure state's row (copied natively) with
    // the state's own edges written over it, in the same breadth-first order (no look-up per state and code).
    const codesOf: number[][] = Array.from({ length: cols }, () => []);
    for (let code = 0; code < 128; code++) if (asciiCol[code] !== 0) codesOf[asciiCol[code] as number]?.push(code);
    const table = new Uint16Array(n * 128);
    const own = (st: number): void => {
      for (let ch = firstChild[st] as number; ch !== 0; ch = nextSibling[ch] as number) {
        const to = out[ch] ? ch | END : ch;
        for (const code of codesOf[edgeCol[ch] as number] as number[]) table[st * 128 + code] = to;
      }
    };
    own(0);
    for (let qi = 0; qi < qn; qi++) {
      const st = queue[qi] as number;
      const row = st * 128;
      const from = (fail[st] as number) * 128;
      table.copyWithin(row, from, from + 128);
      own(st);
    }
    ascii = table;
  }
  return { literals, asciiCol, otherCol, cols, delta, out, ends, ascii, asciiOnly, longest };
}

/** The column automaton's tables of a search that has only the direct ASCII table (never read). */
const NO_DELTA = new Int32Array(0);
const NO_ENDS = new Uint8Array(0);

interface Trie {
  n: number;
  cols: number;
  firstChild: Int32Array;
  nextSibling: Int32Array;
  edgeCol: Int32Array;
  endsAt: (number[] | undefined)[];
}

/**
 * The direct ASCII table of an all-ASCII trie, built alone in one breadth-first pass: a state's row
 * is its failure state's row (copied natively, complete since that state is nearer the root) with
 * its own edges written over it. A child's failure state is where its failure parent's row leads on
 * its character, and it ends what it ends itself plus what its failure state ends (set before: that
 * state is nearer the root). The same table and `out` as the column build gives.
 */
function tableOnly(trie: Trie, asciiCol: Uint16Array): { table: Uint16Array; out: (number[] | undefined)[] } {
  const { n, cols, firstChild, nextSibling, edgeCol, endsAt } = trie;
  // The ASCII codes of each column: one, or a letter's two cases.
  const code1 = new Int16Array(cols).fill(-1);
  const code2 = new Int16Array(cols).fill(-1);
  for (let code = 0; code < 128; code++) {
    const c = asciiCol[code] as number;
    if (c === 0) continue;
    if (code1[c] === -1) code1[c] = code;
    else code2[c] = code;
  }
  const table = new Uint16Array(n * 128);
  const fail = new Int32Array(n);
  const out: (number[] | undefined)[] = new Array<number[] | undefined>(n);
  const queue = new Int32Array(n);
  let qn = 1;
  // queue[0] = 0: the root, whose children fail to the root.
  for (let qi = 0; qi < qn; qi++) {
    const st = queue[qi] as number;
    const row = st * 128;
    const from = (fail[st] as number) * 128;
    if (st !== 0) table.copyWithin(row, from, from + 128);
    for (let ch = firstChild[st] as number; ch !== 0; ch = nextSibling[ch] as number) {
      const c = edgeCol[ch] as number;
      const code = code1[c] as number;
      const f = st === 0 ? 0 : (table[from + code] as number) & ~END;
      fail[ch] = f;
      const own = endsAt[ch];
      const inherited = out[f];
      // Its own literals then its failure state's, as the column build lists them (lists are only
      // read, so one is shared where the state adds none: no spread, which made this loop's
      // optimised code several times larger to compile for a build that runs once per set).
      const ends = own === undefined ? inherited : inherited === undefined ? own : own.concat(inherited);
      out[ch] = ends;
      const to = ends ? ch | END : ch;
      table[row + code] = to;
      const other = code2[c] as number;
      if (other !== -1) table[row + other] = to;
      queue[qn++] = ch;
    }
  }
  return { table, out };
}

/**
 * Where a text made of parts goes: the values of a field one after another (src/diagnose/fields.ts
 * feeds them without joining them into one string). Each call returns false when the reader can stop.
 */
export interface TextSink {
  /** The next part of the current value. */
  part(s: string): boolean;
  /** The current value ends (as if the values were joined by NUL). */
  end(): boolean;
  /** A whole value: part(s) then end(). */
  value(s: string): boolean;
}

/** Parts at least this long are scanned as UTF-8 bytes (LiteralScan.bytes); shorter ones do not repay the encoder's call. */
export const BYTES_FROM = 48;
/** Most characters LiteralScan holds before it scans them (see LiteralScan.held). */
export const HOLD_MAX = 8192;
/** All-ASCII parts at least this long are read by four automata at once (LiteralScan.chains). */
export const CHAINS_FROM = 256;
/** ... whose windows are at least this many times the longest literal (each window repeats one less than it). */
const CHAINS_WINDOW = 4;
/** Code units encoded at a time by LiteralScan.bytes (its buffer is 3 bytes per unit). */
export const BYTES_CHUNK = 8192;
const utf8 = new TextEncoder();
/** Byte order of typed-array words: bytes() reads four bytes at a time only where the first is the low one. */
const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

/**
 * One search fed in parts, reusable (start() resets it): which literals occur in the values fed,
 * exactly as literalsIn finds them in the values joined by NUL. NUL is in no literal, so it takes the
 * automaton back to its root: a value's end just resets the state. The feeder bounds the values
 * (src/diagnose/fields.ts scanField cuts them where the regexes' values are cut).
 */
export class LiteralScan implements TextSink {
  /** 1 at the index of each literal found so far (the first literals.length entries count). */
  private hits = new Uint8Array(64);
  /** UTF-8 of the part being scanned (bytes()). */
  private buf = new Uint8Array(0);
  /** The same bytes four at a time. */
  private words = new Uint32Array(0);
  private search: LiteralSearch | undefined;
  /** A set searched by indexOf (its automaton is not built yet), and the current value so far. */
  private naive: LiteralSet | undefined;
  private current = '';
  private left = 0;
  private st = 0;
  /**
   * Parts held to be scanned together, with a NUL between values (`join` searches only): from the
   * first long part on, the rest of the values are read in one encoding, long enough for chains(),
   * instead of one encoding and one short scan per value. Scanned when `found` or `done` is read or
   * the held text reaches HOLD_MAX. A NUL takes the automaton to its root as a value's end does,
   * since it is in no literal of such a search.
   */
  private held: string[] = [];
  /** Characters held (NULs to come included): 0 when nothing is held. */
  private heldLength = 0;
  /** A value ended after the last held part: a NUL goes before the next one. */
  private heldEnd = false;
  /** The search reads the direct ASCII table, all its literals are ASCII and none holds NUL. */
  private join = false;

  start(source: LiteralSearch | LiteralSet): void {
    const n = source.literals.length;
    if (this.hits.length < n) this.hits = new Uint8Array(n);
    else this.hits.fill(0, 0, n);
    const search = 'delta' in source ? source : automatonOf(source);
    this.search = search;
    this.naive = search ? undefined : (source as LiteralSet);
    this.join = search !== undefined && joins(search);
    this.current = '';
    this.left = n;
    this.st = 0;
    if (this.heldLength > 0) {
      this.held.length = 0;
      this.heldLength = 0;
    }
    this.heldEnd = false;
  }

  /** 1 at the index of each literal found in what was fed so far (the first literals.length entries count). */
  get found(): Uint8Array {
    if (this.heldLength > 0) this.flush();
    return this.hits;
  }

  /** True once every literal was found: nothing more to learn. */
  get done(): boolean {
    if (this.heldLength > 0) this.flush();
    return this.left === 0;
  }

  part(s: string): boolean {
    if (this.left === 0) return false;
    if (this.naive) return this.naivePart(s);
    const n = s.length;
    if (this.heldLength > 0 || (n >= BYTES_FROM && this.join)) return this.hold(s);
    const search = this.search as LiteralSearch;
    const ascii = search.ascii;
    if (ascii && search.asciiOnly) {
      if (n >= BYTES_FROM) return this.bytes(s, ascii);
      // The direct table alone (the usual search: every signature literal is ASCII), read as in
      // the loop below for an all-ASCII search, without the column automaton's fields.
      let st = this.st;
      for (let i = 0; i < n; i++) {
        const code = s.charCodeAt(i);
        let v = code < 128 ? (ascii[(st << 7) | code] as number) : 0;
        if (v >= END && (v = this.hit(v)) < 0) return false;
        st = v;
      }
      this.st = st;
      return true;
    }
    const { otherCol, cols, delta, out, ends } = search;
    const found = this.hits;
    const other = otherCol.size > 0;
    let st = this.st;
    if (ascii) {
      // State = state number (row st << 7 of the direct ASCII table); END set: literals end there.
      for (let i = 0; i < n; i++) {
        const code = s.charCodeAt(i);
        let v: number;
        if (code < 128) v = ascii[(st << 7) | code] as number;
        else {
          // Non-ASCII: the column automaton's move from the same state (all-ASCII searches were read above).
          const to = delta[st * cols + (other ? otherCol.get(code) ?? 0 : 0)] as number;
          v = ends[to] === 1 ? (to / cols) | END : to / cols;
        }
        if (v >= END && (v = this.hit(v)) < 0) return false;
        st = v;
      }
    } else {
      // State = row offset st * cols of the column automaton.
      const { asciiCol } = search;
      for (let i = 0; i < n; i++) {
        const code = s.charCodeAt(i);
        st = delta[st + (code < 128 ? (asciiCol[code] as number) : other ? otherCol.get(code) ?? 0 : 0)] as number;
        if (ends[st] === 1) {
          const lits = out[st / cols] as number[];
          for (let k = 0; k < lits.length; k++) {
            const li = lits[k] as number;
            if (found[li] === 0) {
              found[li] = 1;
              this.left--;
            }
          }
          if (this.left === 0) return false;
        }
      }
    }
    this.st = st;
    return true;
  }

  /** Holds a part (see `held`): false once every literal is found. */
  private hold(s: string): boolean {
    const held = this.held;
    if (this.heldEnd) {
      held.push('\u0000');
      this.heldEnd = false;
    }
    held.push(s);
    this.heldLength += s.length + 1;
    return this.heldLength < HOLD_MAX || this.flush();
  }

  /** Scans the held parts (see `held`), the first of which is long: false once every literal is found. */
  private flush(): boolean {
    const held = this.held;
    const text = held.length === 1 ? (held[0] as string) : held.join('');
    held.length = 0;
    this.heldLength = 0;
    if (!this.bytes(text, (this.search as LiteralSearch).ascii as Uint16Array)) return false;
    if (this.heldEnd) {
      this.st = 0;
      this.heldEnd = false;
    }
    return true;
  }

  /**
   * part() over the UTF-8 bytes of `s`, for a search whose literals are all ASCII. The encoder copies
   * the text natively, so the loop reads a byte array instead of asking the string for each character
   * (which costs several representation checks per character). The same literals are found: an ASCII
   * character is its own byte, and every non-ASCII character (any byte of its encoding, a lone
   * surrogate's replacement included) is in no literal, so it takes the automaton to its root as the
   * character itself would.
   */
  private bytes(s: string, ascii: Uint16Array): boolean {
    let st = this.st;
    // Pieces of at most BYTES_CHUNK code units, so the buffer stays small for any text; cutting a
    // surrogate pair only turns its non-ASCII bytes into other non-ASCII bytes.
    for (let at = 0; at < s.length; at += BYTES_CHUNK) {
      const piece = at === 0 && s.length <= BYTES_CHUNK ? s : s.slice(at, at + BYTES_CHUNK);
      if (this.buf.length < piece.length * 3) {
        this.buf = new Uint8Array(Math.max(256, (piece.length * 3 + 3) & ~3));
        this.words = new Uint32Array(this.buf.buffer);
      }
      const buf = this.buf;
      const words = this.words;
      const m = utf8.encodeInto(piece, buf).written;
      // All ASCII (a non-ASCII code unit takes two bytes or more) and long: four chains at once.
      if (m === piece.length && m >= CHAINS_FROM) {
        const to = this.chains(st, m, ascii);
        if (to === -1) return false;
        if (to >= 0) {
          st = to;
          continue;
        }
      }
      // Four bytes a read (one typed-array access instead of four); a word of four ASCII bytes
      // takes four table steps without a test per byte.
      const full = LITTLE_ENDIAN ? m >>> 2 : 0;
      for (let w = 0; w < full; w++) {
        let x = words[w] as number;
        if ((x & 0x80808080) === 0) {
          let v = ascii[(st << 7) | (x & 0x7f)] as number;
          if (v >= END && (v = this.hit(v)) < 0) return false;
          v = ascii[(v << 7) | ((x >>> 8) & 0x7f)] as number;
          if (v >= END && (v = this.hit(v)) < 0) return false;
          v = ascii[(v << 7) | ((x >>> 16) & 0x7f)] as number;
          if (v >= END && (v = this.hit(v)) < 0) return false;
          v = ascii[(v << 7) | (x >>> 24)] as number;
          if (v >= END && (v = this.hit(v)) < 0) return false;
          st = v;
        } else {
          for (let k = 0; k < 4; k++, x >>>= 8) {
            const code = x & 0xff;
            let v = code < 128 ? (ascii[(st << 7) | code] as number) : 0;
            if (v >= END && (v = this.hit(v)) < 0) return false;
            st = v;
          }
        }
      }
      for (let i = full << 2; i < m; i++) {
        const code = buf[i] as number;
        let v = code < 128 ? (ascii[(st << 7) | code] as number) : 0;
        if (v >= END && (v = this.hit(v)) < 0) return false;
        st = v;
      }
    }
    this.st = st;
    return true;
  }

  /**
   * The byte scan of buf[0, m) (all ASCII bytes) as four automata over four overlapping windows
   * whose steps interleave: a step waits on the table read of the step before, so one automaton
   * leaves the processor idle while four independent ones keep it busy. Windows are whole words
   * (four bytes a read, as in bytes()). The first window goes on from `st`; each other starts at the
   * root at least `longest - 1` bytes before the previous one ends, so every occurrence (at most
   * `longest` bytes) lies whole in a window that starts at or before it and is read from there; the
   * last window goes on to m and is at least `longest` long, so it ends in the state one automaton
   * reading everything would be in. Returns that state, -1 once every literal is found, or -2 when
   * the windows do not fit (the caller reads the text with one automaton).
   */
  private chains(st: number, m: number, ascii: Uint16Array): number {
    const longest = (this.search as LiteralSearch).longest;
    const full = m >>> 2;
    // Windows of t words at 0, w1, w2 and w3 = full - t: consecutive ones share `shared` words or more.
    const shared = (longest + 2) >>> 2;
    const t = Math.ceil((full + 3 * shared) / 4);
    const w1 = t - shared;
    const w2 = 2 * w1;
    const w3 = full - t;
    if (!LITTLE_ENDIAN || t < CHAINS_WINDOW * (shared + 1) || w2 + t > full || w3 < w2) return -2;
    const words = this.words;
    let a = st;
    let b = 0;
    let c = 0;
    let d = 0;
    for (let i = 0; i < t; i++) {
      const x = words[i] as number;
      const y = words[w1 + i] as number;
      const z = words[w2 + i] as number;
      const u = words[w3 + i] as number;
      // Each byte in turn, low first; states are below END, so the union has END when one of them does.
      let va = ascii[(a << 7) | (x & 0x7f)] as number;
      let vb = ascii[(b << 7) | (y & 0x7f)] as number;
      let vc = ascii[(c << 7) | (z & 0x7f)] as number;
      let vd = ascii[(d << 7) | (u & 0x7f)] as number;
      if ((va | vb | vc | vd) >= END) {
        if ((va >= END && (va = this.hit(va)) < 0) || (vb >= END && (vb = this.hit(vb)) < 0) || (vc >= END && (vc = this.hit(vc)) < 0) || (vd >= END && (vd = this.hit(vd)) < 0)) return -1;
      }
      va = ascii[(va << 7) | ((x >>> 8) & 0x7f)] as number;
      vb = ascii[(vb << 7) | ((y >>> 8) & 0x7f)] as number;
      vc = ascii[(vc << 7) | ((z >>> 8) & 0x7f)] as number;
      vd = ascii[(vd << 7) | ((u >>> 8) & 0x7f)] as number;
      if ((va | vb | vc | vd) >= END) {
        if ((va >= END && (va = this.hit(va)) < 0) || (vb >= END && (vb = this.hit(vb)) < 0) || (vc >= END && (vc = this.hit(vc)) < 0) || (vd >= END && (vd = this.hit(vd)) < 0)) return -1;
      }
      va = ascii[(va << 7) | ((x >>> 16) & 0x7f)] as number;
      vb = ascii[(vb << 7) | ((y >>> 16) & 0x7f)] as number;
      vc = ascii[(vc << 7) | ((z >>> 16) & 0x7f)] as number;
      vd = ascii[(vd << 7) | ((u >>> 16) & 0x7f)] as number;
      if ((va | vb | vc | vd) >= END) {
        if ((va >= END && (va = this.hit(va)) < 0) || (vb >= END && (vb = this.hit(vb)) < 0) || (vc >= END && (vc = this.hit(vc)) < 0) || (vd >= END && (vd = this.hit(vd)) < 0)) return -1;
      }
      va = ascii[(va << 7) | (x >>> 24)] as number;
      vb = ascii[(vb << 7) | (y >>> 24)] as number;
      vc = ascii[(vc << 7) | (z >>> 24)] as number;
      vd = ascii[(vd << 7) | (u >>> 24)] as number;
      if ((va | vb | vc | vd) >= END) {
        if ((va >= END && (va = this.hit(va)) < 0) || (vb >= END && (vb = this.hit(vb)) < 0) || (vc >= END && (vc = this.hit(vc)) < 0) || (vd >= END && (vd = this.hit(vd)) < 0)) return -1;
      }
      a = va;
      b = vb;
      c = vc;
      d = vd;
    }
    // The last window goes on over the bytes after the last whole word.
    const buf = this.buf;
    for (let i = full << 2; i < m; i++) {
      let v = ascii[(d << 7) | (buf[i] as number)] as number;
      if (v >= END && (v = this.hit(v)) < 0) return -1;
      d = v;
    }
    return d;
  }

  /** Notes the literals ending at the state of table entry `v` (END set): that state, or -1 once every literal is found. */
  private hit(v: number): number {
    const st = v & ~END;
    const lits = (this.search as LiteralSearch).out[st] as number[];
    const found = this.hits;
    for (let k = 0; k < lits.length; k++) {
      const li = lits[k] as number;
      if (found[li] === 0) {
        found[li] = 1;
        this.left--;
      }
    }
    return this.left === 0 ? -1 : st;
  }

  end(): boolean {
    if (this.heldLength > 0) this.heldEnd = true;
    else this.st = 0;
    this.current = '';
    return this.left > 0;
  }

  /** part() without the automaton: each literal not found yet is looked for where `s` could complete it. */
  private naivePart(s: string): boolean {
    const set = this.naive as LiteralSet;
    if (set.work > set.budget) {
      // Searched enough to pay for the automaton: build it and go on with it from the start of the current value.
      this.search = built(set);
      this.naive = undefined;
      this.join = joins(this.search);
      const sofar = this.current;
      this.current = '';
      this.st = 0;
      return (sofar === '' || this.part(sofar)) && this.part(s);
    }
    const before = this.current.length;
    const text = this.current + (set.ci ? asciiLower(s) : s);
    this.current = text;
    const { folded } = set;
    const found = this.hits;
    for (let i = 0; i < folded.length; i++) {
      if (found[i] === 1) continue;
      const l = folded[i] as string;
      // Occurrences wholly inside the earlier parts were looked for already.
      if (text.indexOf(l, before >= l.length ? before - l.length + 1 : 0) >= 0) {
        found[i] = 1;
        this.left--;
      }
    }
    set.work += this.left * (s.length + 16);
    return this.left > 0;
  }

  value(s: string): boolean {
    return this.part(s) && this.end();
  }
}

/** Whether a LiteralScan may hold a search's parts and scan them joined by NUL (see LiteralScan.held). */
const joins = (search: LiteralSearch): boolean => search.ascii !== undefined && search.asciiOnly && search.asciiCol[0] === 0;

const scratch = new LiteralScan();

/**
 * Which of the group's literals occur in `text` (1 at their index): one pass of the automaton, so
 * linear in the text whatever the number of literals. Case-insensitive groups fold ASCII letters
 * only, as a /i regex without the u flag does for the ASCII literals compile-rules.ts keeps.
 */
export function literalsIn(group: LiteralSearch | LiteralSet, text: string): Uint8Array {
  scratch.start(group);
  scratch.part(text);
  return scratch.found.slice(0, group.literals.length);
}

/**
 * LiteralScan's search for a set of a few case-sensitive literals, by the engine's own indexOf on
 * each value: one native search per literal beats a character loop through an automaton when the
 * literals are so few (a field of hundreds of short image names and one literal). It finds exactly
 * what LiteralScan finds: a literal occurs in the values joined by NUL (which no literal holds) just
 * when it occurs in one value, and a value fed in parts is searched whole at its end.
 */
export class IndexOfScan implements TextSink {
  /** 1 at the index of each literal found so far (the first literals.length entries count). */
  found = new Uint8Array(8);
  private literals: readonly string[] = [];
  /** The parts of the current value so far. */
  private current = '';
  private left = 0;

  start(literals: readonly string[]): void {
    const n = literals.length;
    if (this.found.length < n) this.found = new Uint8Array(n);
    else this.found.fill(0, 0, n);
    this.literals = literals;
    this.current = '';
    this.left = n;
  }

  /** True once every literal was found: nothing more to learn. */
  get done(): boolean {
    return this.left === 0;
  }

  part(s: string): boolean {
    if (this.left === 0) return false;
    this.current += s;
    return true;
  }

  end(): boolean {
    const t = this.current;
    if (t !== '') {
      this.current = '';
      this.look(t);
    }
    return this.left > 0;
  }

  value(s: string): boolean {
    if (this.left === 0) return false;
    if (this.current !== '') {
      this.current += s;
      return this.end();
    }
    this.look(s);
    return this.left > 0;
  }

  private look(t: string): void {
    const lits = this.literals;
    const found = this.found;
    for (let i = 0; i < lits.length; i++) {
      if (found[i] === 0 && t.includes(lits[i] as string)) {
        found[i] = 1;
        this.left--;
      }
    }
  }
}
