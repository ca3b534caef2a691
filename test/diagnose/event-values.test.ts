// Rules on event.message test the events' texts and build only the quoted event's value
// (match.ts evalRule): that value must be exactly fieldValues' at the same index.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ingestBytes } from '../../src/ingest/index.js';
import { eventMessageValue, fieldTexts, fieldValues } from '../../src/diagnose/fields.js';
import { emptyReport } from '../../src/model/report.js';
import { repoRoot } from '../helpers/diagnose.js';

function filesUnder(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((f) => {
      const p = join(dir, f);
      return statSync(p).isDirectory() ? filesUnder(p) : [p];
    });
}

describe('eventMessageValue', () => {
  it('is fieldValues(event.message) at the same index, on every sample and fixture with events', () => {
    const files = [...filesUnder(`${repoRoot}samples`), ...filesUnder(`${repoRoot}test/fixtures`)].filter((f) => !/\.(dylib|o|a|wasm|zip|gz|tar)$/.test(f));
    let events = 0;
    for (const f of files) {
      for (const r of ingestBytes(new Uint8Array(readFileSync(f)), f).reports) {
        const values = fieldValues(r, 'event.message');
        const texts = fieldTexts(r, 'event.message');
        expect(texts.length, f).toBe(values.length);
        texts.forEach((t, i) => expect(eventMessageValue(r, i, t), f).toEqual(values[i]));
        events += values.length;
      }
    }
    expect(events).toBeGreaterThan(50);
  });

  it('keeps the sender prefix and the line as fieldValues does', () => {
    const r = emptyReport({ path: 'k.log', format: 'kernel-log' }, 'kernel-log');
    r.events.push({ message: 'Start failed', sender: 'com.example.dext', line: 7 } as (typeof r.events)[number]);
    r.events.push({ message: '(com.example.dext) already prefixed' } as (typeof r.events)[number]);
    const values = fieldValues(r, 'event.message');
    const texts = fieldTexts(r, 'event.message');
    expect(values.map((v, i) => eventMessageValue(r, i, texts[i] as string))).toEqual(values);
    expect(values[0]).toEqual({ path: 'events[0].message', text: '(com.example.dext) Start failed', line: 7 });
  });
});
