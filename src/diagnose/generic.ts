/**
 * The fallback when no signature fires: a diagnosis built from the report's own facts (the abort or
 * assertion message, the decoded exception, the fault site, the coprocessor or function a panic
 * names, a kernel log's error lines, why a snapshot was taken and what the main thread waits on).
 * Only where the log holds nothing more is it marked generic, and then its text says why.
 */
import type { Diagnosis, Evidence } from '../model/diagnosis.js';
import { hex } from '../model/numbers.js';
import type { DecodedCode, Frame, Report } from '../model/report.js';
import { clip, crashReporterThread, failureMessage, faultSite, frameLabel, mainThread, waitOf, type FailureMessage, type FaultSite } from './facts.js';
import { coprocessorsIn } from '../codes/index.js';
import { skipLists } from './knowledge/index.js';

export const GENERIC_CONFIDENCE = 0.3;
/** A fact-based fallback states what the log says, not a known failure: ranked below every signature. */
export const FACT_CONFIDENCE = 0.45;

const SYMBOLICATE = 'Symbolicate the crashed thread (paniclens symbolicate) and read the first frame in your own code.';

interface Draft {
  id: string;
  title: string;
  causes: string[];
  nextSteps: string[];
  evidence: Evidence[];
  /** Set when the log holds nothing more: the text then says why. */
  generic?: boolean;
}

/** The generic diagnosis of a kernel log none of whose lines is an error. */
export const GENERIC_QUIET_KERNEL_LOG = 'generic-kernel-log';

/**
 * Whether a report whose likely cause is `d` shows no failure: a signature of the category
 * not-a-crash (a stackshot taken by hand, a system-wide sample, an analytics log, a patcher's trace)
 * or a kernel log without an error line. Triage ranks such reports apart from failures.
 */
export function showsNoFailure(d: Pick<Diagnosis, 'id' | 'category'>): boolean {
  return d.category === 'not-a-crash' || d.id === GENERIC_QUIET_KERNEL_LOG;
}

/** `siteOf` gives the report's fault site (diagnoseReport computes it once for this and the culprit). */
export function genericDiagnosis(r: Report, siteOf: () => FaultSite | undefined = () => faultSite(r)): Diagnosis {
  const d = factsOf(r, siteOf);
  return {
    id: d.id,
    title: d.title,
    category: d.generic ? 'generic' : 'fact',
    confidence: d.generic ? GENERIC_CONFIDENCE : FACT_CONFIDENCE,
    ...(d.generic ? { generic: true } : {}),
    evidence: d.evidence,
    causes: d.causes,
    nextSteps: d.nextSteps,
    references: [],
  };
}

function factsOf(r: Report, siteOf: () => FaultSite | undefined): Draft {
  switch (r.kind) {
    case 'crash':
      return crashFacts(r, siteOf);
    case 'panic':
      return panicFacts(r);
    case 'jetsam':
      return jetsamFacts(r);
    case 'kernel-log':
      return kernelLogFacts(r);
    case 'stackshot':
    case 'other':
      return snapshotFacts(r);
  }
}

// ---------------------------------------------------------------- crashes

