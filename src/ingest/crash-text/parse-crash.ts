/**
 * The legacy crash text reader (FORMATS §6): one pass over the prepared lines with a small state
 * machine. Field lines fill the report; section starts switch what the following lines mean
 * (frames, registers, images, free-text blocks). Unknown lines are ignored, never fatal.
 */
import type { Frame, Report, Thread } from '../../model/report.js';
import { isImageLine, parseImageLine } from './binary-images.js';
import { skipSpace } from './chars.js';
import { EXCEPTION_FIELDS, type ExceptionState } from './exception.js';
import { parseFrameLine } from './frame-line.js';
import { HEADER_FIELDS, IGNORED_FIELDS, NOTE_FIELDS } from './header-fields.js';
import { splitLabel } from './label.js';
import { MAX_BLOCK_LINES, MAX_FRAMES, MAX_IMAGES, MAX_NOTES, MAX_THREADS } from './limits.js';
import type { SourceLine } from './preface.js';
import type { ProducerHints } from './producer.js';
import { sectionStart, type BlockTarget } from './sections.js';
import { parseStateHeader, readRegisterRow } from './thread-state.js';
import { parseThreadHeader, ThreadTable } from './threads.js';

type Mode =
  | { kind: 'fields' }
  | { kind: 'block'; target: BlockTarget; lines: number }
  | { kind: 'frames'; frames: Frame[]; thread?: Thread }
  | { kind: 'registers'; regs: Record<string, bigint> }
  | { kind: 'images' };

export interface CrashParse {
  threads: ThreadTable;
  exceptionState: ExceptionState;
  hints: ProducerHints;
  sawImages: boolean;
  sawHeader: boolean;
  /** The mode the last non-blank line was read in, for truncation checks. */
  endedIn: Mode['kind'];
  /** Registers under a heading that names no thread; they belong to the crashed thread. */
  bareRegisters?: Record<string, bigint>;
}

/** What a field label is, from the four tables (a header field wins over the others, as it was tried first). */
interface LabelRoute {
  header?: (typeof HEADER_FIELDS)[string];
  exception?: (typeof EXCEPTION_FIELDS)[string];
  note?: boolean;
  ignored?: boolean;
}

/**
 * One map lookup per label line instead of two object lookups and two set lookups. A map also finds
 * only the tables' own labels: looked up on the plain objects, a "valueOf:" or "toString:" line found
 * Object.prototype's functions, and calling them could throw and end the parse.
 */
const LABELS = new Map<string, LabelRoute>();
const route = (label: string): LabelRoute => {
  let r = LABELS.get(label);
  if (!r) LABELS.set(label, (r = {}));
  return r;
};
for (const label of IGNORED_FIELDS) route(label).ignored = true;
for (const label of NOTE_FIELDS) route(label).note = true;
for (const [label, apply] of Object.entries(EXCEPTION_FIELDS)) route(label).exception = apply;
for (const [label, apply] of Object.entries(HEADER_FIELDS)) route(label).header = apply;

/** The fields mode holds no state, so one object serves every switch back to it. */
const FIELDS: Mode = { kind: 'fields' };
const LEB_PARENS = /^\(\s*(0x[0-9a-fA-F]{1,16}\s*)+\)?\s*$/;

