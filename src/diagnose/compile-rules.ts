/**
 * Turns validated rules into matchers: regexes compiled once, numeric bounds parsed once.
 * Patterns that could backtrack catastrophically are refused here, at load time.
 */
import { toBigInt } from '../model/numbers.js';
import type { Field, Rule, Signature, SignatureError } from './types.js';

export type CompiledRule =
  | { field: Field; re?: RegExp; lt?: bigint; pointer: string }
  | { all: CompiledRule[] }
  | { any: CompiledRule[] };

export interface CompiledSignature {
  signature: Signature;
  all: CompiledRule[];
  any: CompiledRule[];
  none: CompiledRule[];
  supporting: CompiledRule[];
  /** Name of the file the signature came from (for list/show and errors). */
  origin: string;
  /** JSON pointer of the signature in its file. */
  pointer: string;
}

/** A quantified group that itself contains a quantifier, e.g. (a+)+ or (\w*x)*: exponential on a near miss. */
const NESTED_QUANTIFIER = /\((?:[^()\\]|\\.)*[+*}](?:[^()\\]|\\.)*\)[+*{]/;
/** Backreferences make matching cost unbounded; signatures do not need them. */
const BACKREFERENCE = /\\[1-9]/;
/**
 * A pattern (or a top-level alternative) that starts with an unbounded repeat, e.g. \S+::x, is tried
 * from every position and rescans the rest of the line each time: quadratic on a long line.
 */
const LEADING_REPEAT = /(?:^|\|)(?:\(\?:)?(?:\\[SWDswd]|\.|\[(?:[^\]\\]|\\.)*\])[+*]/;

/** Why a pattern is refused, or undefined when it is acceptable. */
export function unsafePatternReason(pattern: string): string | undefined {
  if (NESTED_QUANTIFIER.test(pattern)) return 'nested quantifier (a quantified group containing + * or {}) can backtrack catastrophically';
  if (BACKREFERENCE.test(pattern)) return 'backreferences are not allowed';
  if (LEADING_REPEAT.test(pattern)) return 'starts with an unbounded repeat (e.g. \\S+): quadratic on long lines; start with literal text or use a bound like {1,200}';
  return undefined;
}

export function compileSignature(sig: Signature, origin: string, pointer: string, errors: SignatureError[]): CompiledSignature | undefined {
  const before = errors.length;
  const compileList = (rules: Rule[] | undefined, at: string): CompiledRule[] =>
    (rules ?? []).map((r, i) => compileRule(r, `${at}/${i}`, origin, errors));
  const compiled: CompiledSignature = {
    signature: sig,
    all: compileList(sig.match.all, `${pointer}/match/all`),
    any: compileList(sig.match.any, `${pointer}/match/any`),
    none: compileList(sig.match.none, `${pointer}/match/none`),
    supporting: compileList(sig.supporting, `${pointer}/supporting`),
    origin,
    pointer,
  };
  return errors.length === before ? compiled : undefined;
}

function compileRule(rule: Rule, pointer: string, origin: string, errors: SignatureError[]): CompiledRule {
  if ('all' in rule) return { all: rule.all.map((r, i) => compileRule(r, `${pointer}/all/${i}`, origin, errors)) };
  if ('any' in rule) return { any: rule.any.map((r, i) => compileRule(r, `${pointer}/any/${i}`, origin, errors)) };
  const out: CompiledRule = { field: rule.field, pointer };
  if (rule.pattern !== undefined) {
    const unsafe = unsafePatternReason(rule.pattern);
    if (unsafe) errors.push({ path: origin, pointer: `${pointer}/pattern`, message: unsafe });
    try {
      out.re = new RegExp(rule.pattern, rule.flags ?? '');
    } catch (err) {
      errors.push({ path: origin, pointer: `${pointer}/pattern`, message: `invalid regex: ${(err as Error).message}` });
    }
  }
  if (rule.lt !== undefined) out.lt = toBigInt(rule.lt);
  return out;
}
