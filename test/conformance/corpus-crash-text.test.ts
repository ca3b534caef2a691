/**
 * Every corpus `crash-*` file parses as a crash with its process and exception, and the other
 * Apple text reports (microstackshot, old stackshot, spindump) to the kind they are. Reads
 * ../shared/corpus in place (never copied) and skips when it is absent.
 */
import { describe, expect, it } from 'vitest';
import { parseCrashText } from '../../src/ingest/crash-text/index.js';
import { corpusFiles, corpusText, hasCorpus as present } from '../helpers/corpus.js';

const files = (re: RegExp): string[] => corpusFiles((f) => re.test(f));
const parse = (file: string) => parseCrashText(corpusText(file), { path: file, startLine: 1, documentIndex: 0 });

describe.skipIf(!present)('corpus crash-* files', () => {
  for (const file of files(/^crash-/)) {
    it(`${file} parses to a crash with its exception, threads and linked frames`, () => {
      const text = corpusText(file);
      const r = parse(file);
      expect(r.kind).toBe('crash');
      expect(r.source.format).toBe('crash-text');
      if (/^\s*Process:/m.test(text)) expect(r.process.name?.length ?? 0).toBeGreaterThan(0);
      // KSCrash's "Exception Type: 0 (0)" names no exception; the parser says so in a warning.
      const typeField = /^\s*Exception Type:(.*)$/m.exec(text)?.[1]?.trim();
      if (typeField !== undefined && /^0+\s*(\(0+\))?$/.test(typeField)) expect(r.warnings.some((w) => w.includes('no exception type'))).toBe(true);
      else if (typeField !== undefined) expect(r.exception?.type?.length ?? 0).toBeGreaterThan(0);
      if (/^Thread \d+/m.test(text)) expect(r.threads.length).toBeGreaterThan(0);
      if (/^(Crashed Thread|Triggered by Thread):/m.test(text)) expect(r.crashedThread).not.toBeNull();
      if (/^Binary Images:/m.test(text)) {
        expect(r.images.length).toBeGreaterThan(0);
        // Crashed-thread frames get an image offset wherever their named image is listed and holds the address.
        const crashed = r.threads.find((t) => t.crashed);
        for (const f of crashed?.frames ?? []) {
          const img = r.images.find((i) => i.name === f.image || i.bundleId === f.image);
          const inside = img?.base !== undefined && img.size !== undefined && f.address !== undefined && f.address >= img.base && f.address < img.base + img.size;
          if (inside) expect(f.imageOffset).toBe((f.address as bigint) - (img.base as bigint));
        }
      }
      expect(r.warnings.filter((w) => w.includes('could not be read'))).toEqual([]);
    });
  }
});

describe.skipIf(!present)('corpus other-* text reports', () => {
  const expected: Array<[RegExp, string]> = [
    [/^other-ips10[9]-/, 'crash'],
    [/^other-ips185-/, 'crash'],
    [/^other-ips188-/, 'stackshot'],
    [/^other-ips(145|202|206)-/, 'other'],
    [/^other-(spindump|userspace-watchdog)/, 'other'],
  ];
  for (const file of files(/^other-/)) {
    const kind = expected.find(([re]) => re.test(file))?.[1];
    if (!kind) continue;
    it(`${file} reads as ${kind}`, () => {
      const r = parse(file);
      expect(r.kind).toBe(kind);
      if (kind === 'crash') expect(r.exception?.type).toBeDefined();
      if (kind === 'other') {
        expect(r.process.name?.length ?? 0).toBeGreaterThan(0);
        expect(r.notes?.[0]).toMatch(/not a crash|did not crash/);
        // Spindumps: the target process's threads with their heaviest stacks.
        if (/spindump|watchdog/.test(file)) expect(r.threads[0]?.frames.length ?? 0).toBeGreaterThan(3);
      }
    });
  }
});
