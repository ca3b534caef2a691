/**
 * Text written by in-app crash reporters that is not Apple's layout but prints Apple-like frame lines:
 * - Firebase Crashlytics exports: `Fatal Exception: <Name>` + reason + frames (the exception's stack),
 *   `Crashed: <thread or queue>` + optional `EXC_… CODE 0x…` line + frames, then other threads under
 *   their names (`Thread`, a queue name). Frame addresses of known images are image offsets.
 * - Umeng: `Application received signal SIG…` or a reason line and an exception name, then the stack in
 *   `(` … `)`, then `dSYM UUID:`, `CPU Type:`, `Slide Address:`, `Binary Image:`, `Base Address:`.
 * - Bugly: `#<n> Thread` headings (the crashed thread first), the exception name or signal and its
 *   code or reason, then frames.
 * The producer is recorded; the reporter's own frames are marked later (reporters/mark-frames.ts).
 */
import type { Frame, Report, Thread } from '../../model/report.js';
import { normalizeUuid } from '../../model/uuid.js';
import { normalizeArch } from '../ips/platform.js';
import { skipSpace } from './chars.js';
import { parseFrameLine } from './frame-line.js';
import { linkFrames } from './link-images.js';
import { MAX_FRAMES, MAX_THREADS } from './limits.js';
import type { SourceLine } from './preface.js';

export type ReporterText = 'crashlytics' | 'umeng' | 'bugly';

const HEAD_LINES = 60;
const CRASHLYTICS_HEAD = /^(Crashed|Fatal Exception|Non-fatal Exception): \S/;
const UMENG_SIGNAL = /^Application received signal (SIG[A-Z0-9]+)/;
const UMENG_TRAILER = /^(dSYM UUID|Slide Address|Base Address|Binary Image|CPU Type):\s*(.*)$/;
const BUGLY_HEAD = /^#(\d{1,4}) Thread\s*$/;
const EXCEPTION_NAME = /^[A-Z][A-Za-z0-9_]{2,80}(Exception|Error)$/;
const SIGNAL_OR_EXC = /^(EXC_[A-Z_]+|SIG[A-Z0-9]+)(?:\s+([A-Z][A-Z0-9_]+))?(?:\s+(0x[0-9a-fA-F]{1,16}))?\s*$/;
/** Image-relative addresses: 64-bit Apple platforms load no image below 4 GiB. */
const OFFSET_LIMIT = 0x100000000n;

const REPORTER_FIRST = new Uint8Array(128);
for (const c of 'EICTFNAd#') REPORTER_FIRST[c.charCodeAt(0)] = 1;

export const PRODUCER: Record<ReporterText, string> = { crashlytics: 'Firebase Crashlytics', umeng: 'Umeng', bugly: 'Bugly' };

/** Which reporter wrote these lines, when one did and Apple's own fields are absent. */
/** `lines` are the prepared lines' text. */
export function classifyReporterText(lines: string[]): ReporterText | undefined {
  let crashlytics = false;
  let umeng = false;
  let bugly = false;
  const head = Math.min(lines.length, HEAD_LINES);
  for (let i = 0; i < head; i++) {
    const raw = lines[i] as string;
    // Every pattern below starts with one of these characters; other lines (frame and image rows) are not trimmed.
    const k = skipSpace(raw, 0);
    // A blank line is passed over before its end is read as a character (a read past the end costs a deoptimisation).
    if (k === raw.length) continue;
    const c = raw.charCodeAt(k);
    if (!(c < 128 && REPORTER_FIRST[c] === 1)) continue;
    const t = raw.trim();
    // Apple's own fields decide alone (the answer is then undefined whatever else the head holds): stop at the first.
    if (/^(Exception Type|Incident Identifier|Crashed Thread|Triggered by Thread|Thread \d{1,6}( Crashed)?:)/.test(t)) return undefined;
    else if (CRASHLYTICS_HEAD.test(t)) crashlytics = true;
    else if (UMENG_SIGNAL.test(t) || /^dSYM UUID:/.test(t)) umeng = true;
    else if (BUGLY_HEAD.test(t)) bugly = true;
  }
  if (umeng || hasDsymLine(lines)) return 'umeng';
  if (bugly) return 'bugly';
  return crashlytics ? 'crashlytics' : undefined;
}

