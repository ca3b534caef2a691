/**
 * Exit reasons (CODES.md §4, §5, §6): the namespace as printed ("SPRINGBOARD", "FRONTBOARD",
 * "<0xF>", "Namespace 15") and its code, decoded by what the namespace says the code is.
 */
import { codeTable, type CodeRow } from './tables.js';
import { parseCodeNumber } from './number.js';
import { decodeGuardCode, decodeResourceCode } from './packed.js';
import { joinNames, type Decoding } from './decoded.js';

/**
 * namespaceRow by namespace text: a batch prints the same few namespaces in every report, each read
 * here by ingest and again by diagnosis. Bounded: cleared when full, long texts not kept.
 */
const namespaces = new Map<string, CodeRow | null>();
const MAX_NAMESPACES = 256;

export function namespaceRow(ns: string): CodeRow | undefined {
  if (ns.length > 64) return readNamespace(ns);
  const have = namespaces.get(ns);
  if (have !== undefined) return have ?? undefined;
  const row = readNamespace(ns);
  if (namespaces.size >= MAX_NAMESPACES) namespaces.clear();
  namespaces.set(ns, row ?? null);
  return row;
}

function readNamespace(ns: string): CodeRow | undefined {
  const s = ns.trim().replace(/^<|>$/g, '');
  const n = parseCodeNumber(s);
  const t = codeTable('os_reason');
  return n ? t.byValue(n.value) : t.byName(s) ?? t.byName(s.toUpperCase());
}

export function decodeNamespace(ns: string): Decoding | undefined {
  const row = namespaceRow(ns);
  return row ? { table: 'os_reason', name: row.name, meaning: row.meaning, rows: [row] } : undefined;
}

/** The code of an exit reason, read in its namespace. */
export function decodeTerminationCode(ns: string | undefined, code: string): Decoding | undefined {
  const n = parseCodeNumber(code);
  if (!n) return undefined;
  const nsRow = ns ? namespaceRow(ns) : undefined;
  const nsName = nsRow === undefined ? undefined : nsRow.name.startsWith('OS_REASON_') ? nsRow.name.slice(10) : nsRow.name;
  const v = n.value;
  const known = v <= 0xffffffffn ? codeTable('termination').byValue(v) : undefined;
  if (known && nsName !== 'SIGNAL' && nsName !== 'JETSAM') return withNs('termination', known, nsRow);
  switch (nsName) {
    case 'SIGNAL': {
      const sig = codeTable('signal').byValue(v);
      return sig ? withNs('signal', sig, nsRow) : undefined;
    }
    case 'JETSAM': {
      const j = codeTable('jetsam').byValue(v);
      return j ? withNs('jetsam', j, nsRow) : undefined;
    }
    case 'GUARD':
      if (v >> 61n !== 0n) return decodeGuardCode(v);
      break;
    case 'PORT_SPACE':
      return decodeResourceCode(v);
  }
  if (nsName) {
    const row = codeTable('os_reason_code').byValue(v, nsName);
    if (row) return withNs('os_reason_code', row, nsRow);
  }
  return undefined;
}

function withNs(table: Decoding['table'], row: CodeRow, ns: CodeRow | undefined): Decoding {
  return { table, name: row.name, meaning: row.meaning, rows: ns ? [row, ns] : [row] };
}

/** A jetsam reason as written: the kernel's cause string (current or older xnu), the enum name or its number. */
export function decodeJetsamReason(reason: string): Decoding | undefined {
  const s = reason.trim();
  const t = codeTable('jetsam');
  const n = /^\d{1,3}$/.test(s) ? t.byValue(BigInt(s)) : undefined;
  const row = n ?? t.byText(s) ?? t.byName(s);
  // Read as a number or enum name, the meaning names the kernel's cause string; read as that string, it does not repeat it.
  if (row) return { table: 'jetsam', name: row.name, meaning: row.text && row.text !== s ? `${row.text}: ${row.meaning}` : row.meaning, rows: [row] };
  const old = codeTable('jetsam_history').byText(s);
  if (old?.value) {
    const now = t.byValue(BigInt(old.value));
    return { table: 'jetsam', name: now?.name ?? old.name, meaning: `${s}: ${now?.meaning ?? old.meaning} (string of older xnu, ${old.scope ?? ''})`, rows: now ? [now, old] : [old] };
  }
  return undefined;
}

/** A signal by name ("SIGSEGV", "segv") or number. */
export function decodeSignal(sig: string): Decoding | undefined {
  const s = sig.trim();
  const t = codeTable('signal');
  const row = /^\d{1,2}$/.test(s) ? t.byValue(BigInt(s)) : t.byName(/SIG[A-Z0-9]+/.exec(s)?.[0] ?? s);
  return row ? { table: 'signal', name: row.name, meaning: row.meaning, rows: [row] } : undefined;
}

/** si_code of a signal; sender codes (SI_USER …) apply to any signal. */
export function decodeSiCode(signal: string, code: string | number): Decoding | undefined {
  const sig = decodeSignal(signal)?.rows[0]?.name;
  const n = typeof code === 'number' ? BigInt(code) : parseCodeNumber(code)?.value;
  if (n === undefined) return undefined;
  const t = codeTable('si_code');
  const scope = sig === 'SIGIO' ? 'SIGPOLL/SIGIO' : sig;
  const row = (scope ? t.byValue(n, scope) : undefined) ?? t.byValue(n, 'any (sender)');
  return row ? { table: 'si_code', name: joinNames([sig, row.name]), meaning: row.meaning, rows: [row] } : undefined;
}

/** OSSystemExtensionErrorDomain code (CODES.md §11.1). */
export function decodeSysextCode(code: string | number): Decoding | undefined {
  const row = codeTable('sysext').byValue(BigInt(code));
  return row ? { table: 'sysext', name: row.name, meaning: row.meaning, rows: [row] } : undefined;
}
