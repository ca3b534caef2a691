/**
 * Ties a built dext's Info.plist to the source target it was built from, and lists where the two
 * disagree. Pure: the edge (read-bundle.ts) finds the files, this decides which belong together.
 */
import { dictAt, isDict, isUnresolved, stringAt } from './plist-values.js';
import type { PlistDict, PlistValue } from './types.js';

function personalitiesOf(info: PlistDict): [string, PlistDict][] {
  return Object.entries(dictAt(info, 'IOKitPersonalities') ?? {}).filter((e): e is [string, PlistDict] => isDict(e[1]));
}

/** The IOUserClass names a dext's personalities ask for. */
export function userClassesOf(info: PlistDict): string[] {
  const out = new Set<string>();
  for (const [, p] of personalitiesOf(info)) {
    const c = stringAt(p, 'IOUserClass');
    if (c && !isUnresolved(c)) out.add(c);
  }
  return [...out];
}

const literal = (v: string | undefined): string | undefined => (v !== undefined && !isUnresolved(v) ? v : undefined);

export interface Pairing {
  index: number;
  by: 'bundle id' | 'IOUserClass' | 'personality names';
}

/**
 * The source Info.plist (of `sources`) that `built` was made from. A source plist usually says
 * `$(PRODUCT_BUNDLE_IDENTIFIER)`, so the bundle id only decides when the source spells it out;
 * otherwise the IOUserClass names, then the personality names (both literal in every project) do.
 * Ambiguous ties pair nothing rather than the wrong target.
 */
export function pairWithSource(built: PlistDict, sources: readonly PlistDict[]): Pairing | undefined {
  const id = literal(stringAt(built, 'CFBundleIdentifier'));
  const byId = sources.flatMap((s, i) => (id !== undefined && literal(stringAt(s, 'CFBundleIdentifier')) === id ? [i] : []));
  if (byId.length === 1) return { index: byId[0]!, by: 'bundle id' };
  const pick = (score: (s: PlistDict) => number, by: Pairing['by']): Pairing | undefined => {
    const scores = sources.map(score);
    const best = Math.max(0, ...scores);
    const at = scores.flatMap((s, i) => (s === best && best > 0 ? [i] : []));
    return at.length === 1 ? { index: at[0]!, by } : undefined;
  };
  const classes = new Set(userClassesOf(built));
  const names = new Set(personalitiesOf(built).map(([n]) => n));
  return (
    pick((s) => userClassesOf(s).filter((c) => classes.has(c)).length, 'IOUserClass') ??
    pick((s) => personalitiesOf(s).filter(([n]) => names.has(n)).length, 'personality names')
  );
}

/** One rendering per value whatever the key order (binary and XML plists order dictionaries differently). */
function stable(v: PlistValue): string {
  if (isDict(v)) return `{${Object.keys(v).sort().map((k) => `${k}=${stable(v[k]!)}`).join('; ')}}`;
  if (Array.isArray(v)) return `(${v.map(stable).join(', ')})`;
  if (typeof v === 'string') return `"${v}"`;
  if (v instanceof Uint8Array) return `<${v.length} bytes>`;
  if (v instanceof Date) return v.toISOString();
  return String(v);
}

const shown = (v: PlistValue | undefined): string => (v === undefined ? 'missing' : stable(v));

function holdsBuildSetting(v: PlistValue): boolean {
  if (typeof v === 'string') return isUnresolved(v);
  if (Array.isArray(v)) return v.some(holdsBuildSetting);
  if (isDict(v)) return Object.values(v).some(holdsBuildSetting);
  return false;
}

/**
 * Personality keys where the source Info.plist says something else than the built one: the build
 * predates an edit of the sources (or the reverse). Build-setting references are not compared.
 */
export function sourceDifferences(built: PlistDict, source: PlistDict): { personality: string; key: string; source: string; built: string }[] {
  const out: { personality: string; key: string; source: string; built: string }[] = [];
  const builtPs = new Map(personalitiesOf(built));
  for (const [name, sp] of personalitiesOf(source)) {
    const bp = builtPs.get(name);
    if (!bp) continue;
    for (const key of [...new Set([...Object.keys(sp), ...Object.keys(bp)])].sort()) {
      const sv = sp[key];
      const bv = bp[key];
      if (sv !== undefined && holdsBuildSetting(sv)) continue;
      if (shown(sv) !== shown(bv)) out.push({ personality: name, key, source: shown(sv), built: shown(bv) });
    }
  }
  return out;
}