/** Some line starts with "dSYM UUID:" (after white space): a plain loop, not a closure call per line. */
function hasDsymLine(lines: string[]): boolean {
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i] as string;
    if (l.includes('dSYM UUID:') && /^\s*dSYM UUID:/.test(l)) return true;
  }
  return false;
}

export function parseReporterText(kind: ReporterText, lines: SourceLine[], r: Report): void {
  r.kind = 'crash';
  r.source.producer = PRODUCER[kind];
  if (kind === 'umeng') readUmeng(lines, r);
  else readHeadedStacks(kind, lines, r);
  const crashed = r.threads.find((t) => t.crashed);
  r.crashedThread = crashed ? crashed.index : null;
  for (const f of allFrames(r)) tidyFrame(f, kind === 'crashlytics');
  linkFrames(allFrames(r), r.images);
  if (r.threads.length === 0 && !r.lastExceptionBacktrace?.length) r.warnings.push(`no frames were found in this ${PRODUCER[kind]} report`);
}

function* allFrames(r: Report): Iterable<Frame> {
  for (const t of r.threads) yield* t.frames;
  if (r.lastExceptionBacktrace) yield* r.lastExceptionBacktrace;
}

/** Reporters' placeholders are no symbols; "<Image> + <offset>" is an image offset, not a symbol. */
function tidyFrame(f: Frame, offsets: boolean): void {
  if (f.symbol === '<redacted>' || f.symbol === '(Missing)' || f.symbol === 'Missing') {
    delete f.symbol;
    delete f.symbolOffset;
    delete f.symbolSource;
  }
  if (f.symbol !== undefined && f.symbol === f.image && f.symbolOffset !== undefined) {
    f.imageOffset ??= BigInt(f.symbolOffset);
    delete f.symbol;
    delete f.symbolOffset;
    delete f.symbolSource;
  }
  if (offsets && f.image && f.address !== undefined && f.address < OFFSET_LIMIT && f.imageOffset === undefined) {
    f.imageOffset = f.address;
    delete f.address;
  }
}

/** Crashlytics and Bugly: headings, a few exception lines, frames; a blank line ends a stack. */
function readHeadedStacks(kind: ReporterText, lines: SourceLine[], r: Report): void {
  let stack: Frame[] | undefined;
  let preamble: string[] = [];
  let exceptionStack = false;
  let expectHeading = true;
  const open = (frames: Frame[], isException: boolean): void => {
    stack = frames;
    preamble = [];
    exceptionStack = isException;
  };
  const newThread = (name: string | undefined, crashed: boolean, index?: number): void => {
    if (r.threads.length >= MAX_THREADS) {
      stack = undefined;
      return;
    }
    const t: Thread = { index: index ?? r.threads.length, crashed, frames: [] };
    if (name && name !== 'Thread') {
      if (name.includes('.')) t.queue = name;
      else t.name = name;
    }
    r.threads.push(t);
    open(t.frames, false);
  };

  for (const { text, line } of lines) {
    const t = text.trim();
    if (t === '') {
      expectHeading = true;
      continue;
    }
    const frame = parseFrameLine(text);
    if (frame && stack) {
      if (stack.length < MAX_FRAMES) stack.push({ ...frame.frame, sourceLine: line });
      if (preamble.length > 0) applyPreamble(preamble, exceptionStack, r);
      preamble = [];
      expectHeading = false;
      continue;
    }
    const m = kind === 'crashlytics' ? /^(Crashed|Fatal Exception|Non-fatal Exception): (.+)$/.exec(t) : null;
    if (m) {
      if (m[1] === 'Crashed') newThread(m[2]?.trim(), true);
      else {
        r.lastExceptionBacktrace = [];
        open(r.lastExceptionBacktrace, true);
        (r.applicationSpecific ??= []).push(t);
        if (m[1] === 'Non-fatal Exception') (r.exception ??= {}).note = 'NON-FATAL CONDITION';
      }
      expectHeading = false;
      continue;
    }
    const b = kind === 'bugly' ? BUGLY_HEAD.exec(t) : null;
    if (b) {
      newThread(undefined, r.threads.length === 0, Number(b[1]));
      expectHeading = false;
      continue;
    }
    if (kind === 'crashlytics' && expectHeading && (stack === undefined || stack.length > 0)) {
      // Any other line after a blank line names the next thread.
      newThread(t, false);
      expectHeading = false;
      continue;
    }
    if (stack && stack.length === 0 && preamble.length < 20) preamble.push(t);
  }
  if (preamble.length > 0) applyPreamble(preamble, exceptionStack, r);
}

