// L11: several personalities matching the same provider need distinct IOMatchCategory values, or
// only the best probe score wins and the others never start.
import { findingFor, type Personality, type Rule } from '../context.js';
import { stringAt } from '../plist-values.js';
import type { Finding, PlistValue } from '../types.js';

// Keys that are not about which provider object matches.
const NOT_MATCHING = new Set([
  'IOClass', 'IOUserClass', 'CFBundleIdentifier', 'CFBundleIdentifierKernel', 'IOUserServerName', 'IOUserServerOneProcess',
  'IOMatchCategory', 'IOProbeScore', 'UserClientProperties', 'IOUserAudioDriverUserClientProperties', 'IOUserMIDIDriverUserClientProperties',
]);

function stable(v: PlistValue): string {
  return JSON.stringify(v, (_k, x: unknown) => (typeof x === 'bigint' ? x.toString() : x));
}

/** Two personalities compete when they name the same provider class with the same matching keys. */
function matchKey(p: Personality): string {
  const keys = Object.keys(p.dict).filter((k) => !NOT_MATCHING.has(k) && !/UserClientProperties$/.test(k)).sort();
  return keys.map((k) => `${k}=${stable(p.dict[k]!)}`).join(';');
}

export const l11MatchCategory: Rule = (ctx) => {
  const groups = new Map<string, Personality[]>();
  for (const p of ctx.personalities) {
    if (stringAt(p.dict, 'IOProviderClass') === undefined) continue;
    const k = matchKey(p);
    groups.set(k, [...(groups.get(k) ?? []), p]);
  }
  const out: Finding[] = [];
  for (const group of groups.values()) {
    if (group.length < 2) continue;
    const seen = new Map<string, string>();
    for (const p of group) {
      const category = stringAt(p.dict, 'IOMatchCategory') ?? '(default)';
      const clash = seen.get(category);
      if (clash !== undefined) {
        out.push(findingFor(ctx.infoPath, p.name)('L11', 'warning', 'IOMatchCategory',
          `"${p.name}" and "${clash}" match the same ${stringAt(p.dict, 'IOProviderClass')} with the same IOMatchCategory ${category}.`,
          `a distinct IOMatchCategory, e.g. "${p.name}"`, 'only the personality with the best probe score starts; the other is silently dropped.'));
      } else {
        seen.set(category, p.name);
      }
    }
  }
  return out;
};
