/**
 * Literals a regex cannot match without: `requiredLiterals(source, flags)` returns strings such that
 * every match of the pattern contains at least one of them, or undefined when none can be derived.
 * match.ts uses them as a prefilter: a rule whose literals occur in none of a field's values cannot
 * match, so its regex is not run. Being a prefilter, the analysis only has to be sound, not complete:
 * anything it does not fully understand breaks the literal run (or gives up), never extends it.
 */

/** One of these strings is in every match; each is lower-case when the regex is case-insensitive. */
export type Literals = string[];

interface Cursor {
  src: string;
  pos: number;
  ci: boolean;
}

/** Shortest literal in a disjunction: the longer, the fewer reports pass it. */
const strength = (d: Literals): number => d.reduce((m, s) => Math.min(m, s.length), Infinity);

export function requiredLiterals(source: string, flags = ''): Literals | undefined {
  // Other flags (u, v, s, m, …) change how the source reads; only the ones signatures may use are analysed.
  if (!/^i?$/.test(flags)) return undefined;
  const c: Cursor = { src: source, pos: 0, ci: flags === 'i' };
  let need: Literals | undefined;
  try {
    need = disjunction(c);
  } catch {
    return undefined;
  }
  // A stray ')' or anything left unread: the source is not what this reader thinks it is.
  if (c.pos !== source.length || !need || need.length === 0) return undefined;
  return [...new Set(need)];
}

/** Alternatives up to ')' or the end: one literal of some alternative is in every match. */
function disjunction(c: Cursor): Literals | undefined {
  const alts: (Literals | undefined)[] = [sequence(c)];
  while (c.src[c.pos] === '|') {
    c.pos++;
    alts.push(sequence(c));
  }
  if (alts.some((a) => a === undefined)) return undefined;
  return (alts as Literals[]).flat();
}

type Term = { kind: 'char'; ch: string } | { kind: 'group'; need: Literals | undefined } | { kind: 'other' };

/**
 * Characters term() reads as a literal of their own (no syntax, quantifier, NUL, nor under /i a
 * non-ASCII letter: see literal()), many at a time.
 */
const PLAIN = /[^\\[\](){}|*+?.^$\0]+/y;
const PLAIN_CI = /[^\\[\](){}|*+?.^$\0\x80-\uffff]+/y;

/** False reads every character through term(): the reference the runs are tested against. */
let runs = true;

/** requiredLiterals read character by character (tests compare the two readings). */
export function requiredLiteralsByCharacter(source: string, flags = ''): Literals | undefined {
  runs = false;
  try {
    return requiredLiterals(source, flags);
  } finally {
    runs = true;
  }
}

/** The strongest requirement among a sequence's literal runs and groups, or undefined. */
function sequence(c: Cursor): Literals | undefined {
  let best: Literals | undefined;
  let run = '';
  const consider = (d: Literals | undefined): void => {
    if (d && d.length > 0 && d.every((s) => s.length > 0) && (!best || strength(d) > strength(best))) best = d;
  };
  const flush = (): void => {
    if (run) consider([run]);
    run = '';
  };
  while (c.pos < c.src.length && c.src[c.pos] !== '|' && c.src[c.pos] !== ')') {
    if (runs) {
      // A run of plain characters at once (one native match instead of a term and a quantifier test
      // per character: this reader runs once per regex, mostly interpreted). Each would be a literal
      // character with no quantifier; a quantifier after the run applies to its last character
      // alone, which is left to term() and quantifier() below.
      const plain = c.ci ? PLAIN_CI : PLAIN;
      plain.lastIndex = c.pos;
      if (plain.test(c.src)) {
        let end = plain.lastIndex;
        const next = c.src.charCodeAt(end);
        if (next === 0x2a || next === 0x2b || next === 0x3f || next === 0x7b) end--;
        if (end > c.pos) {
          const text = c.src.slice(c.pos, end);
          run += c.ci ? text.toLowerCase() : text;
          c.pos = end;
          continue;
        }
      }
    }
    const t = term(c);
    const min = quantifier(c);
    if (t.kind === 'char') {
      if (min === 0) {
        flush();
      } else {
        run += t.ch;
        // Repeated: what follows the first copy may be another copy, so the run stops here.
        if (min !== undefined) flush();
      }
    } else {
      flush();
      if (t.kind === 'group' && min !== 0) consider(t.need);
    }
  }
  flush();
  return best;
}

