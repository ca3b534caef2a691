/**
 * Codes in a panic (CODES.md §3.3, §3.9, §3.10, §8): the message family, the x86 trap type, the
 * arm64 ESR, a kernel brk immediate and the coprocessor a panic names. Every scan is bounded.
 */
import type { PanicInfo } from '../model/report.js';
import { bitsOf, codeTable, type BitField, type CodeRow } from './tables.js';
import { hexShort } from './number.js';
import { joinNames, type Decoding } from './decoded.js';
import { LiteralScan, literalSet, type LiteralSet } from '../model/literal-search.js';

/** Characters of a panic message looked at: the family and its codes are in the first lines. */
const MAX_PANIC_TEXT = 4000;
const X86_TRAP = /type (?:= )?(\d{1,3})=([a-zA-Z ]{1,40})/;
const ESR = /\besr:? (0x[0-9a-fA-F]{1,16})/;
const BRK = /Break 0x([0-9A-Fa-f]{4}) instruction exception/;
const ABORT_CLASSES = new Set([0x20n, 0x21n, 0x24n, 0x25n]);

export interface PanicCode {
  decoding: Decoding;
  raw: string;
}

/**
 * Every fragment of the panic table, found in one pass: a row with a fragment the text lacks is
 * passed over. A row's fragments' slots in the search and their total length are made on the first
 * search that has it as a candidate (a panic analysed alone needs a handful of the ~1,600 rows).
 */
interface FamilyRow {
  row: CodeRow;
  fragments: string[];
  slots: number[];
  length: number;
}
interface FamilySearch {
  search: LiteralSet;
  table: readonly CodeRow[];
  /** Each distinct non-empty fragment's slot in the search. */
  slot: Map<string, number>;
  /** Per row index, its FamilyRow once made. */
  rows: (FamilyRow | undefined)[];
  /** Per slot, the indexes of the rows whose first fragment it is (a row is a candidate only when its first fragment is present). */
  byFirstSlot: number[][];
  /** The slots that are some row's first fragment, ascending: the only ones whose presence adds candidates. */
  firstSlots: number[];
  /** Rows without a fragment: always candidates. */
  unslotted: number[];
}
let fragments: FamilySearch | undefined;
/** The one scanner of panic messages (panicFamily reads its flags before it next runs). */
const familyScan = new LiteralScan();

function fragmentSearch(): FamilySearch {
  if (!fragments) {
    // Plain loops: this runs once per process, interpreted, over every row.
    const table = codeTable('panic').rows;
    const all: string[] = [];
    const slot = new Map<string, number>();
    const byFirstSlot: number[][] = [];
    const unslotted: number[] = [];
    for (let i = 0; i < table.length; i++) {
      const frags = (table[i] as CodeRow).fragments;
      let first = -1;
      if (frags !== undefined) {
        for (let j = 0; j < frags.length; j++) {
          const f = frags[j] as string;
          if (f.length === 0) continue;
          let k = slot.get(f);
          if (k === undefined) {
            k = all.length;
            slot.set(f, k);
            all.push(f);
            byFirstSlot.push([]);
          }
          if (first < 0) first = k;
        }
      }
      if (first < 0) unslotted.push(i);
      else (byFirstSlot[first] as number[]).push(i);
    }
    const firstSlots: number[] = [];
    for (let k = 0; k < byFirstSlot.length; k++) if ((byFirstSlot[k] as number[]).length > 0) firstSlots.push(k);
    fragments = { search: literalSet(all), table, slot, rows: [], byFirstSlot, firstSlots, unslotted };
  }
  return fragments;
}

function familyRow(fs: FamilySearch, i: number): FamilyRow {
  let r = fs.rows[i];
  if (r === undefined) {
    const row = fs.table[i] as CodeRow;
    const frags = row.fragments ?? [];
    r = {
      row,
      fragments: frags,
      slots: frags.filter((f) => f.length > 0).map((f) => fs.slot.get(f) as number),
      length: frags.reduce((n, f) => n + f.length, 0),
    };
    fs.rows[i] = r;
  }
  return r;
}