const MESSAGE_IDS: Record<FailureMessage['kind'], { id: string; label: string; cause: string; step: string }> = {
  assertion: {
    id: 'fact-assertion',
    label: 'Assertion failed',
    cause: 'An assertion in the code stopped the process: the condition it checks was false at run time.',
    step: 'Open the file and line the message names and find why the asserted condition was false.',
  },
  hardening: {
    id: 'fact-assertion',
    label: 'libc++ hardening check failed',
    cause: 'A libc++ hardening check caught undefined behaviour (an out-of-range index, an invalid iterator or a null pointer) and stopped the process.',
    step: 'Find the container access in the first frame of your own code; check the index or iterator against the container size.',
  },
  swift: {
    id: 'fact-swift-runtime-error',
    label: 'Swift runtime error',
    cause: 'A Swift runtime check failed (force unwrap of nil, failed as!, index out of range, overflow, fatalError or precondition) and stopped the process.',
    step: 'Open the file and line of the first frame in your own code; replace the force unwrap or cast with optional binding, or check the index.',
  },
  'client-bug': {
    id: 'fact-client-bug',
    label: 'API misuse detected by a system library',
    cause: 'A system library detected that it was called the wrong way and stopped the process on purpose (its message names the misuse).',
    step: 'Read the message for the misused API and fix the call in the first frame of your own code.',
  },
  'cxx-uncaught': {
    id: 'fact-cxx-uncaught-exception',
    label: 'Uncaught C++ exception',
    cause: 'A C++ exception was thrown and not caught, so std::terminate aborted the process.',
    step: 'Catch the exception where the throwing call is made, or fix the condition that throws.',
  },
  'objc-uncaught': {
    id: 'fact-objc-uncaught-exception',
    label: 'Uncaught Objective-C exception',
    cause: 'An Objective-C exception was raised and not caught.',
    step: 'Read the exception name and reason; the first app frame of the Last Exception Backtrace raised it.',
  },
  heap: {
    id: 'fact-heap-corruption',
    label: 'Heap corruption detected by malloc',
    cause: 'malloc found its heap metadata damaged (double free, freeing a pointer it never returned, a write past the end of a block) and stopped the process.',
    step: 'Reproduce with Address Sanitizer or Guard Malloc (MallocGuardEdges, MallocScribble) to find the bad write or free.',
  },
  message: {
    id: 'fact-abort-message',
    label: 'Stopped with a message',
    cause: 'The process stopped itself and left the message above in its crash report.',
    step: 'Search your code and libraries for the message text; the code that prints it decided to stop the process.',
  },
};

