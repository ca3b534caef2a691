/**
 * A crash report's exception (CODES.md §3): type, signal, and code[0]/code[1] decoded per type —
 * EXC_BAD_ACCESS kern_return, machine codes per architecture, EXC_GUARD and EXC_RESOURCE packed
 * codes (completed from the subtype and message when the report printed only the low bits).
 */
import type { ExceptionInfo } from '../model/report.js';
import { codeTable, type CodeRow } from './tables.js';
import { decodeCrashCode, decodeGuardCode, decodeResourceCode } from './packed.js';
import { joinNames, type Decoding } from './decoded.js';

export interface FieldDecoding {
  decoding: Decoding;
  field: string;
  raw: string;
}

const NUM = /0x[0-9a-f]{1,16}|\b\d{1,20}\b/gi;
const TYPE_NAME = /\bEXC_[A-Z_]{3,40}\b/;

/** code[0] and code[1] from "0x…, 0x…" (or "KERN_INVALID_ADDRESS at 0x…": no codes then). */
export function exceptionCodes(codes: string | undefined): bigint[] {
  if (!codes || /^[A-Z_]{4,}\s+at\s/.test(codes.trim())) return [];
  // The first two numbers only: exec stops there instead of collecting every match.
  const s = codes.length > 200 ? codes.slice(0, 200) : codes;
  const out: bigint[] = [];
  NUM.lastIndex = 0;
  let m: RegExpExecArray | null;
  while (out.length < 2 && (m = NUM.exec(s)) !== null) out.push(BigInt(m[0]));
  return out;
}

const archFamily = (arch: string | undefined): string | undefined =>
  arch === undefined ? undefined : /^arm64|^aarch64/i.test(arch) ? 'arm64' : /x86_64|i386|x86/i.test(arch) ? 'x86_64' : undefined;

/** The Mach exception a report's exception type names (by name, or by number when it printed one): what decodeException decodes by. */
export function exceptionTypeRow(e: ExceptionInfo): CodeRow | undefined {
  const typeName = e.type ? TYPE_NAME.exec(e.type)?.[0] : undefined;
  return typeName ? codeTable('mach_exception').byName(typeName) : e.type ? codeTable('mach_exception').byValue(BigInt(/^0x[0-9a-f]+$/i.test(e.type.trim()) ? e.type.trim() : '-1')) : undefined;
}

export function decodeException(e: ExceptionInfo, arch?: string): FieldDecoding[] {
  const out: FieldDecoding[] = [];
  const typeRow = exceptionTypeRow(e);
  if (typeRow && e.type) out.push({ decoding: { table: 'mach_exception', name: typeRow.name, meaning: typeRow.meaning, rows: [typeRow] }, field: 'exception.type', raw: e.type });
  const sig = e.signal ? codeTable('signal').byName(/SIG[A-Z0-9]+/.exec(e.signal)?.[0] ?? e.signal) : undefined;
  if (sig && e.signal) out.push({ decoding: { table: 'signal', name: sig.name, meaning: sig.meaning, rows: [sig] }, field: 'exception.signal', raw: e.signal });
  const [code0, code1] = exceptionCodes(e.codes);
  const codesRaw = e.codes ?? '';
  const arm = archFamily(arch);
  const push = (d: Decoding | undefined, field: string, raw: string): void => {
    if (d) out.push({ decoding: d, field, raw });
  };
  switch (typeRow?.name) {
    case 'EXC_BAD_ACCESS': {
      const sub = e.subtype ? upperWordPrefix(e.subtype.trim()) : undefined;
      const t = codeTable('exc_bad_access');
      const row = (sub ? t.byName(sub) : undefined) ?? (code0 !== undefined ? t.byValue(code0) ?? (arm ? t.byValue(code0, arm) : undefined) : undefined);
      if (row) push(single('exc_bad_access', row), sub ? 'exception.subtype' : 'exception.codes', (sub ? e.subtype : codesRaw) as string);
      break;
    }
    case 'EXC_BAD_INSTRUCTION':
    case 'EXC_ARITHMETIC':
    case 'EXC_BREAKPOINT': {
      if (code0 === undefined || !arm) break;
      const row = codeTable('machine_code').byValue(code0, `${arm} ${typeRow.name}`);
      if (row) push(single('machine_code', row), 'exception.codes', codesRaw);
      break;
    }
    case 'EXC_SOFTWARE': {
      const row = code0 !== undefined ? codeTable('exc_software').byValue(code0) : undefined;
      if (row) push(single('exc_software', row), 'exception.codes', codesRaw);
      break;
    }
    case 'EXC_CRASH':
      if (code0 !== undefined) push(decodeCrashCode(code0), 'exception.codes', codesRaw);
      break;
    case 'EXC_GUARD':
      push(decodeGuard(code0, e.subtype, e.message), e.subtype ? 'exception.subtype' : 'exception.codes', [e.subtype, codesRaw].filter(Boolean).join(' ') || 'EXC_GUARD');
      break;
    case 'EXC_RESOURCE':
      push(decodeResource(code0, code1, e.subtype, e.message, e.signal), e.subtype ? 'exception.subtype' : 'exception.codes', [e.subtype, codesRaw].filter(Boolean).join(' ') || 'EXC_RESOURCE');
      break;
  }
  return out;
}