/** The message family whose literal fragments appear, in order, in the text (longest match wins). */
export function panicFamily(text: string): CodeRow | undefined {
  const s = text.slice(0, MAX_PANIC_TEXT);
  const fs = fragmentSearch();
  const { search, byFirstSlot, firstSlots, unslotted } = fs;
  // The scanner's own flags, read in place (literalsIn would copy them into a new array per panic):
  // 1 at each fragment's slot when the text holds it.
  familyScan.start(search);
  familyScan.part(s);
  const present = familyScan.found;
  // The rows whose first fragment is present, in table order (ties go to the earlier row): the
  // others would be passed over by the all-fragments test below anyway.
  const candidates = unslotted.slice();
  for (let f = 0; f < firstSlots.length; f++) {
    const k = firstSlots[f] as number;
    if (present[k] === 0) continue;
    const list = byFirstSlot[k] as number[];
    for (let j = 0; j < list.length; j++) candidates.push(list[j] as number);
  }
  if (candidates.length > 1) candidates.sort((a, b) => a - b);
  let best: CodeRow | undefined;
  let bestLen = 0;
  for (let c = 0; c < candidates.length; c++) {
    const { row, fragments: frags, slots, length: len } = familyRow(fs, candidates[c] as number);
    // Fragments in order need each fragment somewhere: a missing one rules the row out without a scan.
    let missing = false;
    for (let k = 0; k < slots.length; k++) {
      if (present[slots[k] as number] === 0) {
        missing = true;
        break;
      }
    }
    if (missing) continue;
    // Only a longer match can win, and the framing lines ("panic(cpu … caller …)", "Panicked task") say nothing about the cause.
    if (len <= bestLen || row.scope === 'framing') continue;
    let at = 0;
    let ok = true;
    for (const f of frags) {
      const i = s.indexOf(f, at);
      if (i < 0) {
        ok = false;
        break;
      }
      at = i + f.length;
    }
    if (ok) {
      best = row;
      bestLen = len;
    }
  }
  return best;
}

/** The esr_class layout's EC and FSC fields, found once. */
let esrFields: { ec: BitField | undefined; fsc: BitField | undefined } | undefined;

export function decodeEsr(esr: bigint): Decoding | undefined {
  const t = codeTable('esr_class');
  esrFields ??= { ec: t.layout?.find((f) => f.name === 'EC'), fsc: t.layout?.find((f) => f.name === 'FSC') };
  const { ec: ecF, fsc: fscF } = esrFields;
  if (!ecF || !fscF) return undefined;
  const ec = bitsOf(esr, ecF);
  const cls = t.byValue(ec);
  if (!cls) return undefined;
  const abort = ABORT_CLASSES.has(ec);
  const fsc = abort ? codeTable('esr_fsc').byValue(bitsOf(esr, fscF)) : undefined;
  const wnr = abort && (esr >> 6n) & 1n ? 'write' : abort ? 'read' : undefined;
  return {
    table: 'esr_class',
    name: joinNames([cls.name, fsc?.name]),
    meaning: [cls.meaning, fsc?.meaning, wnr && ec >= 0x24n ? `on ${wnr}` : undefined].filter(Boolean).join(', '),
    rows: [cls, ...(fsc ? [fsc] : [])],
  };
}

export function decodeBrk(imm: bigint): Decoding | undefined {
  const row = codeTable('brk').byValue(imm);
  if (!row) return undefined;
  const key = row.name === 'PTRAUTH' ? ['IA', 'IB', 'DA', 'DB'][Number(imm - 0xc470n)] : undefined;
  return { table: 'brk', name: row.name, meaning: key ? `pointer-authentication failure with the ${key} key` : row.meaning, rows: [row] };
}