function crashFacts(r: Report, siteOf: () => FaultSite | undefined): Draft {
  const ex = r.exception;
  const type = ex?.type?.trim().split(/\s/)[0];
  const signal = (ex?.signal ?? /\((SIG\w+)/.exec(ex?.type ?? '')?.[1])?.trim().split(/\s/)[0];
  const site = siteOf();
  const where = site?.origin ? ` in ${frameLabel(site.origin)}` : '';
  const mine = site?.own && site.own !== site.origin ? ` called from ${frameLabel(site.own)}` : '';
  const exEvidence: Evidence[] = type || signal ? [{ field: 'exception.type', text: [type, signal && signal !== type && `(${signal})`].filter(Boolean).join(' '), required: false }] : [];
  const frameEvidence = (f: Frame | undefined, required: boolean): Evidence[] =>
    f ? [{ field: `threads[${site ? r.threads.indexOf(site.thread) : -1}].frames[${f.index}]`, text: frameLabel(f), ...(f.sourceLine !== undefined ? { line: f.sourceLine } : {}), required }] : [];

  const msg = failureMessage(r);
  if (msg) {
    const m = MESSAGE_IDS[msg.kind];
    return {
      id: m.id,
      title: `${m.label}: ${clip(msg.text, 120)}`,
      causes: [`${m.cause}${where ? ` It was raised${where}${mine}.` : ''}`, `The message: "${msg.text}"`],
      nextSteps: [m.step, SYMBOLICATE],
      evidence: [{ field: msg.field, text: msg.text, ...(msg.line !== undefined ? { line: msg.line } : {}), required: true }, ...exEvidence, ...frameEvidence(site?.origin, false)],
    };
  }

  // A crash on a crash reporter's own handler thread: the reporter crashed while handling an earlier crash.
  const reporter = site && site.reporters.length > 0 ? crashReporterThread(site.thread) : undefined;
  if (site && reporter) {
    const first = (r.notes ?? []).find((n) => /^CrashDoctor Diagnosis: /.test(n));
    return {
      id: 'fact-crash-in-crash-reporter',
      title: `Crash inside ${reporter}'s crash handler`,
      causes: [
        `The crashed thread is ${reporter}'s exception handler${site.thread.name ? ` ("${site.thread.name}")` : ''}: the reporter crashed again while it was handling an earlier crash${where ? `; this second fault is${where}` : ''}.`,
        first ? `The earlier crash, as the reporter saw it: ${first.replace(/^CrashDoctor Diagnosis: /, '')}` : 'The earlier crash is on another thread or in the reporter\'s own record: look there for the first fault.',
        'Code that runs inside a crash handler (user callbacks, printf, allocation) must be async-signal-safe; anything else can crash again.',
      ],
      nextSteps: [`Remove non-async-signal-safe work from ${reporter}'s crash callback (onCrash).`, 'Find and fix the first crash (the reporter\'s record of it, or the thread that faulted first).'],
      evidence: [...frameEvidence(site.top, true), ...exEvidence, ...(first ? [{ field: 'notes', text: first, required: false }] : [])],
    };
  }

  const bad = /^EXC_BAD_ACCESS/.test(type ?? '') || (/^SIG(SEGV|BUS)$/.test(signal ?? '') && type !== 'EXC_CRASH');
  const codes = decodedCodes(r, 'exception', 'termination');
  if (bad && site?.top) {
    const top = site.top;
    const addr = ex?.address;
    const unmapped = top.image === undefined && top.symbol === undefined && (addr === undefined || top.address === undefined || top.address === addr || /not in any region/.test(r.vmRegionInfo ?? ''));
    if (unmapped) {
      const caller = site.thread.frames.slice(1).find((f) => f.image);
      return {
        id: 'fact-jump-to-unmapped',
        title: `Jump to unmapped code${addr !== undefined ? ` at ${hex(addr)}` : ''}`,
        causes: [
          `The crashed thread was executing at an address that belongs to no loaded image${caller ? `, reached from ${frameLabel(caller)}` : ''}: a call through a stale or corrupted function pointer.`,
          'Typical causes: calling into a library or plug-in after it was unloaded (at shutdown, after dlclose), a callback registered by code that is gone, or memory corruption of a vtable or block.',
        ],
        nextSteps: ['Find who registered the callback or function pointer the caller invoked, and unregister it before that code is unloaded.', SYMBOLICATE],
        evidence: [...frameEvidence(top, true), ...exEvidence, ...(r.vmRegionInfo ? [{ field: 'vmRegionInfo', text: clip(r.vmRegionInfo.split('\n')[0] as string, 200), required: false }] : [])],
      };
    }
    if (site.origin || site.own) {
      const f = (site.origin ?? site.own) as Frame;
      const code: CodeFact | undefined = codes.find((c) => /^KERN_|kern_return/i.test(`${c.name} ${c.table}`)) ?? textCode(`${ex?.codes ?? ''} ${ex?.subtype ?? ''}`);
      return {
        id: 'fact-fault-in-image',
        title: `Invalid memory access${addr !== undefined ? ` at ${hex(addr)}` : ''} in ${frameLabel(f)}`,
        causes: [
          `The fault happened${where}${mine}${code ? ` (${code.name}${code.meaning ? `: ${code.meaning}` : ''})` : ''}.`,
          'A pointer to freed, unmapped or never-initialised memory was used there, or memory it reads was corrupted earlier.',
        ],
        nextSteps: [SYMBOLICATE, 'Reproduce with Address Sanitizer or the Zombies instrument.'],
        evidence: [...exEvidence.map((e) => ({ ...e, required: true })), ...frameEvidence(f, false)],
      };
    }
  }
  if (/^(EXC_BAD_INSTRUCTION|EXC_BREAKPOINT)/.test(type ?? '') || (/^SIG(ILL|TRAP)$/.test(signal ?? '') && type !== 'EXC_CRASH')) {
    const f = site?.origin ?? site?.top;
    if (f && (f.image || f.symbol)) {
      return {
        id: 'fact-trap-in-image',
        title: `Trap instruction in ${frameLabel(f)}`,
        causes: [
          `The process stopped on a trap instruction${where || ` in ${frameLabel(f)}`}${mine}: compiled-in runtime checks (Swift runtime checks, __builtin_trap, release-build assertions) stop the process this way${/x86|i386/.test(r.hardware.arch ?? '') || type === 'EXC_BAD_INSTRUCTION' ? ' (ud2 on x86_64)' : ' (brk on arm64)'}.`,
          'A trap without a runtime message is most often a Swift force unwrap, failed cast, out-of-range index or arithmetic overflow in that function.',
        ],
        nextSteps: [SYMBOLICATE, 'Check the force unwraps, casts, indices and arithmetic of that function.'],
        evidence: [...exEvidence.map((e) => ({ ...e, required: true })), ...frameEvidence(f, false)],
      };
    }
  }
  if (/^EXC_ARITHMETIC/.test(type ?? '') || signal === 'SIGFPE') {
    const f = site?.origin ?? site?.top;
    if (f) {
      return {
        id: 'fact-fault-in-image',
        title: `Arithmetic exception in ${frameLabel(f)}`,
        causes: [`An integer division by zero (or overflow of a division)${where || ` in ${frameLabel(f)}`}${mine}.`],
        nextSteps: [SYMBOLICATE, 'Guard the divisor in that function.'],
        evidence: [...exEvidence.map((e) => ({ ...e, required: true })), ...frameEvidence(f, false)],
      };
    }
  }
  if (site?.origin && (site.origin.image || site.origin.symbol) && signal && signal !== 'SIGKILL') {
    const raised = site.thread.frames.slice(0, 6).some((f) => /^(raise|pthread_kill|__pthread_kill|kill)\b/.test(f.symbol ?? ''));
    if (signal === 'SIGABRT' || raised) {
      return {
        id: signal === 'SIGABRT' ? 'fact-abort-in-image' : 'fact-signal-raised',
        title: signal === 'SIGABRT' ? `abort() called from ${frameLabel(site.origin)}` : `${signal} raised by the process itself in ${frameLabel(site.origin)}`,
        causes: [
          signal === 'SIGABRT'
            ? `${frameLabel(site.origin)}${mine} called abort(): that code decided to stop the process, without leaving a message in the report.`
            : `The process sent ${signal} to itself with raise()/pthread_kill() from ${frameLabel(site.origin)}${mine}: a deliberate crash (a test crash button, a fatal-error handler re-raising a signal), not a memory fault.`,
          signal === 'SIGABRT' ? 'Libraries abort this way after printing an error to stderr: the console output of the process, if you have it, names the reason.' : 'If the crash is not a deliberate one, look for a signal handler that re-raises after handling an earlier fault.',
        ],
        nextSteps: [SYMBOLICATE, 'Read the console output (stderr) of the process just before the crash.'],
        evidence: [...exEvidence.map((e) => ({ ...e, required: true })), ...frameEvidence(site.origin, false)],
      };
    }
  }
  const term = r.termination;
  if (term?.namespace && term.namespace !== 'SIGNAL') {
    const code = codes.find((c) => c.field.startsWith('termination') && c.table !== 'os_reason') ?? codes.find((c) => c.field.startsWith('termination'));
    const by = term.byProcess ? ` by ${term.byProcess}${term.byPid !== undefined ? ` [${term.byPid}]` : ''}` : '';
    return {
      id: 'fact-termination',
      title: `Terminated${by}: ${term.namespace}${term.code ? ` ${term.code}` : ''}${code ? ` (${code.name})` : ''}`,
      causes: [
        `The OS ended the process${by} with reason namespace ${term.namespace}${term.code ? `, code ${term.code}` : ''}${code?.meaning ? `: ${code.meaning}` : ''}.`,
        ...(term.description ? [`Termination description: ${clip(term.description)}`] : []),
      ],
      nextSteps: ['Look up the namespace and code (paniclens shows the decoded name when it knows it) and fix the policy the process broke.'],
      evidence: [{ field: 'termination.namespace', text: `${term.namespace}${term.code ? ` ${term.code}` : ''}`, required: true }, ...exEvidence],
    };
  }
  return genericCrash(r, type, signal, site);
}

function genericCrash(r: Report, type: string | undefined, signal: string | undefined, site: FaultSite | undefined): Draft {
  const evidence: Evidence[] = type || signal ? [{ field: 'exception.type', text: [type, signal && `(${signal})`].filter(Boolean).join(' '), required: true }] : [];
  const name = signal && (type === 'EXC_CRASH' || !type) ? signal : type ?? signal;
  const known = r.threads.some((t) => t.frames.some((f) => f.image || f.symbol));
  if (!name && site?.origin && (site.origin.image || site.origin.symbol)) {
    return {
      id: 'generic-crash',
      title: `Crashed thread stopped in ${frameLabel(site.origin)}: the paste holds nothing more`,
      generic: true,
      causes: [
        `Nothing more can be said: the paste holds only a thread backtrace (the crashed thread stopped in ${frameLabel(site.origin)}${site.own && site.own !== site.origin ? `, called from ${frameLabel(site.own)}` : ''}), without the exception type, termination reason or crash message that would say what went wrong there.`,
      ],
      nextSteps: ['Get the header of the crash report (Exception Type, Exception Codes, Termination Reason, Application Specific Information) and analyse it with these frames.'],
      evidence: [{ field: `threads[${r.threads.indexOf(site.thread)}].frames[${site.origin.index}]`, text: frameLabel(site.origin), required: false }],
    };
  }
  const what = [
    r.threads.length === 0 ? 'no thread backtrace' : known ? '' : 'no frame with a known image or symbol',
    signal === 'SIGKILL' ? 'no termination reason saying who killed the process and why' : 'no crash message',
  ].filter(Boolean).join(' and ');
  return {
    id: `generic-${slug(name ?? 'crash')}`,
    title: name ? `${name}: the report holds nothing more` : 'Process crash: the report holds nothing more',
    generic: true,
    causes: [
      `Nothing more can be said: the report has ${name ? `the exception type (${name}) but ` : 'no exception, '}${what}.`,
      ...(name && EXCEPTION_MEANING[name] ? [EXCEPTION_MEANING[name] as string] : []),
    ],
    nextSteps: ['Get the complete crash report (with its thread backtraces and Binary Images), then symbolicate it (paniclens symbolicate).'],
    evidence,
  };
}

const EXCEPTION_MEANING: Record<string, string> = {
  EXC_BAD_ACCESS: 'EXC_BAD_ACCESS means a pointer to freed, unmapped or never-initialised memory was used.',
  SIGSEGV: 'SIGSEGV means a pointer to freed, unmapped or never-initialised memory was used.',
  SIGBUS: 'SIGBUS means a misaligned or invalid memory access.',
  SIGABRT: 'SIGABRT means the process called abort(): a failed assertion, an uncaught exception or a library that detected an error.',
  SIGKILL: 'SIGKILL means the OS ended the process (watchdog, resource policy, code signing, force quit).',
  EXC_BREAKPOINT: 'EXC_BREAKPOINT means a runtime check trapped on purpose.',
  EXC_BAD_INSTRUCTION: 'EXC_BAD_INSTRUCTION means a trap instruction (a runtime check) or corrupted code.',
};

// ---------------------------------------------------------------- panics

function panicFacts(r: Report): Draft {
  const p = r.panic;
  const text = `${p?.panicString ?? p?.message ?? ''}\n${p?.secondaryPanicString ?? ''}`.slice(0, 16_384);
  const co = namedCoprocessor(text);
  if (co) {
    const at = wordPattern(co.word).exec(text);
    const line = lineAround(text, at ? at.index + 1 : 0);
    return {
      id: `fact-coprocessor-${co.row.name.toLowerCase()}`,
      title: `${co.row.name} coprocessor panic`,
      causes: [
        `The panic was raised by or for the ${co.row.name} coprocessor: ${co.row.meaning}.`,
        ...(co.row.cause ? [`What usually triggers it: ${co.row.cause}.`] : []),
        `The panic string: "${clip(line, 200)}"`,
      ],
      nextSteps: [...(co.row.nextSteps ?? []), 'Repeated panics naming the same coprocessor on one machine point to hardware: run Apple Diagnostics or take it to service.'],
      evidence: [{ field: 'panic.panicString', text: clip(line, 300), required: true }],
    };
  }
  const msg = p?.message?.split('\n')[0]?.trim();
  if (!msg) {
    return {
      id: 'generic-panic',
      title: 'Kernel panic: the report holds no panic string',
      generic: true,
      causes: ['Nothing more can be said: the report carries no panic message, so neither the failing check nor the faulting code is known.'],
      nextSteps: ['Get the full panic report (the .panic or .ips file from /Library/Logs/DiagnosticReports), with its panic string and backtrace.'],
      evidence: [],
    };
  }
  const fn = panicFunction(r);
  const prefix = /^([A-Za-z_][\w:]*(?:\(\))?):\s/.exec(msg)?.[1];
  const third = p?.kexts.filter((k) => !/^com\.apple\./.test(k.bundleId)) ?? [];
  const where = [
    p?.file ? `raised at ${p.file}${p.line !== undefined ? `:${p.line}` : ''}` : '',
    fn ? `in ${fn.symbol}${fn.caller ? `, called from ${fn.caller}` : ''}` : '',
  ].filter(Boolean);
  const named = where.length > 0 || prefix !== undefined || third.length > 0;
  const evidence: Evidence[] = [{ field: 'panic.message', text: clip(msg), required: true }];
  if (fn) evidence.push({ field: 'panic.backtrace', text: fn.symbol, required: false });
  for (const k of third) evidence.push({ field: 'panic.kexts', text: k.bundleId, required: false });
  const patchers = skipLists().kernelPatchers.filter((k) => [...(p?.loadedKexts ?? []), ...(p?.kexts ?? [])].some((x) => k.bundleIds.test(x.bundleId)));
  if (!named) {
    return {
      id: 'generic-panic',
      title: `Kernel panic: ${clip(msg, 80)}`,
      generic: true,
      causes: [`Nothing more can be said: the panic string ("${clip(msg, 200)}") names no function, file or kext, and the backtrace has no symbols or third-party kexts.`],
      nextSteps: ['Symbolicate the backtrace with the matching Kernel Debug Kit to find the panicking function.'],
      evidence,
    };
  }
  return {
    id: 'fact-panic-message',
    title: `Kernel panic${prefix ? '' : fn ? ` in ${fn.symbol}` : ''}: ${clip(msg, 100)}`,
    causes: [
      `A kernel consistency check failed and panicked${where.length ? ` ${where.join(', ')}` : prefix ? ` in ${prefix}` : ''}: "${clip(msg, 200)}".`,
      ...(third.length ? [`Third-party kext${third.length > 1 ? 's' : ''} in the backtrace: ${third.map((k) => k.bundleId).join(', ')} — the likeliest origin.`] : []),
      ...(patchers.length ? [`Kernel patchers loaded: ${patchers.map((k) => k.name).join(', ')} — they change kernel code at run time; reproduce without them before blaming the kernel.`] : []),
    ],
    nextSteps: [
      third.length ? `Update or remove ${third.map((k) => k.bundleId).join(', ')} and check whether the panic stops.` : 'Search for the panic message together with the function it names; check what called that code path (the backtrace below the panicking function).',
      'Symbolicate the backtrace with the matching Kernel Debug Kit.',
    ],
    evidence,
  };
}

/** The function that panicked: the first symbolicated backtrace frame below the panic machinery, and its caller. */
function panicFunction(r: Report): { symbol: string; caller?: string } | undefined {
  const plumbing = skipLists().kernelPanicSymbols;
  const frames = (r.panic?.backtrace ?? []).slice(0, 32);
  const i = frames.findIndex((f) => {
    const s = f.symbol ?? f.rawSymbol;
    return s !== undefined && s !== '' && !plumbing.some((p) => p.test(s));
  });
  if (i < 0) return undefined;
  const sym = (f: Frame | undefined): string | undefined => (f?.symbol ?? f?.rawSymbol)?.replace(/^_/, '');
  const caller = sym(frames[i + 1]);
  return { symbol: sym(frames[i]) as string, ...(caller ? { caller } : {}) };
}

/** The most specific coprocessor a panic string names (the code table's rows; RTKit and ASC only when nothing more specific is named). */
export function namedCoprocessor(text: string): NamedCoprocessor | undefined {
  // The culprit and the panic facts of one report both ask for the same text: the answer is kept for the last text.
  if (text === lastCoprocessor.text) return lastCoprocessor.named;
  const named = findCoprocessor(text);
  lastCoprocessor.text = text;
  lastCoprocessor.named = named;
  return named;
}

type NamedCoprocessor = { readonly row: ReturnType<typeof coprocessorsIn>[number]; readonly word: string };
const lastCoprocessor: { text: string | undefined; named: NamedCoprocessor | undefined } = { text: undefined, named: undefined };

function findCoprocessor(text: string): NamedCoprocessor | undefined {
  const rows = coprocessorsIn(text);
  const row = rows.find((r) => r.name !== 'RTKit' && r.name !== 'ASC') ?? rows[0];
  if (!row) return undefined;
  const head = text.slice(0, 600);
  const word = [row.name, ...(row.aliases ?? [])].find((n) => wordPattern(n).test(head)) ?? row.name;
  return { row, word };
}

/** A coprocessor name (the code table's names and aliases: a bounded set) as a word, an instance number allowed after it. */
const wordPatterns = new Map<string, RegExp>();
function wordPattern(name: string): RegExp {
  let re = wordPatterns.get(name);
  if (!re) wordPatterns.set(name, (re = new RegExp(`(?:^|[^A-Za-z0-9_])${name}\\d{0,2}(?![A-Za-z0-9_])`)));
  return re;
}

function lineAround(text: string, at: number): string {
  const start = text.lastIndexOf('\n', at) + 1;
  const end = text.indexOf('\n', at);
  return text.slice(start, end < 0 ? undefined : end).trim();
}

// ---------------------------------------------------------------- jetsam

function jetsamFacts(r: Report): Draft {
  const k = r.jetsam?.killed?.[0];
  if (k?.name) {
    return {
      id: 'fact-jetsam-kill',
      title: `Jetsam killed ${k.name}${k.reason ? ` (${k.reason})` : ''}`,
      causes: [`The system ended ${k.name} to free memory${k.reason ? ` (reason: ${k.reason})` : ''}.`],
      nextSteps: ['Reduce the memory footprint of the killed process; compare its size with the largest processes of the event.'],
      evidence: [{ field: 'jetsam.killed[0]', text: `${k.name}${k.reason ? `: ${k.reason}` : ''}`, required: true }],
    };
  }
  const cut = r.truncated || r.warnings.some((w) => /cut short|truncat/i.test(w));
  return {
    id: 'generic-jetsam',
    title: 'Memory pressure event (jetsam): no process list',
    generic: true,
    causes: [
      cut
        ? 'Nothing more can be said: the document was cut before its process list, so neither the killed process nor the kill reason is in it.'
        : 'Nothing more can be said: the event names no killed process and no reason.',
    ],
    nextSteps: ['Get the complete JetsamEvent report; the killed process carries a "reason" (per-process-limit, vm-pageshortage, highwater …).'],
    evidence: r.warnings.slice(0, 1).map((w) => ({ field: 'warnings', text: w, required: false })),
  };
}

// ---------------------------------------------------------------- stackshots, spindumps, other reports

function snapshotFacts(r: Report): Draft {
  const reason = (r.notes ?? []).find((n) => /^(stackshot )?reason: |^watchdog reason: |^spindump/.test(n));
  const main = mainThread(r);
  const wait = main ? waitOf(r, main) : undefined;
  const evidence: Evidence[] = [];
  if (reason) evidence.push({ field: 'notes', text: clip(reason), required: true });
  if (wait) evidence.push({ field: `threads[${r.threads.indexOf(main as never)}]`, text: `main thread waits for ${wait.meaning}: ${frameLabel(wait.frame)}`, required: !reason });
  if (wait) {
    return {
      id: 'fact-hang-main-thread',
      title: `${r.process.name ? `${r.process.name}: ` : ''}main thread waits for ${wait.meaning}`,
      causes: [
        `${reason ? `${clip(reason, 200)}. ` : ''}The main thread of ${r.process.name ?? 'the process'} waits for ${wait.meaning} (in ${frameLabel(wait.frame)}${wait.own ? `, asked by ${frameLabel(wait.own)}` : ''}).`,
        'A main thread that waits on another thread, process or I/O cannot handle events: the app looks hung until the wait ends.',
      ],
      nextSteps: ['Move the waiting work off the main thread, or find what the awaited thread or process was doing at the same moment.'],
      evidence,
    };
  }
  if (reason) {
    return {
      id: 'fact-stackshot-reason',
      title: `Snapshot taken: ${clip(reason.replace(/^(stackshot )?reason: /, ''), 100)}`,
      causes: [`The report says why it was taken: ${clip(reason)}.`],
      nextSteps: ['Look for threads blocked on locks, I/O or IPC in the snapshot at that moment.'],
      evidence,
    };
  }
  const encoded = (r.notes ?? []).find((n) => /^binary spindump/.test(n));
  if (encoded) {
    return {
      id: 'generic-binary-spindump',
      title: 'Binary spindump: its samples must be decoded before a cause can be read',
      generic: true,
      causes: [
        'Nothing more can be said: the report is a binary spindump (a hang, stall or watchdog sample) whose stacks are encoded, so neither the stalled process nor what it waited on is readable here.',
      ],
      nextSteps: ['Run `spindump -i <file>` on a Mac to write the text report, then analyse that text with paniclens.'],
      evidence: [{ field: 'notes', text: clip(encoded), required: true }],
    };
  }
  return {
    id: `generic-${r.kind}`,
    title: r.kind === 'stackshot' ? 'Stackshot without a stated reason' : 'Diagnostic report without failure facts',
    generic: true,
    causes: [
      r.kind === 'stackshot'
        ? 'Nothing more can be said: the stackshot states no reason and no main-thread stack to read a wait from.'
        : 'Nothing more can be said: the document carries no exception, message, reason or thread stack that paniclens can read a cause from.',
    ],
    nextSteps: ['Check the report for a process name and time, and look for a crash report or kernel log from the same moment.'],
    evidence,
  };
}

// ---------------------------------------------------------------- kernel logs

const ERROR_LINE = /\b(error|errors|fail(ed|ure|s)?|denied|timed out|timeout|invalid|not permitted|rejected|crash(ed)?|panic|abort(ed)?|unable to|cannot|can't)\b|\b0xe00002[0-9a-f]{2}\b|kIOReturn(?!Success)\w+/i;
const ERROR_LEVEL = /^(e|error|f|fault)$/i;

function kernelLogFacts(r: Report): Draft {
  const lines = r.events.slice(0, 20_000).map((e, i) => ({ e, i })).filter(({ e }) => ERROR_LEVEL.test(e.level ?? '') || ERROR_LINE.test(e.message));
  if (lines.length > 0) {
    const shown = lines.slice(0, 3);
    const codes = decodedCodes(r, ...shown.map(({ i }) => `events[${i}]`));
    const first = shown[0]?.e.message ?? '';
    return {
      id: 'fact-kernel-log-errors',
      title: `Kernel log error: ${clip(first, 100)}`,
      causes: [
        `${lines.length} error line${lines.length > 1 ? 's' : ''} in the excerpt; the first: "${clip(first, 200)}".`,
        ...codes.slice(0, 3).map((c) => `${c.raw} = ${c.name}${c.meaning ? `: ${c.meaning}` : ''}`),
      ],
      nextSteps: ['Read the lines just before the first error for the operation that failed; widen the log window if it starts mid-way (log show --last 10m).'],
      evidence: shown.map(({ e, i }) => ({ field: `events[${i}].message`, text: clip(e.message), ...(e.line !== undefined ? { line: e.line } : {}), required: true })),
    };
  }
  return {
    id: GENERIC_QUIET_KERNEL_LOG,
    title: 'Kernel log without an error line',
    generic: true,
    causes: [`Nothing more can be said: none of the ${r.events.length} line${r.events.length === 1 ? '' : 's'} of this excerpt is an error, a failure or a known DriverKit or kernel failure pattern; the failure, if any, is outside the excerpt.`],
    nextSteps: ['Widen the log window around the failure (log show --last 10m --predicate \'process == "kernel"\').'],
    evidence: [],
  };
}

// ---------------------------------------------------------------- codes

type CodeFact = Pick<DecodedCode, 'table' | 'raw' | 'name'> & { meaning?: string };

/** Codes the ingest stage decoded from the given model fields (prefix match on the model path). */
function decodedCodes(r: Report, ...fields: string[]): DecodedCode[] {
  return (r.codes ?? []).filter((c) => fields.length === 0 || fields.some((f) => c.field === f || c.field.startsWith(`${f}.`) || c.field.startsWith(`${f}[`)));
}

/** A kern_return_t name written in the exception codes ("KERN_INVALID_ADDRESS at 0x…"). */
function textCode(text: string): CodeFact | undefined {
  const m = /\b(KERN_[A-Z_]+)\b/.exec(text);
  return m ? { table: 'kern_return_t', raw: m[1] as string, name: m[1] as string } : undefined;
}

const slug = (s: string): string => s.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'crash';
