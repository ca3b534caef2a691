/**
 * The fallback when no signature fires: an explanation from the exception or panic type alone,
 * marked generic, so no report is left without one.
 */
import type { Diagnosis, Evidence } from '../model/diagnosis.js';
import type { Report } from '../model/report.js';

export const GENERIC_CONFIDENCE = 0.3;

interface Explanation {
  title: string;
  causes: string[];
  nextSteps: string[];
}

const SYMBOLICATE = 'Symbolicate the crashed thread (paniclens symbolicate) and read the first frame in your own code.';

const BY_EXCEPTION: Record<string, Explanation> = {
  EXC_BAD_ACCESS: {
    title: 'Invalid memory access (EXC_BAD_ACCESS)',
    causes: ['A pointer to freed, unmapped or never-initialised memory was used', 'Memory corruption (buffer overflow, use after free)'],
    nextSteps: [SYMBOLICATE, 'Reproduce with Address Sanitizer or the Zombies instrument.'],
  },
  EXC_BAD_INSTRUCTION: {
    title: 'Illegal instruction trap (EXC_BAD_INSTRUCTION)',
    causes: ['A runtime trap (Swift runtime check, ud2) on x86_64', 'Execution of corrupted code'],
    nextSteps: [SYMBOLICATE],
  },
  EXC_BREAKPOINT: {
    title: 'Trap instruction (EXC_BREAKPOINT)',
    causes: ['A runtime check failed (Swift, libdispatch, CoreFoundation) and trapped on purpose'],
    nextSteps: [SYMBOLICATE, 'Look for a runtime failure message in Application Specific Information.'],
  },
  EXC_ARITHMETIC: {
    title: 'Arithmetic exception (EXC_ARITHMETIC)',
    causes: ['Integer division by zero'],
    nextSteps: [SYMBOLICATE],
  },
  EXC_GUARD: {
    title: 'Guarded resource violation (EXC_GUARD)',
    causes: ['A protected file descriptor or Mach port was misused'],
    nextSteps: ['Read Exception Subtype and Message for the guarded resource and operation.'],
  },
  EXC_RESOURCE: {
    title: 'Resource limit exceeded (EXC_RESOURCE)',
    causes: ['The process went over a CPU, memory, I/O or wakeup limit'],
    nextSteps: ['Read the subtype for the resource and profile that resource with Instruments.'],
  },
};

const BY_SIGNAL: Record<string, Explanation> = {
  SIGABRT: {
    title: 'Process aborted itself (SIGABRT)',
    causes: ['abort() after a failed assertion, an uncaught exception or a runtime error', 'A library detected corruption and stopped the process'],
    nextSteps: ['Read Application Specific Information for the abort message.', SYMBOLICATE],
  },
  SIGKILL: {
    title: 'Process killed by the system (SIGKILL)',
    causes: ['The OS ended the process: watchdog, resource policy, code signing or a user force quit'],
    nextSteps: ['Read Termination Reason (namespace and code) for who killed the process and why.'],
  },
  SIGSEGV: BY_EXCEPTION.EXC_BAD_ACCESS as Explanation,
  SIGBUS: BY_EXCEPTION.EXC_BAD_ACCESS as Explanation,
  SIGTRAP: BY_EXCEPTION.EXC_BREAKPOINT as Explanation,
  SIGILL: BY_EXCEPTION.EXC_BAD_INSTRUCTION as Explanation,
};

const BY_KIND: Record<Report['kind'], Explanation> = {
  crash: { title: 'Process crash', causes: ['Not enough facts in the report to narrow the cause'], nextSteps: [SYMBOLICATE] },
  panic: {
    title: 'Kernel panic',
    causes: ['A kernel extension or driver in the backtrace', 'A hardware or firmware fault'],
    nextSteps: [
      'Check "Kernel Extensions in backtrace" for third-party kexts; update or remove them.',
      'Symbolicate the backtrace with the matching Kernel Debug Kit.',
    ],
  },
  jetsam: {
    title: 'Memory pressure event (jetsam)',
    causes: ['The system ran low on memory and ended processes'],
    nextSteps: ['Find the largest processes and the killed one; reduce their memory footprint.'],
  },
  stackshot: {
    title: 'Stackshot / hang report',
    causes: ['A process or the system was unresponsive and a stackshot was taken'],
    nextSteps: ['Look for threads blocked on locks, I/O or IPC in the stackshot.'],
  },
  'kernel-log': {
    title: 'Kernel log without a known failure pattern',
    causes: ['No known DriverKit or kernel failure line was found in this excerpt'],
    nextSteps: ['Widen the log window around the failure (log show --last 10m --predicate \'process == "kernel"\').'],
  },
  other: {
    title: 'Diagnostic report',
    causes: ['The report type carries no failure information paniclens recognises'],
    nextSteps: ['Check the report for a process name and time, and look for a crash report from the same moment.'],
  },
};

export function genericDiagnosis(r: Report): Diagnosis {
  const evidence: Evidence[] = [];
  let id = `generic-${r.kind}`;
  let ex = BY_KIND[r.kind];
  const type = r.exception?.type?.trim().split(/\s/)[0];
  const signal = r.exception?.signal?.trim().split(/\s/)[0];
  if (r.kind === 'crash') {
    const bySignal = signal ? BY_SIGNAL[signal] : undefined;
    const byType = type ? BY_EXCEPTION[type] : undefined;
    // EXC_CRASH only says "a signal ended it": the signal is the better explanation.
    const chosen = type === 'EXC_CRASH' || !byType ? bySignal ?? byType : byType;
    if (chosen) {
      ex = chosen;
      id = `generic-${slug(type === 'EXC_CRASH' || !byType ? signal ?? type ?? '' : type ?? '')}`;
    }
    if (type) evidence.push({ field: 'exception.type', text: [type, signal && `(${signal})`].filter(Boolean).join(' '), required: true });
    if (r.termination?.namespace) {
      evidence.push({ field: 'termination.namespace', text: `${r.termination.namespace}${r.termination.code ? ` ${r.termination.code}` : ''}`, required: false });
    }
  } else if (r.kind === 'panic') {
    const msg = r.panic?.message?.split('\n')[0];
    if (msg) {
      evidence.push({ field: 'panic.message', text: msg.length > 300 ? `${msg.slice(0, 299)}…` : msg, required: true });
      ex = { ...ex, title: `Kernel panic: ${msg.length > 80 ? `${msg.slice(0, 79)}…` : msg}` };
    }
  } else if (r.kind === 'jetsam') {
    const k = r.jetsam?.killed?.[0];
    if (k?.reason) evidence.push({ field: 'jetsam.killed[0].reason', text: `${k.name ?? '?'}: ${k.reason}`, required: true });
  }
  return {
    id,
    title: ex.title,
    category: 'generic',
    confidence: GENERIC_CONFIDENCE,
    generic: true,
    evidence,
    causes: [...ex.causes],
    nextSteps: [...ex.nextSteps],
    references: [],
  };
}

const slug = (s: string): string => s.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'crash';
