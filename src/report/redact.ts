import type { AnalysisResult } from './json.js';
import {
  IDENTIFIER_KEYS,
  NEVER_MASKED_KEYS,
  PATH_KEYS,
  REDACTION_CATEGORIES,
  REDACTION_RULES,
  type RedactionCategory,
} from './redaction-rules.js';

export { REDACTION_CATEGORIES, REDACTION_RULES, type RedactionCategory } from './redaction-rules.js';

/**
 * A path segment. In a path field spaces belong to the name; in free text a name with spaces counts
 * only when a "/" follows it ("/Volumes/Family Photos/2024"), else the first word. Never a placeholder's <>.
 */
const SEG_IN_PATH = '[^/\\n<>]{1,255}';
const WORD = '[^/\\s"\'<>:,;()\\[\\]]';
const SEG_IN_TEXT = `(?:${WORD}(?:[^/\\n"'<>:,;()\\[\\]]{0,62}${WORD})?(?=/)|${WORD}{1,255})`;
/** Identifier values this short are left to the rules: "alex" must not be masked inside every word it appears in. */
const MIN_GLOBAL_VALUE = 6;

interface CompiledRule {
  category: RedactionCategory;
  inText: RegExp;
  inPath: RegExp;
  keep: Set<string>;
}

const COMPILED: CompiledRule[] = REDACTION_RULES.map((r) => ({
  category: r.category,
  inText: new RegExp(r.pattern.replaceAll('SEG', SEG_IN_TEXT), `g${r.flags ?? ''}`),
  inPath: new RegExp(r.pattern.replaceAll('SEG', SEG_IN_PATH), `g${r.flags ?? ''}`),
  keep: new Set(r.keep ?? []),
}));

/**
 * One run's placeholders: the same value always gets the same placeholder (<user-1>, <host-2> …),
 * so a reader still sees that two paths share a user or two reports one device.
 */
class Placeholders {
  private readonly byValue = new Map<string, string>();
  private readonly counts = new Map<RedactionCategory, number>();
  readonly used = new Set<RedactionCategory>();

  for(category: RedactionCategory, value: string): string {
    const key = `${category}\u0000${value}`;
    let p = this.byValue.get(key);
    if (!p) {
      const n = (this.counts.get(category) ?? 0) + 1;
      this.counts.set(category, n);
      p = `<${REDACTION_CATEGORIES[category]}-${n}>`;
      this.byValue.set(key, p);
    }
    this.used.add(category);
    return p;
  }

  /** Identifier values long enough to mask wherever they appear, longest first. */
  globalValues(): [string, string][] {
    return [...this.byValue.entries()]
      .map(([k, p]): [string, string] => [k.slice(k.indexOf('\u0000') + 1), p])
      .filter(([v]) => v.length >= MIN_GLOBAL_VALUE)
      .sort((a, b) => b[0].length - a[0].length);
  }
}

/**
 * Mask personal and device-identifying data in an analysis (every report, incident and error),
 * for public attachments. A pure pass over the model before rendering, so every format shows the
 * same placeholders; `redactions` lists the categories that were masked, for the footer. Fields
 * diagnosis needs (bundle ids, versions, OS build, symbols, binary UUIDs, addresses) are never masked.
 */
export function redactAnalysis(result: AnalysisResult): AnalysisResult {
  const r = new Redactor();
  const out = r.redact(result);
  const before = new Set(result.redactions ?? []);
  return { ...out, redactions: r.categories(before) };
}

/** Mask one string outside any model (the web page's paste box, a file name): same rules, own placeholders. */
export function redactText(text: string): string {
  const ph = new Placeholders();
  return replaceValues(applyRules(text, undefined, ph, PATH_KEYS), ph.globalValues());
}

/** How a caller's documents differ from the analysis model: more keys never masked, more keys holding a path. */
export interface RedactorKeys {
  neverMasked?: Iterable<string>;
  paths?: Iterable<string>;
}

/**
 * One run's redaction over any number of values: the same value gets the same placeholder in all
 * of them, so a document written piece by piece (triage's ndjson, a line per report) reads as one.
 * Each value is masked in two passes: identifier values under IDENTIFIER_KEYS are collected, then
 * the rules run over every string, then every identifier value known so far is masked wherever else
 * it appears (one found in a later value cannot reach back into a value already given out).
 */
export class Redactor {
  private readonly ph = new Placeholders();
  private readonly neverMasked: Set<string>;
  private readonly paths: Set<string>;

  constructor(keys: RedactorKeys = {}) {
    this.neverMasked = new Set([...NEVER_MASKED_KEYS, ...(keys.neverMasked ?? [])]);
    this.paths = new Set([...PATH_KEYS, ...(keys.paths ?? [])]);
  }

  /** `value` rebuilt with personal data masked (bigints, numbers and never-masked keys' strings unchanged). */
  redact<T>(value: T): T {
    const ph = this.ph;
    collectIdentifierValues(value, ph, undefined);
    const ruled = walk(value, undefined, (s, key) => (key !== undefined && this.neverMasked.has(key) ? s : applyRules(s, key, ph, this.paths)));
    const globals = ph.globalValues();
    if (globals.length === 0) return ruled as T;
    return walk(ruled, undefined, (s, key) => (key !== undefined && this.neverMasked.has(key) ? s : replaceValues(s, globals))) as T;
  }

  /** The categories masked so far (with those of `before`, e.g. a value already redacted), in REDACTION_CATEGORIES order. */
  categories(before: Iterable<string> = []): RedactionCategory[] {
    const had = new Set(before);
    return (Object.keys(REDACTION_CATEGORIES) as RedactionCategory[]).filter((c) => this.ph.used.has(c) || had.has(c));
  }
}

/** The rules over one string (the Redactor has already passed over never-masked keys). */
function applyRules(s: string, key: string | undefined, ph: Placeholders, paths: Set<string>): string {
  const category = key !== undefined ? IDENTIFIER_KEYS[key.toLowerCase()] : undefined;
  if (category && s.trim() !== '') return ph.for(category, s);
  const inPath = key !== undefined && paths.has(key);
  let out = s;
  for (const rule of COMPILED) {
    const re = inPath ? rule.inPath : rule.inText;
    re.lastIndex = 0;
    out = out.replace(re, (m: string) => (rule.keep.has(m) ? m : ph.for(rule.category, m)));
  }
  return out;
}

/** Replace whole occurrences only: a user "builder" is masked in "builder's Mac", not in "rebuilder". */
function replaceValues(s: string, values: [string, string][]): string {
  let out = s;
  for (const [v, p] of values) {
    if (!out.includes(v)) continue;
    out = out.replace(new RegExp(`(?<![A-Za-z0-9])${v.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![A-Za-z0-9])`, 'g'), () => p);
  }
  return out;
}

function collectIdentifierValues(value: unknown, ph: Placeholders, key: string | undefined): void {
  if (typeof value === 'string') {
    const category = key !== undefined ? IDENTIFIER_KEYS[key.toLowerCase()] : undefined;
    if (category && value.trim() !== '') ph.for(category, value);
    return;
  }
  if (Array.isArray(value)) {
    for (const v of value) collectIdentifierValues(v, ph, key);
    return;
  }
  if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) collectIdentifierValues(v, ph, k);
  }
}

/** Rebuild a model value with every string passed through `f` (with the key it sits under); bigints and numbers stay. */
function walk(value: unknown, key: string | undefined, f: (s: string, key: string | undefined) => string): unknown {
  if (typeof value === 'string') return f(value, key);
  if (Array.isArray(value)) return value.map((v) => walk(v, key, f));
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = walk(v, k, f);
    return out;
  }
  return value;
}
