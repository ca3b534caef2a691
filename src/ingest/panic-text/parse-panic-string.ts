/**
 * Parse a kernel panic string (the `panicString`/`macOSPanicString` of a bug_type 210 .ips, a legacy
 * .panic body, or a paste) line by line with prefix patterns: trimmed, any order, every field optional
 * (FORMATS §5). Never throws; what cannot be read becomes a warning.
 */
import type { Frame, HardwareInfo, KextInfo, OsInfo, PanicInfo, ProcessInfo } from '../../model/report.js';
import { bound, toSourceLines, type SourceLine } from './lines.js';
import { needsUnescape, unescapeJsonString } from './escapes.js';
import { readPanicLine } from './panic-line.js';
import { isRegisterLine, readRegisterLine } from './registers.js';
import { INTEL_HEADER, INTEL_ROW, MAX_FRAMES, armRowFrame, intelRowFrame, ARM_ROW } from './backtrace.js';
import { KEXTS_HEADER, LOADED_HEADER, readKextBlockLine, readLastKext, readLoadedKext } from './kexts.js';
import { applyNextLine, readField, type NextLineKey, type PanicFacts } from './fields.js';
import { checkSlides } from './slides.js';
import { readDextMention } from './dexts.js';
import { nameFrameOwners } from './frame-owners.js';

export interface PanicStringResult {
  panic: PanicInfo;
  os: OsInfo;
  hardware: HardwareInfo;
  process: ProcessInfo;
  warnings: string[];
  /** Facts without a model field of their own (Paniclog version …). */
  notes: string[];
}

/** Longest panic string kept on `panic.panicString`. */
export const MAX_PANIC_STRING = 64 * 1024;
/** Longest line the field patterns look at. */
const MAX_LINE = 4096;
/** Longest `loaded kexts` list kept. */
const MAX_LOADED_KEXTS = 4096;

/** Parse one panic string. Literal `\n` escapes (text copied out of JSON) are undone first. */
export function parsePanicString(text: string): PanicStringResult {
  const src = needsUnescape(text) ? unescapeJsonString(text) : text;
  return parsePanicLines(toSourceLines(src), src);
}

type Mode = 'none' | 'kexts' | 'loaded';

// First characters of ARM_ROW and LOADED_HEADER / LAST_KEXT ('l'), INTEL_ROW ('0'), INTEL_HEADER ('B'), KEXTS_HEADER ('K').
const L = 0x6c;
const ZERO = 0x30;
const B = 0x42;
const K = 0x4b;