export function readCrashLines(lines: SourceLine[], r: Report): CrashParse {
  const threads = new ThreadTable();
  const st: ExceptionState = {};
  const hints: ProducerHints = { ksFrames: 0, crashDoctor: false, bareCodeType: false, rfc3339Date: false };
  let mode: Mode = FIELDS;
  let sawImages = false;
  let sawHeader = false;
  let sawThread = false;
  let bareRegisters: Record<string, bigint> | undefined;
  let unreadableFrameLines = 0;
  let threadCapWarned = false;
  let imageCapWarned = false;
  const frameCapWarned = new Set<Frame[]>();
  const notes: string[] = (r.notes ??= []);
  const note = (s: string): void => {
    if (notes.length < MAX_NOTES) notes.push(s);
  };

  const pushFrame = (list: Frame[], f: Frame, line: number): void => {
    if (list.length >= MAX_FRAMES) {
      if (!frameCapWarned.has(list)) r.warnings.push(`a backtrace was cut at ${MAX_FRAMES} frames`);
      frameCapWarned.add(list);
      return;
    }
    f.sourceLine = line;
    list.push(f);
  };

  const addressList = (text: string, list: Frame[], line: number): void => {
    for (const m of text.matchAll(/0x[0-9a-fA-F]{1,16}/g)) {
      pushFrame(list, { index: list.length, address: BigInt(m[0]) }, line);
    }
  };

  const appendBlock = (target: BlockTarget, text: string): void => {
    switch (target) {
      case 'asi':
        (r.applicationSpecific ??= []).push(text);
        break;
      case 'signatures':
        note(`Application Specific Signatures: ${text}`);
        break;
      case 'triage':
        (r.kernelTriage ??= []).push(text);
        break;
      case 'vm':
        r.vmRegionInfo = r.vmRegionInfo ? `${r.vmRegionInfo}\n${text}` : text;
        break;
      case 'termination':
        if (r.termination) r.termination.description = `${r.termination.description ?? ''}\n${text}`.trim();
        break;
      case 'skip':
        break;
    }
  };

  /** Field and section lines; true when the line was consumed. */
  const structural = (text: string, trimmed: string, line: number): boolean => {
    const state = parseStateHeader(trimmed);
    if (state) {
      const regs: Record<string, bigint> = {};
      if (state.thread === undefined) bareRegisters = regs;
      else threads.get(state.thread).registers = regs;
      readRegisterRow(trimmed.slice(trimmed.indexOf('State') + 5), regs);
      mode = { kind: 'registers', regs };
      return true;
    }
    const th = parseThreadHeader(trimmed);
    if (th) {
      if (!threads.find(th.index) && threads.size >= MAX_THREADS) {
        if (!threadCapWarned) r.warnings.push(`only the first ${MAX_THREADS} threads were read`);
        threadCapWarned = true;
        mode = FIELDS;
        return true;
      }
      sawThread = true;
      const t = threads.apply(th);
      mode = th.kind === 'start' ? { kind: 'frames', frames: t.frames, thread: t } : FIELDS;
      return true;
    }
    const sec = sectionStart(trimmed);
    if (sec) {
      switch (sec.kind) {
        case 'images':
          sawImages = true;
          mode = { kind: 'images' };
          break;
        case 'backtrace': {
          const frames: Frame[] = [];
          if (sec.label === 'app') {
            (r.applicationSpecificBacktraces ??= []).push(frames);
            // The first one stands in for a missing Last Exception Backtrace; a later "Last Exception Backtrace:" replaces it.
            if (!r.lastExceptionBacktrace) {
              r.lastExceptionBacktrace = frames;
              note('the exception backtrace came from "Application Specific Backtrace"');
            }
          } else {
            r.lastExceptionBacktrace = frames;
          }
          if (sec.rest) addressList(sec.rest, frames, line);
          mode = { kind: 'frames', frames };
          break;
        }
        case 'block':
          mode = { kind: 'block', target: sec.target, lines: 0 };
          if (sec.rest) appendBlock(sec.target, sec.rest);
          break;
      }
      return true;
    }
    const lv = splitLabel(text);
    if (!lv) return false;
    const route = LABELS.get(lv.label);
    const header = route?.header;
    if (header) {
      sawHeader ||= lv.label === 'Process' || lv.label === 'Incident Identifier' || lv.label === 'Hardware Model';
      if (lv.label === 'Code Type' && !/\((Native|Translated)\)/i.test(lv.value)) hints.bareCodeType = true;
      if (lv.label === 'Date/Time' && /^\d{4}-\d\d-\d\dT\d\d:\d\d/.test(lv.value)) hints.rfc3339Date = true;
      header(r, lv.value);
      mode = FIELDS;
      return true;
    }
    const ex = route?.exception;
    if (ex) {
      ex(r, lv.value, st);
      mode = lv.label === 'Termination Reason' ? { kind: 'block', target: 'termination', lines: 0 } : FIELDS;
      return true;
    }
    if (route?.note) {
      if (lv.label === 'CrashDoctor Diagnosis') hints.crashDoctor = true;
      if (lv.value) note(`${lv.label}: ${lv.value}`);
      mode = FIELDS;
      return true;
    }
    if (route?.ignored) {
      mode = FIELDS;
      return true;
    }
    // The old macOS system profile: "Model: MacBookPro11,5, BootROM …".
    if (lv.label === 'Model' && /^[A-Za-z]+\d+,\d+/.test(lv.value)) {
      r.hardware.model ??= lv.value.split(',').slice(0, 2).join(',').trim();
      return true;
    }
    return false;
  };

  let lastMode: Mode['kind'] = 'fields';
  for (const { text, line } of lines) {
    const m = mode as Mode;
    // A blank line is told by a scan (trim's white space is `\s`); the trimmed copy is made only
    // for lines that need it, not for the frame and image rows that make up most of a report.
    if (skipSpace(text, 0) === text.length) {
      if (m.kind === 'block' || m.kind === 'frames' || m.kind === 'registers') mode = FIELDS;
      continue;
    }
    lastMode = m.kind;
    let trimmed: string | undefined;
    switch (m.kind) {
      case 'frames': {
        const parsed = parseFrameLine(text);
        if (parsed) {
          if (parsed.frame.symbol && parsed.loadAddress !== undefined) hints.ksFrames++;
          pushFrame(m.frames, parsed.frame, line);
          continue;
        }
        trimmed = text.trim();
        if (trimmed.charCodeAt(0) === 40 && LEB_PARENS.test(trimmed)) {
          addressList(trimmed, m.frames, line);
          continue;
        }
        if (structural(text, trimmed, line)) continue;
        // A damaged line inside a backtrace costs only itself: the frames after it stay in the same thread.
        unreadableFrameLines++;
        continue;
      }
      case 'registers':
        // Both read the line as its trimmed copy would read (the headings are anchored by `^\s*` and
        // `\s*$`; a pair's name and value are found around its colon): rows are not copied to be trimmed.
        if (!parseStateHeader(text) && readRegisterRow(text, m.regs) > 0) continue;
        break;
      case 'images': {
        // Past the cap only recognise rows, so a hostile list costs a pattern test per line.
        if (imageCapWarned && isImageLine(text)) continue;
        const img = parseImageLine(text);
        if (img !== undefined) {
          if (img && r.images.length < MAX_IMAGES) r.images.push(img);
          else if (img && !imageCapWarned) {
            r.warnings.push(`only the first ${MAX_IMAGES} binary images were read`);
            imageCapWarned = true;
          }
          continue;
        }
        break;
      }
      case 'block': {
        trimmed = text.trim();
        // Only a structural line ends a block early; free text (even "Key: value") stays inside.
        const lv = splitLabel(text);
        const ends = parseThreadHeader(trimmed) || parseStateHeader(trimmed) || sectionStart(trimmed) ||
          (lv && (LABELS.get(lv.label)?.exception || (m.target === 'termination' && LABELS.get(lv.label)?.header)));
        if (!ends) {
          if (m.lines < MAX_BLOCK_LINES) appendBlock(m.target, trimmed);
          m.lines++;
          continue;
        }
        break;
      }
      case 'fields':
        break;
    }
    trimmed ??= text.trim();
    if (structural(text, trimmed, line)) continue;
    if ((mode as Mode).kind !== 'fields') mode = FIELDS;
    // Free text between the why-it-died fields and the first thread is the reporter's own reason
    // (KSCrash "Application main thread deadlocked"): keep it with the application-specific text.
    if (!sawThread && !sawImages && r.exception && trimmed.length <= 300) {
      const asi = (r.applicationSpecific ??= []);
      if (asi.length < MAX_BLOCK_LINES) asi.push(trimmed);
    }
  }
  if (unreadableFrameLines > 0) r.warnings.push(`${unreadableFrameLines} line(s) inside a backtrace could not be read as frames and were skipped`);
  if (notes.length === 0) delete r.notes;
  return { threads, exceptionState: st, hints, sawImages, sawHeader, endedIn: lastMode, ...(bareRegisters ? { bareRegisters } : {}) };
}
