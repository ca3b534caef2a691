// faultSite stops judging frames once it has the origin and the first own frame (only crash
// reporters' frames are left to note): it must give what judging every frame gave, on every report
// of the samples and fixtures, and on crashed threads shuffled from them.
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ingestBytes } from '../../src/ingest/index.js';
import { crashReporterOfFrame, faultSite, imageOf, isRuntimeFrame, isSystemImage, type FaultSite } from '../../src/diagnose/facts.js';
import { skipLists } from '../../src/diagnose/knowledge/index.js';
import { crashedThreadOf, type Frame, type Report } from '../../src/model/report.js';
import { localTextFiles } from '../helpers/diagnose.js';

/** The loop as it was: every frame of the first 64 judged. */
function reference(r: Report): FaultSite | undefined {
  const thread = crashedThreadOf(r);
  if (!thread || thread.frames.length === 0) return undefined;
  const frames = thread.frames;
  const n = Math.min(frames.length, 64);
  const reporters: string[] = [];
  let origin: Frame | undefined;
  let own: Frame | undefined;
  let delivering = /^EXC_CRASH|SIGABRT/.test(`${r.exception?.type ?? ''} ${r.exception?.signal ?? ''}`);
  for (let i = 0; i < n; i++) {
    const f = frames[i] as Frame;
    if (delivering && f.image && skipLists().signalPlumbingImages.some((p) => p.test(f.image as string))) continue;
    delivering = false;
    const rep = crashReporterOfFrame(f);
    if (rep) {
      if (!reporters.includes(rep)) reporters.push(rep);
      continue;
    }
    if (isRuntimeFrame(f)) continue;
    origin ??= f;
    if (!own && f.image && !isSystemImage(f.image, imageOf(r, f.image))) own = f;
  }
  return { thread, top: frames[0], reporters, ...(origin ? { origin } : {}), ...(own ? { own } : {}) };
}

const reports = localTextFiles().flatMap((f) => ingestBytes(new Uint8Array(readFileSync(f)), f).reports);
const crashes = reports.filter((r) => (crashedThreadOf(r)?.frames.length ?? 0) > 0);

describe('faultSite', () => {
  it('gives what judging every frame gave, on every report of the samples and fixtures', () => {
    expect(crashes.length).toBeGreaterThan(30);
    let withOwn = 0;
    for (const r of reports) {
      const want = reference(r);
      if (want?.own) withOwn++;
      expect(faultSite(r), r.source.path).toEqual(want);
    }
    expect(withOwn).toBeGreaterThan(10);
  });

  it('and on crashed threads whose frames are shuffled (reporters and runtime frames after the own frame)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: crashes.length - 1 }), fc.integer(), (i, seed) => {
        const r = structuredClone(crashes[i] as Report);
        const t = crashedThreadOf(r) as Report['threads'][number];
        // A deterministic shuffle by the seed.
        let x = seed | 0;
        const rnd = (): number => ((x = (Math.imul(x, 1103515245) + 12345) | 0) >>> 0) / 2 ** 32;
        const frames = [...t.frames];
        for (let k = frames.length - 1; k > 0; k--) {
          const j = Math.floor(rnd() * (k + 1));
          [frames[k], frames[j]] = [frames[j] as Frame, frames[k] as Frame];
        }
        t.frames = frames;
        expect(faultSite(r)).toEqual(reference(r));
      }),
      { numRuns: 300, seed: 13 },
    );
  });
});
