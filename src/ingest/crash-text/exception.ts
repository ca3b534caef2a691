/**
 * Why-it-died fields (FORMATS §6.2): exception type/codes/subtype/message/note, termination,
 * and the crashed-thread line. `Exception Codes` may appear twice (symbolic, then raw).
 */
import type { ExceptionInfo, Report, TerminationInfo } from '../../model/report.js';
import { nameAndPid } from './label.js';

type Apply = (r: Report, value: string, state: ExceptionState) => void;

/** What the dispatcher must know beyond the report: the crashed thread as the header gives it. */
export interface ExceptionState {
  crashedThread?: number;
  crashedQueue?: string;
}

const exc = (r: Report): ExceptionInfo => (r.exception ??= {});
const term = (r: Report): TerminationInfo => (r.termination ??= {});

/** `… at 0x1234` → 0x1234. */
function addressIn(value: string): bigint | undefined {
  const m = /\bat (0x[0-9a-fA-F]{1,16})\b/.exec(value);
  return m?.[1] ? BigInt(m[1]) : undefined;
}

/** `EXC_BAD_ACCESS (SIGSEGV)`, `SIGSEGV`, `0 (0)`, `00000020`, `EXC_RESOURCE`. */
export function parseExceptionType(value: string): { type?: string; signal?: string } {
  const v = value.trim();
  if (!v) return {};
  const m = /^(\S+)\s*\(([^()]*)\)\s*$/.exec(v);
  if (m?.[1]) {
    const signal = m[2]?.trim();
    return { type: m[1], ...(signal && /^SIG[A-Z0-9]+$/.test(signal) ? { signal } : {}) };
  }
  if (/^SIG[A-Z0-9]+$/.test(v)) return { type: v, signal: v };
  return { type: v };
}

function crashedThread(r: Report, v: string, s: ExceptionState): void {
  const m = /^(\d{1,6})\b\s*(?:Dispatch queue:\s*(.*))?/.exec(v);
  if (!m?.[1]) return;
  s.crashedThread = Number(m[1]);
  if (m[2]) s.crashedQueue = m[2].trim();
}

function terminationReason(r: Report, v: string): void {
  const t = term(r);
  t.description = v;
  const ns = /^Namespace ([A-Za-z0-9_]+),\s*Code (0x[0-9a-fA-F]+|-?\d+)\s*(.*)$/.exec(v) ?? /^([A-Z][A-Z0-9_]*) (0x[0-9a-fA-F]+|-?\d+)\s*(.*)$/.exec(v);
  if (!ns?.[1] || !ns[2]) return;
  t.namespace = ns[1];
  t.code = ns[2];
  const rest = ns[3]?.trim();
  if (rest) t.indicator = rest;
}

/** The warning for KSCrash's "0 (0)"; also one of KSCrash's fingerprints (producer.ts). */
export const NO_EXCEPTION_TYPE = 'the reporter wrote no exception type ("Exception Type: 0 (0)")';

export const EXCEPTION_FIELDS: Record<string, Apply> = {
  'Exception Type': (r, v) => {
    // KSCrash writes "0 (0)" when it caught no Mach exception or signal (a deadlock watchdog, say):
    // that is no exception type at all, and printing "crashed (0)" would mislead.
    if (/^0+\s*(\(0+\))?$/.test(v.trim())) {
      r.warnings.push(NO_EXCEPTION_TYPE);
      return;
    }
    const { type, signal } = parseExceptionType(v);
    const e = exc(r);
    if (type) e.type = type;
    if (signal) e.signal = signal;
  },
  'Exception Codes': (r, v) => {
    const e = exc(r);
    if (!v) return;
    e.codes = e.codes && e.codes !== v ? `${e.codes}; ${v}` : v;
    e.address ??= addressIn(v);
  },
  'Exception Code': (r, v) => EXCEPTION_FIELDS['Exception Codes']?.(r, v, {}),
  'Exception Subtype': (r, v) => {
    const e = exc(r);
    if (v) e.subtype = v;
    e.address ??= addressIn(v);
  },
  'Exception Message': (r, v) => {
    if (v) exc(r).message = v;
  },
  'Exception Note': (r, v) => {
    if (!v) return;
    const e = exc(r);
    e.note = e.note && e.note !== v ? `${e.note}; ${v}` : v;
  },
  'Termination Signal': (r, v) => {
    if (!v) return;
    const t = term(r);
    t.indicator ??= v;
    // "Segmentation fault: 11" names the signal when Exception Type does not.
    if (!r.exception?.signal) {
      const sig = SIGNAL_BY_TEXT[v.replace(/:\s*\d+$/, '').trim()];
      if (sig) exc(r).signal = sig;
    }
  },
  'Termination Reason': (r, v) => terminationReason(r, v),
  'Termination Description': (r, v) => {
    if (!v) return;
    const t = term(r);
    t.description = t.description ? `${t.description}\n${v}` : v;
  },
  'Terminating Process': (r, v) => {
    const { name, pid } = nameAndPid(v);
    const t = term(r);
    if (name) t.byProcess = name;
    if (pid !== undefined) t.byPid = pid;
  },
  'Crashed Thread': (r, v, s) => crashedThread(r, v, s),
  'Triggered by Thread': (r, v, s) => crashedThread(r, v, s),
  'Highlighted Thread': (r, v, s) => crashedThread(r, v, s),
};

const SIGNAL_BY_TEXT: Record<string, string> = {
  'Segmentation fault': 'SIGSEGV',
  'Bus error': 'SIGBUS',
  'Illegal instruction': 'SIGILL',
  'Trace/BPT trap': 'SIGTRAP',
  'Abort trap': 'SIGABRT',
  'Floating point exception': 'SIGFPE',
  Killed: 'SIGKILL',
  Terminated: 'SIGTERM',
};