/** Parse numbered lines (line numbers flow into frame `sourceLine`s). `raw` becomes `panic.panicString`. */
export function parsePanicLines(lines: SourceLine[], raw: string): PanicStringResult {
  const facts: PanicFacts = {
    panic: { kexts: [], backtrace: [] },
    os: {},
    hardware: {},
    process: {},
    notes: [],
    warnings: [],
  };
  const { panic } = facts;
  const trimmedRaw = raw.trim();
  if (trimmedRaw) panic.panicString = bound(trimmedRaw, MAX_PANIC_STRING);

  const head = readPanicLine(lines);
  if (head) {
    panic.message = head.message;
    if (head.cpu !== undefined) panic.cpu = head.cpu;
    if (head.callerAddress !== undefined) panic.callerAddress = head.callerAddress;
    if (head.file !== undefined) panic.file = head.file;
    if (head.line !== undefined) panic.line = head.line;
  } else {
    facts.warnings.push('no "panic(cpu N caller 0x…)" line; the message is the first line of the text');
  }

  let mode: Mode = 'none';
  let pending: NextLineKey | undefined;
  let btState: 'before' | 'in' | 'done' = 'before';
  let damagedRows = 0;
  const registers: Record<string, bigint> = {};
  // Counted as they are added: Object.keys on the finished (dictionary-mode) record would list them all again.
  let registerCount = 0;
  const loaded: KextInfo[] = [];
  let lastLoadedLine = -1;

  for (let i = 0; i < lines.length; i++) {
    if (head && i >= head.index && i < head.index + head.span) continue;
    const { text, line } = lines[i] as SourceLine;
    // Field lines are short; a longer line is damage or a dump, and only its head is worth matching.
    const t = (text.length > MAX_LINE ? text.slice(0, MAX_LINE) : text).trim();

    if (mode === 'loaded') {
      const k = t ? readLoadedKext(t) : undefined;
      if (k && loaded.length < MAX_LOADED_KEXTS) {
        loaded.push(k);
        lastLoadedLine = i;
        continue;
      }
      if (k) continue;
      mode = 'none';
    }
    if (mode === 'kexts') {
      if (t && readKextBlockLine(t, panic.kexts)) continue;
      mode = 'none';
    }
    if (!t) continue;

    if (pending) {
      const key = pending;
      pending = undefined;
      const field = readField(t, facts);
      if (field === undefined) {
        applyNextLine(key, t, facts);
        continue;
      }
      if (field) pending = field;
      continue;
    }

    // Every line pattern below is anchored at the line's start with a literal first character (or
    // a few): the first character decides which can match, so most lines skip most regexes.
    const c0 = t.charCodeAt(0);
    // Backtrace rows: only the first contiguous block is the panicked thread's. A row is matched once.
    const row = btState === 'done' ? null : c0 === L ? ARM_ROW.exec(t) : c0 === ZERO ? INTEL_ROW.exec(t) : null;
    if (row) {
      btState = 'in';
      if (panic.backtrace.length < MAX_FRAMES) {
        const idx = panic.backtrace.length;
        const frame: Frame | undefined = c0 === L ? armRowFrame(row, idx, line) : intelRowFrame(row, idx, line);
        if (frame) panic.backtrace.push(frame);
      }
      // The row shape tells the architecture when no kernel version line does.
      facts.hardware.arch ??= c0 === L ? 'arm64' : 'x86_64';
      continue;
    }
    if (btState === 'in') {
      // One damaged row inside the backtrace costs only itself: the rows after it are the same thread's.
      const next = (lines[i + 1]?.text ?? '').trim();
      const n0 = next.charCodeAt(0);
      if ((n0 === L && ARM_ROW.test(next)) || (n0 === ZERO && INTEL_ROW.test(next))) {
        damagedRows++;
        continue;
      }
      btState = 'done';
    }

    const intel = c0 === B ? INTEL_HEADER.exec(t) : null;
    if (intel) {
      if (intel[2]) panic.panickedThread ??= intel[2];
      if (panic.cpu === undefined) panic.cpu = Number(intel[1]);
      continue;
    }
    const kextsHeader = c0 === K ? KEXTS_HEADER.exec(t) : null;
    if (kextsHeader) {
      if (!startsWithNoneWord(kextsHeader[1] ?? '')) mode = 'kexts';
      continue;
    }
    if (c0 === L && LOADED_HEADER.test(t)) {
      mode = 'loaded';
      continue;
    }
    if (isRegisterLine(t)) {
      registerCount += readRegisterLine(t, registers);
      continue;
    }
    const last = c0 === L ? readLastKext(t) : undefined;
    if (last) {
      if (last.which === 'started') panic.lastStartedKext ??= last.kext;
      else panic.lastStoppedKext ??= last.kext;
      continue;
    }
    const field = readField(t, facts);
    if (field) pending = field;
    if (field !== undefined) continue;
    const dext = readDextMention(t);
    if (dext) (panic.dexts ??= []).push(dext);
    if (!head && panic.message === undefined) panic.message = bound(t);
  }

  if (damagedRows > 0) facts.warnings.push(`${damagedRows} line(s) inside the backtrace could not be read as frames and were skipped`);
  // A paste cut before its backtrace still names the function that called panic(): `caller` is that
  // call's return address (xnu passes __builtin_return_address), so it stands as the one frame.
  if (panic.backtrace.length === 0 && head && panic.callerAddress !== undefined) {
    const at = lines[head.index];
    panic.backtrace.push({ index: 0, address: panic.callerAddress, ...(at ? { sourceLine: at.line } : {}) });
    facts.notes.push('the text has no backtrace; the caller address of the panic line is its only frame');
  }
  finish(facts, registerCount > 0 ? registers : undefined, loaded, lastLoadedLine === lines.length - 1 || isLastNonBlank(lines, lastLoadedLine));
  return facts;
}

function finish(facts: PanicFacts, registers: Record<string, bigint> | undefined, loaded: KextInfo[], loadedAtEnd: boolean): void {
  const { panic } = facts;
  if (registers) panic.registers = registers;
  if (loaded.length > 0) {
    panic.loadedKexts = loaded;
    const tail = loaded[loaded.length - 1];
    if (loadedAtEnd && tail && tail.version === undefined) {
      facts.warnings.push(`loaded kexts list is cut off after "${tail.bundleId}"`);
    }
  }
  if (panic.message) {
    const d = readDextMention(panic.message);
    if (d && !panic.dexts?.some((x) => x.bundleId === d.bundleId)) (panic.dexts ??= []).unshift(d);
  }
  nameFrameOwners(panic.backtrace, panic.kexts);
  const slides = checkSlides(panic);
  if (slides !== undefined) facts.warnings.push(slides);
}

function isLastNonBlank(lines: SourceLine[], index: number): boolean {
  if (index < 0) return false;
  for (let j = index + 1; j < lines.length; j++) if ((lines[j] as SourceLine).text.trim()) return false;
  return true;
}

/** `/^none\b/i.test(s)` as character checks (a regex costs a compile at its first use in every run). */
export function startsWithNoneWord(s: string): boolean {
  if ((s.charCodeAt(0) | 0x20) !== 0x6e || (s.charCodeAt(1) | 0x20) !== 0x6f || (s.charCodeAt(2) | 0x20) !== 0x6e || (s.charCodeAt(3) | 0x20) !== 0x65) return false;
  const c = s.charCodeAt(4);
  return !((c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39) || c === 0x5f);
}
