/**
 * The legacy crash text reader (FORMATS §6): one pass over the prepared lines with a small state
 * machine. Field lines fill the report; section starts switch what the following lines mean
 * (frames, registers, images, free-text blocks). Unknown lines are ignored, never fatal.
 */
import type { Frame, Report, Thread } from '../../model/report.js';
import { isImageLine, parseImageLine } from './binary-images.js';
import { EXCEPTION_FIELDS, type ExceptionState } from './exception.js';
import { frameLoadAddress, readFrameLine } from './frame-line.js';
import { HEADER_FIELDS, IGNORED_FIELDS, NOTE_FIELDS } from './header-fields.js';
import { splitLabel } from './label.js';
import { MAX_BLOCK_LINES, MAX_FRAMES, MAX_IMAGES, MAX_NOTES, MAX_THREADS } from './limits.js';
import type { ProducerHints } from './producer.js';
import { sectionStart, type BlockTarget } from './sections.js';
import { parseStateHeader, readRegisterRow } from './thread-state.js';
import { parseThreadHeader, ThreadTable } from './threads.js';

/**
 * What the following lines mean. The mode is a small number and its data live in locals of
 * readCrashLines (not one object per mode, whose differing shapes made each read of its kind a
 * polymorphic load and each switch an allocation).
 */
const enum Mode {
  Fields,
  Block,
  Frames,
  Registers,
  Images,
}
type ModeKind = 'fields' | 'block' | 'frames' | 'registers' | 'images';
const MODE_KIND: readonly ModeKind[] = ['fields', 'block', 'frames', 'registers', 'images'];

