/**
 * A crash report from prepared lines: read the sections, then settle what needs the whole
 * document (crashed thread, frame ↔ image links, Apple flags, producer, truncation).
 */
import type { Frame, Report } from '../../model/report.js';
import { linkFrames } from './link-images.js';
import { readCrashLines } from './parse-crash.js';
import { bogusDateWarning, detectProducer } from './producer.js';

/**
 * `texts[i]` is a prepared line, `lineNos[i]` its 1-based line in the document and `firsts[i]` where its
 * leading white space ends (preface.ts).
 */
export function parseCrashBody(texts: string[], lineNos: number[], firsts: number[], r: Report): void {
  r.kind = 'crash';
  const parsed = readCrashLines(texts, lineNos, firsts, r);
  r.threads = parsed.threads.list;

  const st = parsed.exceptionState;
  let crashed = st.crashedThread;
  // The first thread marked Crashed, and whether any marked one is the header's: one walk, no arrays
  // (an empty and a filled list of marked indices have different element kinds, and reading the first
  // of one after code was optimised for the other threw that code away).
  let marked: number | undefined;
  let headerMarked = false;
  for (const t of r.threads) {
    if (!t.crashed) continue;
    marked ??= t.index;
    if (t.index === crashed) headerMarked = true;
  }
  // Several marked threads (a reporter that crashed while reporting) agree with a header naming any of them.
  if (marked !== undefined && crashed !== undefined && !headerMarked) {
    // The "Thread N Crashed" marker sits on the backtrace itself; a header copied or edited by hand drifts.
    r.warnings.push(`the header says thread ${crashed} crashed but the body marks thread ${marked} as Crashed; thread ${marked} is used`);
    crashed = marked;
  }
  crashed ??= marked;
  if (crashed !== undefined) {
    const t = parsed.threads.find(crashed);
    if (t) {
      t.crashed = true;
      if (st.crashedQueue) t.queue ??= st.crashedQueue;
    } else if (r.threads.length > 0) {
      r.warnings.push(`the crashed thread ${crashed} is not among the threads listed`);
    }
  }
  r.crashedThread = crashed ?? null;
  if (parsed.bareRegisters && Object.keys(parsed.bareRegisters).length > 0) {
    const owner = crashed !== undefined ? parsed.threads.find(crashed) : undefined;
    if (owner) owner.registers ??= parsed.bareRegisters;
    else r.warnings.push('a Thread State block names no thread and no crashed thread is known; its registers were not kept');
  }

  if (r.images.length > 0) {
    // One flat list in the same order a generator would give, without a generator step per frame.
    const frames: Frame[] = [];
    for (const t of r.threads) for (const f of t.frames) frames.push(f);
    const leb = r.lastExceptionBacktrace;
    if (leb) for (const f of leb) frames.push(f);
    for (const bt of r.applicationSpecificBacktraces ?? []) if (bt !== leb) for (const f of bt) frames.push(f);
    linkFrames(frames, r.images);
  }
  // "+" marks non-Apple images only in reports that use it; elsewhere its absence says nothing.
  if (r.images.some((i) => i.apple === false)) for (const i of r.images) i.apple ??= true;

  const producer = detectProducer(r, parsed.hints);
  if (producer) r.source.producer = producer;
  const bogus = bogusDateWarning(r.time);
  if (bogus) r.warnings.push(bogus);

  const leb = r.lastExceptionBacktrace?.length ?? 0;
  if (!r.exception && r.threads.length === 0 && !r.process.name && leb === 0) {
    r.warnings.push('no crash report fields were found in this text');
  }
  if ((r.threads.length > 0 || leb > 0) && !parsed.sawImages) {
    if (parsed.sawHeader) {
      r.truncated = true;
      r.warnings.push(`the report was cut short: it ends ${parsed.endedIn === 'frames' ? 'inside a thread backtrace' : 'before the Binary Images section'}`);
    } else {
      r.warnings.push('excerpt without the report header or Binary Images section');
    }
  } else if (parsed.sawImages && r.images.length === 0) {
    r.warnings.push('the Binary Images section is empty or unreadable');
  }
}