/** EXC_GUARD from what the report printed: the full code, or the subtype (type), low code bits and message (flavor). */
export function decodeGuard(code0: bigint | undefined, subtype?: string, message?: string): Decoding | undefined {
  if (code0 !== undefined && code0 >> 61n !== 0n) return decodeGuardCode(code0);
  const type = subtype ? codeTable('exc_guard').byName(/GUARD_TYPE_[A-Z_]+/.exec(subtype)?.[0] ?? subtype) : undefined;
  if (!type?.value) return undefined;
  const packed = (BigInt(type.value) << 61n) | (code0 ?? 0n);
  const d = decodeGuardCode(packed);
  if (!d || d.flavor) return d;
  // ReportCrash names the flavor as the message's first word: "CLOSE on file descriptor 17", "OVER_DEALLOC on mach port".
  const word = message ? /^[A-Z][A-Z_]{2,40}\b/.exec(message.trim())?.[0] : undefined;
  const flavorTable = FLAVOR_TABLE[type.name];
  const flavor = word && flavorTable ? codeTable(flavorTable).byName(word) ?? codeTable(flavorTable).byName(`kGUARD_EXC_${word}`) : undefined;
  if (!flavor?.value) return d;
  return decodeGuardCode((BigInt(type.value) << 61n) | (BigInt(flavor.value) << 32n) | d.target);
}

const FLAVOR_TABLE: Record<string, 'guard_mach_port' | 'guard_fd' | 'guard_vn' | 'guard_virt_memory'> = {
  GUARD_TYPE_MACH_PORT: 'guard_mach_port',
  GUARD_TYPE_FD: 'guard_fd',
  GUARD_TYPE_VN: 'guard_vn',
  GUARD_TYPE_VIRT_MEMORY: 'guard_virt_memory',
};

/** ReportCrash's EXC_RESOURCE subtype words → resource type and, when they say it, the flavor. */
const RESOURCE_SUBTYPES: Record<string, [string, string?]> = {
  CPU: ['RESOURCE_TYPE_CPU', 'FLAVOR_CPU_MONITOR'],
  CPU_FATAL: ['RESOURCE_TYPE_CPU', 'FLAVOR_CPU_MONITOR_FATAL'],
  WAKEUPS: ['RESOURCE_TYPE_WAKEUPS', 'FLAVOR_WAKEUPS_MONITOR'],
  MEMORY: ['RESOURCE_TYPE_MEMORY'],
  IO: ['RESOURCE_TYPE_IO'],
  THREADS: ['RESOURCE_TYPE_THREADS', 'FLAVOR_THREADS_HIGH_WATERMARK'],
  PORTS: ['RESOURCE_TYPE_PORTS', 'FLAVOR_PORT_SPACE_FULL'],
};

export function decodeResource(code0: bigint | undefined, code1: bigint | undefined, subtype?: string, message?: string, signal?: string): Decoding | undefined {
  if (code0 !== undefined && code0 >> 61n !== 0n) return decodeResourceCode(code0, code1);
  const word = subtype?.trim().split(/\s/)[0]?.toUpperCase();
  const known = word ? RESOURCE_SUBTYPES[word] : undefined;
  if (!known) return undefined;
  const [typeName] = known;
  let flavorName = known[1];
  if (typeName === 'RESOURCE_TYPE_MEMORY') flavorName = /diag/i.test(message ?? '') ? 'FLAVOR_DIAG_MEMLIMIT' : 'FLAVOR_HIGH_WATERMARK';
  if (typeName === 'RESOURCE_TYPE_IO') flavorName = /logical/i.test(message ?? '') ? 'FLAVOR_IO_LOGICAL_WRITES' : /physical/i.test(message ?? '') ? 'FLAVOR_IO_PHYSICAL_WRITES' : undefined;
  if (typeName === 'RESOURCE_TYPE_CPU' && /SIGKILL/.test(signal ?? '')) flavorName = 'FLAVOR_CPU_MONITOR_FATAL';
  const type = codeTable('exc_resource').byName(typeName);
  const flavor = flavorName ? codeTable('exc_resource_flavor').byName(flavorName, typeName) : undefined;
  if (!type) return undefined;
  const rows = [flavor, type].filter((r): r is CodeRow => !!r);
  return { table: 'exc_resource', name: joinNames(['EXC_RESOURCE', type.name, flavor?.name]), meaning: [flavor?.meaning ?? type.meaning, message].filter(Boolean).join(': '), rows };
}

const single = (table: Decoding['table'], row: CodeRow): Decoding => ({ table, name: row.name, meaning: row.meaning, rows: [row] });

/** `/^[A-Z_0-9]{4,}/.exec(s)?.[0]`: the leading run of [A-Z_0-9] when it is 4 or longer (no regex compile at start). */
export function upperWordPrefix(s: string): string | undefined {
  let i = 0;
  for (;;) {
    const c = s.charCodeAt(i);
    if (!((c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39) || c === 0x5f)) break;
    i++;
  }
  return i >= 4 ? s.slice(0, i) : undefined;
}