/** Each coprocessor row with its names' patterns, in table order: made once (the regexes compile at their first use). */
let coprocessors: { row: CodeRow; patterns: [string, RegExp][] }[] | undefined;

function coprocessorPatterns(): { row: CodeRow; patterns: [string, RegExp][] }[] {
  // The literal kept for the prefilter is the name itself when it has no regex syntax, else '' (always present).
  coprocessors ??= codeTable('coprocessor').rows.map((r) => ({
    row: r,
    patterns: [r.name, ...(r.aliases ?? [])].map((n): [string, RegExp] => [isWord(n) ? n : '', new RegExp(`(?:^|[^A-Za-z0-9_])${n}\\d{0,2}(?![A-Za-z0-9_])`)]),
  }));
  return coprocessors;
}

/** Coprocessors named as a word in the panic message ("AOP Panic", "DCP EXT panic", "ANS2 …"); an instance number may follow ("RTBuddy(DCPEXT1)"). */
export function coprocessorsIn(text: string): CodeRow[] {
  const s = text.length > 600 ? text.slice(0, 600) : text;
  const list = coprocessorPatterns();
  const out: CodeRow[] = [];
  // Indexed loops, no closure per row: each pattern holds its name literally, and a name absent from the text skips the regex scan.
  for (let i = 0; i < list.length; i++) {
    const { row, patterns } = list[i] as { row: CodeRow; patterns: [string, RegExp][] };
    for (let j = 0; j < patterns.length; j++) {
      const p = patterns[j] as [string, RegExp];
      if (s.includes(p[0]) && p[1].test(s)) {
        out.push(row);
        break;
      }
    }
  }
  return out;
}

export function decodePanic(p: PanicInfo): PanicCode[] {
  const out: PanicCode[] = [];
  const msg = (p.message ?? p.panicString ?? '').slice(0, MAX_PANIC_TEXT);
  const full = (p.panicString ?? p.message ?? '').slice(0, MAX_PANIC_TEXT);
  const family = panicFamily(msg);
  if (family) out.push({ decoding: { table: 'panic', name: family.name, meaning: family.meaning, rows: [family] }, raw: clip(firstLine(msg)) });
  // Each regex holds a literal every match contains ("type ", "esr", "Break 0x"): without it the scan is skipped.
  const trap = full.includes('type ') ? X86_TRAP.exec(full) : null;
  if (trap) {
    const row = codeTable('x86_trap').byValue(BigInt(trap[1] as string));
    if (row) out.push({ decoding: { table: 'x86_trap', name: row.name, meaning: row.meaning, rows: [row] }, raw: trap[0] });
  }
  const esr = full.includes('esr') ? ESR.exec(full) : null;
  if (esr) {
    const d = decodeEsr(BigInt(esr[1] as string));
    if (d) out.push({ decoding: d, raw: esr[1] as string });
  }
  const brk = full.includes('Break 0x') ? BRK.exec(full) : null;
  if (brk) {
    const d = decodeBrk(BigInt(`0x${brk[1]}`));
    if (d) out.push({ decoding: d, raw: `0x${(brk[1] as string).toUpperCase()}` });
  }
  for (const cp of coprocessorsIn(msg)) {
    out.push({ decoding: { table: 'coprocessor', name: cp.name, meaning: cp.meaning, rows: [cp] }, raw: cp.name });
  }
  return out;
}

/** `s.split('\n')[0]` without the array. */
function firstLine(s: string): string {
  const nl = s.indexOf('\n');
  return nl < 0 ? s : s.slice(0, nl);
}

const clip = (s: string): string => (s.length > 120 ? `${s.slice(0, 119)}…` : s);
export { hexShort };

/** `/^\w+$/.test(s)`: one or more of [A-Za-z0-9_] and nothing else (no regex compile at start). */
export function isWord(s: string): boolean {
  if (s.length === 0) return false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (!((c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39) || c === 0x5f)) return false;
  }
  return true;
}
