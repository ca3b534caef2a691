// L17: audio and MIDI dexts carry the user-client property dictionary the HAL / CoreMIDI looks for (D10).
import { findingFor, type Rule } from '../context.js';
import { dictAt, stringAt } from '../plist-values.js';
import type { Finding } from '../types.js';

export const l17UserClientDicts: Rule = (ctx) => {
  const out: Finding[] = [];
  for (const p of ctx.personalities) {
    const want = ctx.familyOf(p).family?.userClientDict;
    if (!want) continue;
    const f = findingFor(ctx.infoPath, p.name);
    const expected = `{ IOClass = ${want.ioClass}; IOUserClass = ${want.ioUserClass} }`;
    const consequence = `${want.key.startsWith('IOUserAudio') ? 'the Core Audio HAL' : 'CoreMIDI'} cannot open the driver, so no device appears to apps.`;
    const d = dictAt(p.dict, want.key);
    if (!d) {
      out.push(f('L17', 'warning', want.key, `${want.key} is missing.`, expected, consequence));
      continue;
    }
    for (const [key, value] of [['IOClass', want.ioClass], ['IOUserClass', want.ioUserClass]] as const) {
      if (stringAt(d, key) !== value) {
        out.push(f('L17', 'warning', `${want.key}.${key}`, `${want.key}.${key} is ${JSON.stringify(stringAt(d, key) ?? null)}, not "${value}".`, value, consequence));
      }
    }
  }
  return out;
};