export interface CrashParse {
  threads: ThreadTable;
  exceptionState: ExceptionState;
  hints: ProducerHints;
  sawImages: boolean;
  sawHeader: boolean;
  /** The mode the last non-blank line was read in, for truncation checks. */
  endedIn: ModeKind;
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

const LEB_PARENS = /^\(\s*(0x[0-9a-fA-F]{1,16}\s*)+\)?\s*$/;

/** `texts[i]` is a prepared line, `lineNos[i]` its 1-based line in the document and `firsts[i]` where its leading white space ends. */
export function readCrashLines(texts: string[], lineNos: number[], firsts: number[], r: Report): CrashParse {
  const threads = new ThreadTable();
  const st: ExceptionState = {};
  const hints: ProducerHints = { ksFrames: 0, crashDoctor: false, bareCodeType: false, rfc3339Date: false };
  let mode: Mode = Mode.Fields as Mode;
  // The data of the current mode: the block being read and its line count, the frame list, the registers.
  let blockTarget = 'skip' as BlockTarget;
  let blockLines = 0;
  let frames: Frame[] = [];
  let regs: Record<string, bigint> = {};
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

  /** Add a frame that has its source line already. */
  const addFrame = (list: Frame[], f: Frame): void => {
    if (list.length >= MAX_FRAMES) {
      if (!frameCapWarned.has(list)) r.warnings.push(`a backtrace was cut at ${MAX_FRAMES} frames`);
      frameCapWarned.add(list);
      return;
    }
    list.push(f);
  };
  const pushFrame = (list: Frame[], f: Frame, line: number): void => {
    f.sourceLine = line;
    addFrame(list, f);
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
      const into: Record<string, bigint> = {};
      if (state.thread === undefined) bareRegisters = into;
      else threads.get(state.thread).registers = into;
      readRegisterRow(trimmed.slice(trimmed.indexOf('State') + 5), into);
      regs = into;
      mode = Mode.Registers;
      return true;
    }
    const th = parseThreadHeader(trimmed);
    if (th) {
      if (!threads.find(th.index) && threads.size >= MAX_THREADS) {
        if (!threadCapWarned) r.warnings.push(`only the first ${MAX_THREADS} threads were read`);
        threadCapWarned = true;
        mode = Mode.Fields;
        return true;
      }
      sawThread = true;
      const t = threads.apply(th);
      if (th.kind === 'start') {
        frames = t.frames;
        mode = Mode.Frames;
      } else {
        mode = Mode.Fields;
      }
      return true;
    }
    const sec = sectionStart(trimmed);
    if (sec) {
      switch (sec.kind) {
        case 'images':
          sawImages = true;
          mode = Mode.Images;
          break;
        case 'backtrace': {
          const list: Frame[] = [];
          if (sec.label === 'app') {
            (r.applicationSpecificBacktraces ??= []).push(list);
            // The first one stands in for a missing Last Exception Backtrace; a later "Last Exception Backtrace:" replaces it.
            if (!r.lastExceptionBacktrace) {
              r.lastExceptionBacktrace = list;
              note('the exception backtrace came from "Application Specific Backtrace"');
            }
          } else {
            r.lastExceptionBacktrace = list;
          }
          if (sec.rest) addressList(sec.rest, list, line);
          frames = list;
          mode = Mode.Frames;
          break;
        }
        case 'block':
          blockTarget = sec.target;
          blockLines = 0;
          mode = Mode.Block;
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
      mode = Mode.Fields;
      return true;
    }
    const ex = route?.exception;
    if (ex) {
      ex(r, lv.value, st);
      if (lv.label === 'Termination Reason') {
        blockTarget = 'termination';
        blockLines = 0;
        mode = Mode.Block;
      } else {
        mode = Mode.Fields;
      }
      return true;
    }
    if (route?.note) {
      if (lv.label === 'CrashDoctor Diagnosis') hints.crashDoctor = true;
      if (lv.value) note(`${lv.label}: ${lv.value}`);
      mode = Mode.Fields;
      return true;
    }
    if (route?.ignored) {
      mode = Mode.Fields;
      return true;
    }
    // The old macOS system profile: "Model: MacBookPro11,5, BootROM …".
    if (lv.label === 'Model' && /^[A-Za-z]+\d+,\d+/.test(lv.value)) {
      r.hardware.model ??= lv.value.split(',').slice(0, 2).join(',').trim();
      return true;
    }
    return false;
  };

  let lastMode: Mode = Mode.Fields as Mode;
  const count = texts.length;
  for (let i = 0; i < count; i++) {
    const text = texts[i] as string;
    const m = mode;
    // A blank line is told by a scan (trim's white space is `\s`); the trimmed copy is made only
    // for lines that need it, not for the frame and image rows that make up most of a report.
    const k = firsts[i] as number;
    if (k === text.length) {
      if (m === Mode.Block || m === Mode.Frames || m === Mode.Registers) mode = Mode.Fields;
      continue;
    }
    lastMode = m;
    let trimmed: string | undefined;
    switch (m) {
      case Mode.Frames: {
        // The frame comes with its source line (readFrameLine sets it where pushFrame would).
        const frame = readFrameLine(text, k, lineNos[i] as number);
        if (frame) {
          // Counted by adding 0 or 1 on every frame: an increment only KSCrash frames reached had no type
          // feedback when the function was optimised, and the first KSCrash frame threw that code away.
          hints.ksFrames += frameLoadAddress() !== undefined && frame.symbol ? 1 : 0;
          addFrame(frames, frame);
          continue;
        }
        trimmed = text.trim();
        if (trimmed.charCodeAt(0) === 40 && LEB_PARENS.test(trimmed)) {
          addressList(trimmed, frames, lineNos[i] as number);
          continue;
        }
        if (structural(text, trimmed, lineNos[i] as number)) continue;
        // A damaged line inside a backtrace costs only itself: the frames after it stay in the same thread.
        unreadableFrameLines++;
        continue;
      }
      case Mode.Registers:
        // Both read the line as its trimmed copy would read (the headings are anchored by `^\s*` and
        // `\s*$`; a pair's name and value are found around its colon): rows are not copied to be trimmed.
        if (!parseStateHeader(text) && readRegisterRow(text, regs) > 0) continue;
        break;
      case Mode.Images: {
        // Past the cap only recognise rows, so a hostile list costs a pattern test per line.
        if (imageCapWarned && isImageLine(text)) continue;
        const img = parseImageLine(text, k);
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
      case Mode.Block: {
        trimmed = text.trim();
        // Only a structural line ends a block early; free text (even "Key: value") stays inside.
        const lv = splitLabel(text);
        const ends = parseThreadHeader(trimmed) || parseStateHeader(trimmed) || sectionStart(trimmed) ||
          (lv && (LABELS.get(lv.label)?.exception || (blockTarget === 'termination' && LABELS.get(lv.label)?.header)));
        if (!ends) {
          if (blockLines < MAX_BLOCK_LINES) appendBlock(blockTarget, trimmed);
          blockLines++;
          continue;
        }
        break;
      }
      case Mode.Fields:
        break;
    }
    trimmed ??= text.trim();
    if (structural(text, trimmed, lineNos[i] as number)) continue;
    if (mode !== Mode.Fields) mode = Mode.Fields;
    // Free text between the why-it-died fields and the first thread is the reporter's own reason
    // (KSCrash "Application main thread deadlocked"): keep it with the application-specific text.
    if (!sawThread && !sawImages && r.exception && trimmed.length <= 300) {
      // A new list is made holding its first line: an empty literal has another map than a list of
      // strings, and reading its length in code optimised for the other threw that code away.
      const asi = r.applicationSpecific;
      if (asi === undefined) r.applicationSpecific = [trimmed];
      else if (asi.length < MAX_BLOCK_LINES) asi.push(trimmed);
    }
  }
  if (unreadableFrameLines > 0) r.warnings.push(`${unreadableFrameLines} line(s) inside a backtrace could not be read as frames and were skipped`);
  if (notes.length === 0) delete r.notes;
  return { threads, exceptionState: st, hints, sawImages, sawHeader, endedIn: MODE_KIND[lastMode] as ModeKind, ...(bareRegisters ? { bareRegisters } : {}) };
}
