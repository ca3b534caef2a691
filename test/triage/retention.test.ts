/**
 * What outlives one report must not hold its text. A string cut from a report (a V8 slice) keeps the
 * whole text alive: kept in a cache or in the accumulator, each such name held one report of a
 * batch for the rest of the run. Each test feeds names cut from distinct 1 MB texts to what keeps
 * them, drops the texts, and checks after a full collection that the heap did not keep them.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { demangle } from '../../src/demangle/index.js';
import { isSystemImage } from '../../src/diagnose/facts.js';
import { parseOsString } from '../../src/ingest/ips/platform.js';
import { TriageAccumulator } from '../../src/triage/aggregate.js';
import { sharedSkipList } from '../../src/triage/skip-list.js';
import type { ReportSummary } from '../../src/triage/summary.js';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const TEXTS = 24;
const TEXT_BYTES = 1 << 20;

/** Heap growth (bytes) that survives a full collection after `use` was given one name cut from each of TEXTS distinct big texts. */
function retainedBy(nameIn: (text: string, i: number) => string, use: (name: string, i: number) => void): number {
  gc();
  gc();
  const before = process.memoryUsage().heapUsed;
  for (let i = 0; i < TEXTS; i++) {
    // A distinct flat text per round (the cut name's parent), as a decoded report is.
    const text = `${String(i).padStart(4, '0')}${'.'.repeat(TEXT_BYTES)}`.concat('').normalize();
    use(nameIn(text, i), i);
  }
  gc();
  gc();
  return process.memoryUsage().heapUsed - before;
}

/** A name embedded in a text, cut out of it: what every parser hands on. */
function cut(text: string, name: string): string {
  const at = text.length >> 1;
  const full = `${text.slice(0, at)}${name}${text.slice(at)}`.normalize();
  return full.slice(at, at + name.length);
}

// Far below what TEXTS texts weigh (24 MB); well above the names and map entries themselves.
const LIMIT = 4 * 1024 * 1024;

describe('nothing kept past a report holds the report text', () => {
  it('the triage accumulator (culprits and causes of a bucket)', () => {
    const acc = new TriageAccumulator();
    const grew = retainedBy(
      (text, i) => cut(text, `ThirdPartyDriverNumber${i}`),
      (name, i) => {
        const s: ReportSummary = {
          ref: `/r/${i}.crash`,
          path: `/r/${i}.crash`,
          kind: 'crash',
          bucket: { id: 'fp-1', fingerprint: 'fp text', title: 'bucket' },
          likelyCause: { id: `${name}.cause`, title: 'cause', confidence: 0.5 },
          culprit: { kind: 'kext', name, bundleId: `com.example.${name}`, version: '1.0 (1)' },
        };
        acc.addFile([s]);
      },
    );
    expect(grew).toBeLessThan(LIMIT);
    const doc = acc.result();
    expect(doc.buckets[0]?.culprits).toHaveLength(TEXTS);
    expect(doc.buckets[0]?.causes).toHaveLength(TEXTS);
    expect(doc.buckets[0]?.culprits.map((c) => c.name)).toContain('ThirdPartyDriverNumber7');
  });

  it("demangle()'s cache of names", () => {
    const out: string[] = [];
    const grew = retainedBy(
      (text, i) => cut(text, `$s10RetainTest5Type${String.fromCharCode(65 + i)}V3runyyF`),
      (name) => void out.push(demangle(name).slice(0, 0)),
    );
    expect(grew).toBeLessThan(LIMIT);
    expect(demangle('$s10RetainTest5TypeAV3runyyF')).toBe('TypeA.run()');
  });

  it('the skip-list memo of system images', () => {
    const grew = retainedBy(
      (text, i) => cut(text, `/Applications/Retain${i}.app/Contents/MacOS/Retain${i}`),
      (path, i) => void isSystemImage(`Retain${i}`, { path } as Parameters<typeof isSystemImage>[1]),
    );
    expect(grew).toBeLessThan(LIMIT);
  });

  it("the skip list's memo of frames (image and symbol)", () => {
    const skip = sharedSkipList();
    const grew = retainedBy(
      (text, i) => cut(text, `RetainFrameImage${i}.dylib|-[RetainFrame${i} runWithOptions:] + ${40 + i}`),
      (both, i) => {
        const bar = both.indexOf('|');
        expect(skip.match({ index: 0, image: both.slice(0, bar), symbol: both.slice(bar + 1) } as Parameters<typeof skip.match>[0])).toBeUndefined();
        expect(i).toBeGreaterThanOrEqual(0);
      },
    );
    expect(grew).toBeLessThan(LIMIT);
    expect(skip.match({ index: 0, image: 'libsystem_kernel.dylib', symbol: '__pthread_kill + 8' } as Parameters<typeof skip.match>[0])).toBeDefined();
  });

  it('the cache of OS version strings', () => {
    const grew = retainedBy(
      (text, i) => cut(text, `macOS 14.${i} (23A${100 + i})`),
      (raw, i) => expect(parseOsString(raw)).toMatchObject({ version: `14.${i}`, build: `23A${100 + i}` }),
    );
    expect(grew).toBeLessThan(LIMIT);
  });
});
