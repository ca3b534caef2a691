/**
 * Packed 64-bit exception codes: EXC_GUARD (CODES.md §3.6), EXC_RESOURCE (§3.7) and EXC_CRASH
 * (§3.5) keep a type, a flavor and type-specific fields in one code; the layouts are table data.
 */
import { bitsOf, codeTable, rowValue, type BitField, type CodeRow } from './tables.js';
import { hexShort } from './number.js';
import { joinNames, type Decoding } from './decoded.js';
import type { TableId } from './code-schema.js';

const field = (layout: BitField[] | undefined, name: string): BitField | undefined => layout?.find((f) => f.name === name);

/** Flavor tables per guard type name. */
const GUARD_FLAVORS: Record<string, TableId> = {
  GUARD_TYPE_MACH_PORT: 'guard_mach_port',
  GUARD_TYPE_FD: 'guard_fd',
  GUARD_TYPE_VN: 'guard_vn',
  GUARD_TYPE_VIRT_MEMORY: 'guard_virt_memory',
};

export interface GuardDecoding extends Decoding {
  type?: CodeRow;
  flavor?: CodeRow;
  target: bigint;
}

/** EXC_GUARD code[0]: type [63:61], flavor [60:32], target [31:0]. */
export function decodeGuardCode(code: bigint): GuardDecoding | undefined {
  const t = codeTable('exc_guard');
  const typeF = field(t.layout, 'type');
  const flavorF = field(t.layout, 'flavor');
  const targetF = field(t.layout, 'target');
  if (!typeF || !flavorF || !targetF) return undefined;
  const typeNo = bitsOf(code, typeF);
  if (typeNo === 0n) return undefined;
  const type = t.byValue(typeNo);
  const flavorNo = bitsOf(code, flavorF);
  const target = bitsOf(code, targetF);
  const flavorTable = type ? GUARD_FLAVORS[type.name] : undefined;
  const flavor = flavorTable ? codeTable(flavorTable).byValue(flavorNo) : undefined;
  const name = joinNames(['EXC_GUARD', type?.name ?? `guard type ${typeNo}`, flavor?.name ?? (flavorTable ? `flavor ${hexShort(flavorNo)}` : undefined)]);
  const targetText = type?.name === 'GUARD_TYPE_MACH_PORT' ? `port name ${hexShort(target)}` : type?.name === 'GUARD_TYPE_FD' ? `fd ${target}` : type?.name === 'GUARD_TYPE_VN' ? `pid ${target}` : target ? `target ${hexShort(target)}` : undefined;
  const meaning = [flavor ? `${flavor.meaning}${flavor.class ? ` (${flavor.class})` : ''}` : type?.meaning ?? 'guard violation', targetText].filter(Boolean).join(', ');
  return { table: 'exc_guard', name, meaning, rows: [flavor, type].filter((r): r is CodeRow => !!r), ...(type ? { type } : {}), ...(flavor ? { flavor } : {}), target };
}

export interface ResourceDecoding extends Decoding {
  type?: CodeRow;
  flavor?: CodeRow;
}

/** EXC_RESOURCE code[0]: type [63:61], flavor [60:58], type-specific fields below; code[1] per type. */
export function decodeResourceCode(code: bigint, subcode?: bigint): ResourceDecoding | undefined {
  const t = codeTable('exc_resource');
  const typeF = field(t.layout, 'type');
  const flavorF = field(t.layout, 'flavor');
  if (!typeF || !flavorF) return undefined;
  const typeNo = bitsOf(code, typeF);
  const type = t.byValue(typeNo);
  if (!type) return undefined;
  const flavorNo = bitsOf(code, flavorF);
  const flavor = codeTable('exc_resource_flavor').byValue(flavorNo, type.name);
  const values = (type.fields ?? []).map((f) => `${f.name} ${bitsOf(code, f)}`);
  if (subcode !== undefined) values.push(...(type.subcodeFields ?? []).map((f) => `${f.name} ${bitsOf(subcode, f)}`));
  return {
    table: 'exc_resource',
    name: joinNames(['EXC_RESOURCE', type.name, flavor?.name ?? `flavor ${flavorNo}`]),
    meaning: [flavor?.meaning ?? type.meaning, ...values].join(', '),
    rows: [flavor, type].filter((r): r is CodeRow => !!r),
    type,
    ...(flavor ? { flavor } : {}),
  };
}

/** EXC_CRASH code[0]: signal [31:24], original exception [23:20], original code [19:0]. */
export function decodeCrashCode(code: bigint): Decoding | undefined {
  const row = codeTable('exc_crash').byValue(10n);
  const [sigF, excF, codeF] = row?.fields ?? [];
  if (!row || !sigF || !excF || !codeF || code === 0n) return undefined;
  const sig = codeTable('signal').byValue(bitsOf(code, sigF));
  const exc = codeTable('mach_exception').byValue(bitsOf(code, excF));
  const orig = bitsOf(code, codeF);
  return {
    table: 'mach_exception',
    name: joinNames(['EXC_CRASH', sig?.name, exc?.name]),
    meaning: `${sig ? `${sig.name} (${sig.text ?? sig.meaning})` : 'signal'} after ${exc ? exc.name : 'no Mach exception'}${orig ? `, original code ${hexShort(orig)}` : ''}`,
    rows: [row, ...(sig ? [sig] : []), ...(exc ? [exc] : [])],
  };
}

/** Row values of a table are strings; exported for callers that compare ranges. */
export { rowValue };
