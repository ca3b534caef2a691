/** Turns plans + located symbol files into backend queries (one batch for many reports) and back into outcomes. */
import type { FrameOutcome } from './apply.js';
import { insideImage, toFileAddress } from './placement.js';
import type { FrameLookup, SymbolBackend, SymbolFile, SymbolQuery, UnresolvedReason } from './types.js';

export type Located = { file: SymbolFile } | { reason: UnresolvedReason };

/** Resolve every planned frame of every report in one backend call; identical queries are asked once. */
export async function resolvePlans(plans: FrameLookup[][], located: Map<string, Located>, backend: SymbolBackend | undefined): Promise<FrameOutcome[][]> {
  const outcomes: FrameOutcome[][] = plans.map((p) => p.map(() => ({})));
  const queries: SymbolQuery[] = [];
  const queryIndex = new Map<string, number>();
  const waiting: { r: number; f: number; q: number }[] = [];
  plans.forEach((plan, r) =>
    plan.forEach((lookup, f) => {
      const out = outcomes[r]![f]!;
      if (lookup.keep) return;
      if (lookup.reason || !lookup.need || lookup.lookupAddress === undefined) {
        out.reason = lookup.reason ?? 'no image';
        return;
      }
      const loc = located.get(lookup.need.key);
      if (!loc || 'reason' in loc) {
        out.reason = loc?.reason ?? 'UUID not found';
        return;
      }
      const address = toFileAddress(lookup.lookupAddress, lookup.need.placement, loc.file);
      if (address === undefined || !insideImage(address, loc.file)) {
        out.reason = 'address outside image';
        if (address !== undefined) out.fileAddress = address;
        return;
      }
      out.fileAddress = address;
      if (!backend) {
        out.reason = 'backend missing';
        return;
      }
      const key = `${loc.file.path}\0${loc.file.arch}\0${address}`;
      let q = queryIndex.get(key);
      if (q === undefined) {
        q = queries.length;
        queries.push({ file: loc.file, address });
        queryIndex.set(key, q);
      }
      waiting.push({ r, f, q });
    }),
  );
  if (backend && queries.length > 0) {
    const answers = await backend.symbolize(queries);
    for (const { r, f, q } of waiting) {
      const answer = answers[q] ?? { frames: [], error: 'no answer' };
      const out = outcomes[r]![f]!;
      out.answer = answer;
      if (answer.frames.length === 0) out.reason = 'no symbol';
    }
  }
  return outcomes;
}
