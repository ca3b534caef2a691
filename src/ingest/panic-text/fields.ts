/**
 * The `Key: value` lines of a panic string (FORMATS §5.2, §5.3), read in any order, all optional.
 * `Mac OS version:` and (on Intel) `Kernel version:` put their value on the NEXT line; `nextLineKey`
 * records which field is waiting for it.
 */
import type { HardwareInfo, OsInfo, PanicInfo, ProcessInfo } from '../../model/report.js';
import { normalizeUuid } from '../../model/uuid.js';
import { hexCapture } from './lines.js';

export interface PanicFacts {
  panic: PanicInfo;
  os: OsInfo;
  hardware: HardwareInfo;
  process: ProcessInfo;
  notes: string[];
  warnings: string[];
}

/** Fields whose value may sit on the next line. */
export type NextLineKey = 'macOsVersion' | 'kernelVersion' | 'osVersion';

type Handler = (m: RegExpExecArray, facts: PanicFacts) => NextLineKey | void;

const HEX = '(0x[0-9a-fA-F]+)';
const setHex =
  (key: 'kernelSlide' | 'kernelTextBase' | 'kernelTextExecSlide' | 'kernelTextExecBase' | 'kernelCacheSlide' | 'kernelCacheBase'): Handler =>
  (m, f) => {
    const v = hexCapture(m[1]);
    if (v !== undefined && f.panic[key] === undefined) f.panic[key] = v;
  };

/**
 * Each pattern with the characters a line it matches can start with (both cases for the `i` ones)
 * and, for the case-sensitive ones, the literal text every line it matches starts with. Made on the
 * first field line read: V8 parses every regex when it is created, and most runs read no panic text.
 */
