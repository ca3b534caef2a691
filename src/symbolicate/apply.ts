/**
 * Writes backend answers into a new report (pure): resolved frames get symbol, offset, file:line:column and the
 * backend's name; inlined functions become frames of their own (innermost first, marked `inlined`, same index);
 * unresolved frames say why; the report lists the images whose symbols were missing.
 */
import type { Frame, MissingSymbols, Report } from '../model/report.js';
import { symbolFields } from './names.js';
import type { BackendName, FrameList, FrameLookup, ImageNeed, SymbolAnswer, UnresolvedReason } from './types.js';

/** What happened to one planned frame. */
export interface FrameOutcome {
  answer?: SymbolAnswer;
  fileAddress?: bigint;
  reason?: UnresolvedReason;
}

export function applyOutcomes(report: Report, plan: FrameLookup[], outcomes: FrameOutcome[], backend: BackendName): Report {
  const byList = new Map<string, Map<number, { lookup: FrameLookup; outcome: FrameOutcome }>>();
  plan.forEach((lookup, i) => {
    const k = listKey(lookup.where);
    const m = byList.get(k) ?? new Map<number, { lookup: FrameLookup; outcome: FrameOutcome }>();
    m.set(lookup.position, { lookup, outcome: outcomes[i] ?? {} });
    byList.set(k, m);
  });
  const rewrite = (where: FrameList, frames: Frame[]): Frame[] => {
    const m = byList.get(listKey(where));
    if (!m) return frames;
    return frames.flatMap((frame, position) => {
      const entry = m.get(position);
      return entry ? rewriteFrame(frame, entry.lookup, entry.outcome, backend) : [frame];
    });
  };
  const out: Report = { ...report, threads: report.threads.map((t, i) => ({ ...t, frames: rewrite({ list: 'thread', thread: i }, t.frames) })) };
  if (report.lastExceptionBacktrace) out.lastExceptionBacktrace = rewrite({ list: 'lastException' }, report.lastExceptionBacktrace);
  if (report.panic) out.panic = { ...report.panic, backtrace: rewrite({ list: 'panic' }, report.panic.backtrace) };
  const missing = missingSymbols(plan, outcomes);
  if (missing.length > 0) out.missingSymbols = missing;
  else delete out.missingSymbols;
  return out;
}

function listKey(where: FrameList): string {
  return where.list === 'thread' ? `thread:${where.thread}` : where.list;
}

function rewriteFrame(frame: Frame, lookup: FrameLookup, outcome: FrameOutcome, backend: BackendName): Frame[] {
  if (lookup.keep) return [frame.symbol !== undefined && frame.symbolSource === undefined ? { ...frame, symbolSource: 'report' } : frame];
  const base: Frame = { ...frame };
  delete base.unresolvedReason;
  // Panic rows name no image; say which one the address fell in (kernel, kext bundle id, image name).
  if (base.image === undefined && lookup.need) base.image = lookup.need.name;
  if (outcome.fileAddress !== undefined) base.fileAddress = outcome.fileAddress;
  const chain = outcome.answer?.frames ?? [];
  if (chain.length === 0) return [{ ...base, unresolvedReason: lookup.reason ?? outcome.reason ?? 'no symbol' }];
  const concrete = chain[chain.length - 1]!;
  const inlined = chain.slice(0, -1).map(
    (s): Frame => ({
      index: frame.index,
      ...(base.image !== undefined && { image: base.image }),
      ...(frame.address !== undefined && { address: frame.address }),
      ...(frame.imageOffset !== undefined && { imageOffset: frame.imageOffset }),
      ...(outcome.fileAddress !== undefined && { fileAddress: outcome.fileAddress }),
      ...symbolFields(s.name),
      ...location(s),
      inlined: true,
      symbolSource: backend,
    }),
  );
  const resolved: Frame = { ...base, ...symbolFields(concrete.name), ...location(concrete), symbolSource: backend };
  if (concrete.offset !== undefined) resolved.symbolOffset = concrete.offset + (lookup.adjustment ?? 0);
  return [...inlined, resolved];
}

function location(s: { file?: string; line?: number; column?: number }): Pick<Frame, 'file' | 'line' | 'column'> {
  const out: Pick<Frame, 'file' | 'line' | 'column'> = {};
  if (s.file) out.file = s.file;
  if (s.line) out.line = s.line;
  if (s.column) out.column = s.column;
  return out;
}

/** Images that left frames unresolved for a reason the user can act on (a missing dSYM, KDK or tool). */
function missingSymbols(plan: FrameLookup[], outcomes: FrameOutcome[]): MissingSymbols[] {
  const actionable = new Set<UnresolvedReason>(['UUID not found', 'arch missing', 'UUID mismatch', 'backend missing']);
  const byKey = new Map<string, { need: ImageNeed; reason: UnresolvedReason; frames: number }>();
  plan.forEach((lookup, i) => {
    const reason = outcomes[i]?.reason;
    if (!lookup.need || !reason || !actionable.has(reason)) return;
    const e = byKey.get(lookup.need.key) ?? { need: lookup.need, reason, frames: 0 };
    e.frames++;
    byKey.set(lookup.need.key, e);
  });
  return [...byKey.values()].map(({ need, reason, frames }) => ({
    name: need.name,
    ...(need.uuid !== undefined && { uuid: need.uuid }),
    arch: need.arch,
    reason,
    frames,
  }));
}
