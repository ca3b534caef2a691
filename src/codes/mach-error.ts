/**
 * Mach error numbers (CODES.md §1.1): system (6 bits) | subsystem (12) | code (14). Any number
 * decodes: a known row by value, else its system and subsystem with the code.
 */
import { bitsOf, codeTable, type CodeRow } from './tables.js';
import { hexShort, hex32, parseCodeNumber } from './number.js';
import { joinNames, type Decoding } from './decoded.js';

const SYS_IOKIT = 0x38n;
const SYS_LIBKERN = 0x37n;
const SYS_MACH_IPC = 0x04n;
const MACH_MSG_MASK = 0x3e00n;

/** Decode a 32-bit error number (IOReturn, OSReturn, kern_return_t, mach_msg, MIG, unix_err). */
export function decodeMachError(input: bigint | string): Decoding | undefined {
  const parsed = typeof input === 'string' ? parseCodeNumber(input)?.value : input;
  if (parsed === undefined) return undefined;
  if (parsed > 0xffffffffn && BigInt.asIntN(64, parsed) >= -(1n << 31n)) return decodeMachError(BigInt.asUintN(32, parsed));
  if (parsed > 0xffffffffn || parsed < 0n) return undefined;
  const v = parsed;
  const signed = BigInt.asIntN(32, v);
  const mig = codeTable('mig').byValue(signed);
  if (mig) return one('mig', mig);
  const layout = codeTable('mach_error_system').layout ?? [];
  const [sysF, subF, codeF] = layout;
  if (!sysF || !subF || !codeF) return undefined;
  const system = bitsOf(v, sysF);
  const sub = bitsOf(v, subF);
  const code = bitsOf(v, codeF);
  if (system === SYS_IOKIT) {
    const row = codeTable('ioreturn').byValue(v) ?? codeTable('iokit_family').byValue(v);
    if (row) return one(sub === 0n ? 'ioreturn' : 'iokit_family', row);
    const subRow = codeTable('iokit_subsystem').byValue(sub);
    return {
      table: 'ioreturn',
      name: `${subRow?.name ?? `sub_iokit 0x${sub.toString(16)}`} code ${hexShort(code)}`,
      meaning: `IOKit error ${hex32(v)}: ${subRow ? subRow.meaning : 'unassigned sub-system'}, code ${hexShort(code)} (not in the tables)`,
      rows: subRow ? [subRow] : [],
    };
  }
  if (system === SYS_LIBKERN) {
    const row = codeTable('osreturn').byValue(v);
    if (row) return one('osreturn', row);
    return { table: 'osreturn', name: `sys_libkern sub ${sub} code ${hexShort(code)}`, meaning: `libkern error ${hex32(v)} (not in the tables)`, rows: [] };
  }
  if (system === 0n && sub === 0n) {
    const row = codeTable('kern_return').byValue(code);
    if (row) return one('kern_return', row);
    return { table: 'kern_return', name: `kern_return ${code}`, meaning: `kernel return code ${code} (not in the tables)`, rows: [] };
  }
  if (system === 0n && sub === 3n) return { table: 'kern_return', name: `unix_err(${code})`, meaning: `BSD errno ${code} returned as a Mach error (os/unix)`, rows: [] };
  if (system === SYS_MACH_IPC) {
    const base = v & ~MACH_MSG_MASK;
    const row = codeTable('mach_msg').byValue(base);
    if (row) {
      const flags = codeTable('mach_msg_flags').rows.filter((f) => f.value && (v & BigInt(f.value)) !== 0n);
      return {
        table: 'mach_msg',
        name: [row.name, ...flags.map((f) => f.name)].join(' | '),
        meaning: [row.meaning, ...flags.map((f) => f.meaning)].join('; '),
        rows: [row, ...flags],
      };
    }
  }
  const sysRow = codeTable('mach_error_system').byValue(system);
  if (!sysRow) return undefined;
  return { table: 'kern_return', name: `${sysRow.name} sub ${sub} code ${hexShort(code)}`, meaning: `${sysRow.meaning} error ${hex32(v)} (not in the tables)`, rows: [sysRow] };
}

/** The `mach_error_string()` text form, e.g. "(iokit/common) unsupported function" (CODES.md §11.2). */
export function decodeErrorText(text: string): Decoding | undefined {
  for (const id of ['ioreturn', 'iokit_family', 'kern_return', 'mach_msg', 'mig'] as const) {
    const row = codeTable(id).byText(text);
    if (row) return one(id, row);
  }
  return undefined;
}

/**
 * A bare number of unknown family (CODES.md §0 quick triage): an error number when it has that
 * shape (IOReturn, OSReturn, mach_msg, MIG, small kern_return), else the well-known termination codes.
 */
export function decodeNumber(raw: string): Decoding | undefined {
  const n = parseCodeNumber(raw);
  if (!n) return undefined;
  const term = codeTable('termination').byValue(BigInt.asUintN(32, n.value));
  if (term && n.value <= 0xffffffffn) return one('termination', term);
  const fam = codeTable('number_family').rows.find((r) => {
    const lo = BigInt(r.value as string);
    const hi = BigInt(r.max as string);
    const v = lo < 0n ? BigInt.asIntN(32, n.value) : n.value;
    return v >= lo && v <= hi;
  });
  if (!fam) return undefined;
  return decodeMachError(n.value);
}

function one(table: Decoding['table'], row: CodeRow): Decoding {
  return { table, name: joinNames([row.name]), meaning: row.meaning, rows: [row] };
}