/** The lines between a heading and its first frame: exception type and codes, or an exception's name and reason. */
function applyPreamble(lines: string[], exceptionStack: boolean, r: Report): void {
  if (exceptionStack) {
    (r.applicationSpecific ??= []).push(...lines);
    return;
  }
  for (const l of lines) {
    const s = SIGNAL_OR_EXC.exec(l);
    if (s) {
      const exc = (r.exception ??= {});
      const name = s[1] as string;
      if (name.startsWith('SIG')) exc.signal = name;
      exc.type ??= name;
      if (s[2] && s[3]) exc.codes = `${s[2]} at ${s[3]}`;
      else if (s[2]) exc.codes = s[2];
      if (s[3] && name === 'EXC_BAD_ACCESS') exc.address = BigInt(s[3]);
      continue;
    }
    if (/^(SEGV|BUS|ILL|FPE|TRAP)_[A-Z]+/.test(l)) {
      (r.exception ??= {}).codes ??= l;
      continue;
    }
    if (EXCEPTION_NAME.test(l)) {
      (r.exception ??= {}).type ??= l;
      (r.applicationSpecific ??= []).push(l);
      continue;
    }
    (r.applicationSpecific ??= []).push(l);
  }
}

/** Umeng: the reason, the exception name or received signal, the stack in parentheses, the image trailer. */
function readUmeng(lines: SourceLine[], r: Report): void {
  const before: string[] = [];
  let frames: Frame[] | undefined;
  let done = false;
  const image: { name?: string; uuid?: string; base?: bigint; arch?: string } = {};
  for (const { text, line } of lines) {
    const t = text.trim();
    if (t === '') continue;
    const trailer = UMENG_TRAILER.exec(t);
    if (trailer) {
      const v = (trailer[2] ?? '').trim();
      if (trailer[1] === 'dSYM UUID') image.uuid = normalizeUuid(v) ?? v;
      else if (trailer[1] === 'Binary Image') image.name = v;
      else if (trailer[1] === 'Base Address' && /^0x[0-9a-fA-F]{1,16}$/.test(v)) image.base = BigInt(v);
      else if (trailer[1] === 'CPU Type') image.arch = normalizeArch(v) ?? v;
      else if (trailer[1] === 'Slide Address') (r.notes ??= []).push(`Umeng Slide Address: ${v}`);
      continue;
    }
    if (!frames && !done && t === '(') {
      frames = [];
      continue;
    }
    if (frames && !done) {
      if (t === ')') {
        done = true;
        continue;
      }
      const f = parseFrameLine(text);
      if (f && frames.length < MAX_FRAMES) frames.push({ ...f.frame, sourceLine: line });
      continue;
    }
    if (!frames && before.length < 20 && t !== '(null)') before.push(t);
  }
  const signal = before.map((l) => UMENG_SIGNAL.exec(l)?.[1]).find((s) => s !== undefined);
  if (signal) {
    r.exception = { type: signal, signal };
    const t: Thread = { index: 0, crashed: true, frames: frames ?? [] };
    if (frames) r.threads = [t];
  } else {
    const name = before.find((l) => EXCEPTION_NAME.test(l));
    if (name) r.exception = { type: name };
    if (before.length > 0) r.applicationSpecific = before;
    if (frames) r.lastExceptionBacktrace = frames;
  }
  if (image.name || image.uuid) {
    r.images = [{ ...(image.name ? { name: image.name } : {}), ...(image.uuid ? { uuid: image.uuid } : {}), ...(image.base !== undefined ? { base: image.base } : {}), ...(image.arch ? { arch: image.arch } : {}) }];
    if (image.name) r.process.name ??= image.name;
  }
  if (image.arch) r.hardware.arch = image.arch;
}
