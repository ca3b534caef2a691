// Rules on event.message and on frame symbols test the texts and build only the quoted value
// (match.ts evalRule): that value must be exactly the one fieldValues gives.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ingestBytes } from '../../src/ingest/index.js';
import { eventMessageValue, fieldTexts, fieldValues, FRAME_SYMBOL_FIELDS, matchFrameSymbols } from '../../src/diagnose/fields.js';
import { builtinSignatures } from '../../src/diagnose/read-signatures.js';
import type { CompiledRule } from '../../src/diagnose/compile-rules.js';
import type { Field } from '../../src/diagnose/types.js';
import type { Report } from '../../src/model/report.js';
import { emptyReport } from '../../src/model/report.js';
import { localTextFiles } from '../helpers/diagnose.js';


const files = localTextFiles();
const reports: [string, Report][] = files.flatMap((f) => ingestBytes(new Uint8Array(readFileSync(f)), f).reports.map((r): [string, Report] => [f, r]));

describe('matchFrameSymbols', () => {
  it('finds the first value fieldValues gives that the pattern matches, for every frame rule of the built-in signatures', () => {
    // Every regex the signatures use on frame fields, plus no regex (presence) and ones that match often or never.
    const patterns = new Map<Field, (RegExp | undefined)[]>();
    const walk = (r: CompiledRule): void => {
      if ('all' in r) r.all.forEach(walk);
      else if ('any' in r) r.any.forEach(walk);
      else if (FRAME_SYMBOL_FIELDS.has(r.field)) patterns.get(r.field)?.push(r.re);
    };
    for (const f of FRAME_SYMBOL_FIELDS) patterns.set(f, [undefined, /./, /^_/, /::/, /\(/i, /no such symbol anywhere/]);
    for (const s of builtinSignatures().signatures) for (const list of [s.all, s.any, s.none, s.supporting]) list.forEach(walk);
    let hits = 0;
    for (const [file, r] of reports) {
      for (const [field, res] of patterns) {
        const values = fieldValues(r, field);
        for (const re of res) {
          const i = values.findIndex((v) => !re || re.test(v.text));
          const got = matchFrameSymbols(r, field, re);
          if (i < 0) expect(got, `${file} ${field} ${re}`).toBeUndefined();
          else {
            hits++;
            expect(got?.value, `${file} ${field} ${re}`).toEqual(values[i]);
            expect(got?.m?.[0], `${file} ${field} ${re}`).toBe(re ? re.exec((values[i] as { text: string }).text)?.[0] : undefined);
          }
        }
      }
    }
    expect(hits).toBeGreaterThan(100);
  });
});

describe('eventMessageValue', () => {
  it('is fieldValues(event.message) at the same index, on every sample and fixture with events', () => {
    let events = 0;
    for (const [f, r] of reports) {
      {
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