/** Minimum count of a quantifier at the cursor (consumed), or undefined when there is none. */
function quantifier(c: Cursor): number | undefined {
  const ch = c.src[c.pos];
  let min: number | undefined;
  if (ch === '*' || ch === '?') min = 0;
  else if (ch === '+') min = 1;
  else if (ch === '{') {
    const m = /^\{(\d+)(?:,\d*)?\}/.exec(c.src.slice(c.pos, c.pos + 40));
    if (!m) return undefined;
    c.pos += m[0].length - 1;
    min = Number(m[1]);
  } else return undefined;
  c.pos++;
  if (c.src[c.pos] === '?') c.pos++;
  return min;
}

const SIMPLE_ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', f: '\f', v: '\v' };

function term(c: Cursor): Term {
  const ch = c.src[c.pos] as string;
  switch (ch) {
    case '\\':
      return escape(c);
    case '[':
      skipClass(c);
      return { kind: 'other' };
    case '(':
      return group(c);
    case '.':
    case '^':
    case '$':
    case '{':
    case '}':
    case ']':
    case '*':
    case '+':
    case '?':
      c.pos++;
      return { kind: 'other' };
    default:
      c.pos++;
      return literal(c, ch);
  }
}

/** A literal character, unless case folding or the separator makes it unsafe to look for as it is. */
function literal(c: Cursor, ch: string): Term {
  const code = ch.charCodeAt(0);
  // NUL joins a field's values for the prefilter; non-ASCII letters fold in ways lower-casing does not mirror.
  if (code === 0 || (c.ci && code > 0x7f)) return { kind: 'other' };
  return { kind: 'char', ch: c.ci ? ch.toLowerCase() : ch };
}

function escape(c: Cursor): Term {
  const next = c.src[c.pos + 1];
  if (next === undefined) throw new Error('trailing backslash');
  const simple = SIMPLE_ESCAPES[next];
  if (simple !== undefined) {
    c.pos += 2;
    return literal(c, simple);
  }
  if (next === 'x' || next === 'u') {
    const len = next === 'x' ? 2 : 4;
    const hex = c.src.slice(c.pos + 2, c.pos + 2 + len);
    if (hex.length === len && /^[0-9a-fA-F]+$/.test(hex)) {
      c.pos += 2 + len;
      return literal(c, String.fromCharCode(parseInt(hex, 16)));
    }
    c.pos += 2;
    return { kind: 'other' };
  }
  if (next === 'c' && /[A-Za-z]/.test(c.src[c.pos + 2] ?? '')) {
    c.pos += 3;
    return { kind: 'other' };
  }
  if (next === 'k' && c.src[c.pos + 2] === '<') {
    const end = c.src.indexOf('>', c.pos + 3);
    c.pos = end < 0 ? c.pos + 2 : end + 1;
    return { kind: 'other' };
  }
  if (/[0-9]/.test(next)) {
    // Back-references and legacy octal escapes: consume every digit, take none of them as text.
    c.pos += 1;
    while (/[0-9]/.test(c.src[c.pos] ?? '')) c.pos++;
    return { kind: 'other' };
  }
  c.pos += 2;
  // \d \w \s \b …: classes and assertions; an escaped punctuation character is itself.
  if (/[A-Za-z]/.test(next)) return { kind: 'other' };
  return literal(c, next);
}

/** A class as skipClass reads one: '[' or '[^', escapes two characters each, up to the first other ']'. */
const CLASS = /\[\^?(?:\\[\s\S]|[^\]\\])*\]/y;

function skipClass(c: Cursor): void {
  if (runs) {
    CLASS.lastIndex = c.pos;
    if (!CLASS.test(c.src)) throw new Error('unterminated class');
    c.pos = CLASS.lastIndex;
    return;
  }
  c.pos++;
  if (c.src[c.pos] === '^') c.pos++;
  while (c.pos < c.src.length) {
    const ch = c.src[c.pos];
    if (ch === '\\') c.pos += 2;
    else if (ch === ']') {
      c.pos++;
      return;
    } else c.pos++;
  }
  throw new Error('unterminated class');
}

function group(c: Cursor): Term {
  const rest = c.src.slice(c.pos, c.pos + 4);
  const lookaround = /^\(\?(=|!|<=|<!)/.test(rest);
  if (lookaround) c.pos += rest.startsWith('(?<') ? 4 : 3;
  else if (rest.startsWith('(?:')) c.pos += 3;
  else if (rest.startsWith('(?<')) {
    const end = c.src.indexOf('>', c.pos);
    if (end < 0) throw new Error('bad group name');
    c.pos = end + 1;
  } else if (rest.startsWith('(?')) throw new Error('unknown group');
  else c.pos += 1;
  const need = disjunction(c);
  if (c.src[c.pos] !== ')') throw new Error('unterminated group');
  c.pos++;
  // What a lookahead or lookbehind needs is not part of the match text: it is not used.
  return lookaround ? { kind: 'other' } : { kind: 'group', need };
}
