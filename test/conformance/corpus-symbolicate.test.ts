// Every real log in the shared corpus (read in place, skipped when absent) goes through symbolication with no
// symbols: nothing throws, report symbols are kept, every other frame says why it stayed unresolved, panic frames
// inside a listed kext range are attributed to that kext, and the missing images are listed with their UUIDs.
import { describe, expect, it } from 'vitest';
import { ingestBytes } from '../../src/ingest/index.js';
import type { Frame, Report } from '../../src/model/report.js';
import { symbolicateReports } from '../../src/symbolicate/index.js';
import { MachoBackend } from '../../src/symbolicate/macho-backend.js';
import { loadFileBytes } from '../../src/symbolicate/select-backend.js';
import { panicKexts, kextAt } from '../../src/symbolicate/plan-panic.js';
import { corpusBytes, corpusManifest, hasCorpus } from '../helpers/corpus.js';

const framesOf = (r: Report): Frame[] => [...r.threads.flatMap((t) => t.frames), ...(r.lastExceptionBacktrace ?? []), ...(r.panic?.backtrace ?? [])];

describe.skipIf(!hasCorpus)('corpus: symbolication without symbols', () => {
  for (const entry of corpusManifest()) {
    it(`${entry.file}`, async () => {
      const { reports } = ingestBytes(corpusBytes(entry.file), entry.file);
      const before = reports.map(framesOf);
      const done = await symbolicateReports(reports, { backend: new MachoBackend(loadFileBytes), symbols: [], defaultLocations: false, reportFolders: false });
      done.forEach((r, i) => {
        const frames = framesOf(r);
        expect(frames.length).toBe(before[i]!.length);
        for (const [k, f] of frames.entries()) {
          const orig = before[i]![k]!;
          if (orig.symbol !== undefined) expect(f.symbol).toBe(orig.symbol);
          else expect(f.unresolvedReason).toBeDefined();
        }
        const listed = new Set((r.missingSymbols ?? []).map((m) => m.uuid));
        const notFound = frames.filter((f) => f.unresolvedReason === 'UUID not found').length;
        expect((r.missingSymbols ?? []).filter((m) => m.reason === 'UUID not found').reduce((n, m) => n + m.frames, 0)).toBe(notFound);
        expect(listed.size).toBeLessThanOrEqual(r.images.length + (r.panic ? panicKexts(r.panic).length + 1 : 0));
        if (r.panic) {
          const kexts = panicKexts(r.panic);
          for (const f of r.panic.backtrace) {
            const k = f.address === undefined || f.symbol !== undefined ? undefined : kextAt(kexts, f.address);
            if (k?.end !== undefined) expect(f.image).toBe(k.bundleId);
          }
        }
      });
    });
  }
});