const makeFields = (): [string, RegExp, Handler, string?][] => [
  ['D', /^Debugger (?:message|called):\s*(.*)$/, (m, f) => void (f.panic.debuggerMessage ??= m[1]), 'Debugger '],
  ['M', /^Mac OS version:\s*(.*)$/, (m, f) => (m[1] ? setBuild(f, m[1], true) : 'macOsVersion'), 'Mac OS version:'],
  ['O', /^OS version:\s*(.*)$/, (m, f) => (m[1] ? setBuild(f, m[1], false) : 'osVersion'), 'OS version:'],
  ['K', /^Kernel version:\s*(.*)$/, (m, f) => (m[1] ? setKernelVersion(f, m[1]) : 'kernelVersion'), 'Kernel version:'],
  ['O', /^OS release type:\s*(\S.*)$/, (m, f) => void (f.os.releaseType ??= m[1]), 'OS release type:'],
  ['K', /^Kernel UUID:\s*(\S+)/, (m, f) => void (f.panic.kernelUuid ??= normalizeUuid(m[1])), 'Kernel UUID:'],
  ['FfKk', /^(?:Fileset )?Kernel ?cache UUID:\s*(\S+)/i, (m, f) => void (f.panic.kernelCacheUuid ??= normalizeUuid(m[1]))],
  ['Kk', new RegExp(`^KernelCache slide:\\s*${HEX}`, 'i'), setHex('kernelCacheSlide')],
  ['Kk', new RegExp(`^KernelCache base:\\s*${HEX}`, 'i'), setHex('kernelCacheBase')],
  ['K', new RegExp(`^Kernel slide:\\s*${HEX}`), setHex('kernelSlide'), 'Kernel slide:'],
  ['K', new RegExp(`^Kernel text base:\\s*${HEX}`), setHex('kernelTextBase'), 'Kernel text base:'],
  ['K', new RegExp(`^Kernel text exec slide:\\s*${HEX}`), setHex('kernelTextExecSlide'), 'Kernel text exec slide:'],
  ['K', new RegExp(`^Kernel text exec base:\\s*${HEX}`), setHex('kernelTextExecBase'), 'Kernel text exec base:'],
  ['B', /^Boot args:\s*(.*)$/, (m, f) => void (f.panic.bootArgs ??= (m[1] as string).trim()), 'Boot args:'],
  ['S', /^System model name:\s*([^\s(]+)/, (m, f) => void (f.hardware.model ??= m[1]), 'System model name:'],
  ['M', /^Model:\s*([A-Za-z]+\d+,\d+)/, (m, f) => void (f.hardware.model ??= m[1]), 'Model:'],
  ['C', /^Compressor Info:\s*(.*)$/, (m, f) => void (f.panic.compressorInfo ??= m[1]), 'Compressor Info:'],
  ['P', /^Panicked task (0x[0-9a-fA-F]+):.*?\bpid (-?\d+):\s*(.*)$/, panickedTask, 'Panicked task 0x'],
  ['P', /^Panicked thread:\s*(0x[0-9a-fA-F]+)(?:.*?\btid:\s*(\d+))?/, panickedThread, 'Panicked thread:'],
  ['BPp', /^(?:BSD )?[Pp]rocess name corresponding to current thread(?: \(0x[0-9a-fA-F]+\))?:\s*(.*)$/, currentProcess],
  ['P', /^Paniclog version:\s*(\d+)/, (m, f) => void f.notes.push(`Paniclog version ${m[1]}`), 'Paniclog version:'],
  ['C', /^Calendar\s*:\s*(0x[0-9a-fA-F]+)\s+(0x[0-9a-fA-F]+)/, calendar, 'Calendar'],
  ['x', /^x86 EFI Boot State:/, (_m, f) => void (f.os.platform ??= 'bridgeOS'), 'x86 EFI Boot State:'],
];

let fields: [string, RegExp, Handler, string?][] | undefined;

/** The table for tests: each pattern with its first characters and literal head. */
export function fieldPatterns(): readonly (readonly [string, RegExp, string | undefined])[] {
  return (fields ??= makeFields()).map(([first, re, , lead]) => [first, re, lead]);
}

type Candidates = ([RegExp, Handler, string | undefined][] | undefined)[];
let byFirst: Candidates | undefined;

/**
 * The patterns a line may match, by the code of its first character (all ASCII), in table order; other
 * first characters match none. An array slot, not a Map keyed by a one-character string, per line.
 */
function candidatesByFirst(): Candidates {
  const table: Candidates = new Array(128).fill(undefined);
  for (const [first, re, handler, lead] of (fields ??= makeFields())) {
    for (const c of first) (table[c.charCodeAt(0)] ??= []).push([re, handler, lead]);
  }
  return table;
}

/** Read a field line; returns the key waiting for a next-line value, if any. Undefined when no field matched. */
export function readField(trimmed: string, facts: PanicFacts): NextLineKey | null | undefined {
  const candidates = (byFirst ??= candidatesByFirst())[trimmed.charCodeAt(0)];
  if (!candidates) return undefined;
  for (let i = 0; i < candidates.length; i++) {
    // Indexed, not destructured: array destructuring runs the iterator protocol until the function is optimized.
    const candidate = candidates[i] as [RegExp, Handler, string | undefined];
    const re = candidate[0];
    const lead = candidate[2];
    // A line without the pattern's literal head cannot match it: one comparison instead of the regex.
    if (lead !== undefined && !trimmed.startsWith(lead)) continue;
    const m = re.exec(trimmed);
    if (m) return candidate[1](m, facts) ?? null;
  }
  return undefined;
}

/** Apply a value that came on the line after its key. */
export function applyNextLine(key: NextLineKey, value: string, facts: PanicFacts): void {
  if (key === 'kernelVersion') setKernelVersion(facts, value);
  else setBuild(facts, value, key === 'macOsVersion');
}

function setBuild(f: PanicFacts, value: string, mac: boolean): void {
  const build = value.trim();
  f.os.build ??= build;
  f.panic.osBuild ??= build;
  if (mac) {
    f.os.platform ??= 'macOS';
    f.os.raw ??= `Mac OS version ${build}`;
  }
}

function setKernelVersion(f: PanicFacts, value: string): void {
  const v = value.trim();
  f.os.kernelVersion ??= v;
  f.panic.kernelVersion ??= v;
  const arch = /RELEASE_(X86_64|ARM64|ARM|I386)(?:_T?(\w+))?/i.exec(v);
  if (!arch) return;
  const a = (arch[1] as string).toUpperCase();
  f.hardware.arch ??= a === 'X86_64' ? 'x86_64' : a === 'ARM64' ? 'arm64' : a === 'I386' ? 'i386' : 'armv7';
  if (a === 'X86_64') f.os.platform ??= 'macOS';
  const soc = arch[2] && /^T?(\d{4})/i.exec(arch[2]);
  if (soc) f.hardware.soc ??= soc[1];
}

function panickedTask(m: RegExpExecArray, f: PanicFacts): void {
  const pid = Number(m[2]);
  const name = (m[3] as string).trim();
  f.panic.panickedPid ??= pid;
  f.process.pid ??= pid;
  if (name) {
    f.panic.panickedProcess ??= name;
    f.process.name ??= name;
  }
}

function panickedThread(m: RegExpExecArray, f: PanicFacts): void {
  f.panic.panickedThread ??= m[1];
  if (m[2] !== undefined) f.panic.panickedTid ??= Number(m[2]);
}

function currentProcess(m: RegExpExecArray, f: PanicFacts): void {
  const name = (m[1] as string).trim();
  if (!name) return;
  f.panic.panickedProcess ??= name;
  f.process.name ??= name;
}

function calendar(m: RegExpExecArray, f: PanicFacts): void {
  const sec = hexCapture(m[1]);
  const usec = hexCapture(m[2]);
  if (sec === undefined || sec === 0n) return;
  const ms = Number(sec) * 1000 + Math.floor(Number(usec ?? 0n) / 1000);
  const date = new Date(ms);
  if (Number.isNaN(date.getTime())) return;
  f.panic.timeEpochMs ??= ms;
  f.panic.time ??= date.toISOString();
}
