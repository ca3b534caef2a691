/**
 * The one normalized report. Every ingester fills this shape; every later stage
 * (symbolicate, diagnose, report, triage) reads only this shape, never raw text.
 *
 * Conventions:
 * - 64-bit addresses are `bigint` here and become "0x…" hex strings in JSON (see serialize.ts).
 * - UUIDs are upper-case with dashes (normalizeUuid in uuid.ts).
 * - Every field that a log may omit is optional or nullable; parsers never invent values.
 * - `line` fields are 1-based line numbers in the source document, kept for evidence quotes.
 */

import type { Diagnosis } from './diagnosis.js';

/** Which family of input the report was read from ('reporter-json': an in-app reporter's own JSON, e.g. KSCrash). */
export type SourceFormat = 'ips' | 'crash-text' | 'panic-text' | 'kernel-log' | 'reporter-json';

/** What happened, independent of the input form. */
export type ReportKind = 'crash' | 'panic' | 'jetsam' | 'stackshot' | 'kernel-log' | 'other';

export interface Source {
  /** File path as given by the user, or "-" for standard input. */
  path: string;
  format: SourceFormat;
  /** The .ips bug_type as a string ("309"), when known. */
  bugType?: string;
  /** 1-based line in the input where this document starts (several reports can share one file). */
  startLine?: number;
  /** Index of this document within its input, when an input held several. */
  documentIndex?: number;
  /** Who wrote the report when it is not Apple's own reporter (e.g. "PLCrashReporter", "KSCrash"). */
  producer?: string;
  /** Legacy text "Report Version", or .ips body "version". */
  reportVersion?: string;
  /** The .ips metadata header, unknown keys kept. */
  header?: Record<string, unknown>;
}

export interface ProcessInfo {
  name?: string;
  pid?: number;
  path?: string;
  bundleId?: string;
  version?: string;
  parentName?: string;
  parentPid?: number;
  responsible?: string;
  role?: string;
  userId?: number;
  /** Rosetta translation (Code Type "… (Translated)" or .ips "translated"). */
  translated?: boolean;
  coalition?: string;
  /** Time of launch, raw string as written. */
  launchTime?: string;
}

export interface OsInfo {
  /** Marketing version ("14.2.1"), when it can be read. */
  version?: string;
  /** Build ("23C71"). */
  build?: string;
  /** Normalised platform: macOS, iOS, iPadOS, tvOS, watchOS, bridgeOS, Mac Catalyst, iOS Simulator, DriverKit … */
  platform?: string;
  /** The OS string as written ("macOS 14.2.1 (23C71)"). */
  raw?: string;
  /** Darwin/xnu kernel version line, when given. */
  kernelVersion?: string;
  releaseType?: string;
}

export interface HardwareInfo {
  /** Model identifier ("MacBookPro18,3", "iPhone14,2"). */
  model?: string;
  /** Normalised architecture: arm64, arm64e, x86_64, i386, armv7 … */
  arch?: string;
  /** SoC id for Apple silicon panics ("8150"). */
  soc?: string;
}

export interface ExceptionInfo {
  /** "EXC_BAD_ACCESS", "EXC_CRASH", "EXC_BREAKPOINT", … */
  type?: string;
  /** "SIGSEGV", "SIGABRT", … */
  signal?: string;
  /** Codes as written ("KERN_INVALID_ADDRESS at 0x0000000000000000" or "0x0000000000000001, 0x0000000000000000"). */
  codes?: string;
  subtype?: string;
  message?: string;
  /** "EXC_CORPSE_NOTIFY", "NON-FATAL CONDITION", … */
  note?: string;
  /** The faulting address when the codes give one. */
  address?: bigint;
}

export interface TerminationInfo {
  namespace?: string;
  /** Code as written: decimal or hex ("0x8badf00d"). */
  code?: string;
  indicator?: string;
  byProcess?: string;
  byPid?: number;
  reasons?: string[];
  /** Free text: Termination Description, details[], the raw "Termination Reason" line. */
  description?: string;
}

export interface Frame {
  /** Position in its thread, 0 = innermost. Inlined frames share the index of their physical frame. */
  index: number;
  /** Image name ("libsystem_kernel.dylib", "com.vendor.kext", "kernel"), when known. */
  image?: string;
  /** Runtime address, when known. */
  address?: bigint;
  /** Offset into the image, when known. */
  imageOffset?: bigint;
  /** Symbol (demangled when a demangler ran; `rawSymbol` keeps the original). */
  symbol?: string;
  rawSymbol?: string;
  /** Offset from the start of the symbol. */
  symbolOffset?: number;
  file?: string;
  line?: number;
  column?: number;
  /** True for a frame that an inliner folded into the next physical frame. */
  inlined?: boolean;
  /** Which backend produced the symbol: "report" when the log already had it. */
  symbolSource?: string;
  /** Why no symbol could be found, when symbolication was tried and failed. */
  unresolvedReason?: string;
  /** 1-based line of the frame in the source document. */
  sourceLine?: number;
  /** The unslid file address that symbolication looked up (after the return-address adjustment), for re-basing tools. */
  fileAddress?: bigint;
  /**
   * True for a frame of an in-app crash reporter's own machinery (its signal handler, stack capture or
   * exception re-raise, or a frame that ran inside that handler): recorded by the reporter, never the cause.
   */
  reporter?: boolean;
}

export interface Thread {
  index: number;
  /** Thread id, when the report gives one. */
  id?: number;
  name?: string;
  queue?: string;
  crashed: boolean;
  frames: Frame[];
  /** Register name (lower case) → value. */
  registers?: Record<string, bigint>;
}

export interface BinaryImage {
  name?: string;
  /** Upper-case dashed UUID. */
  uuid?: string;
  /** Load address. */
  base?: bigint;
  size?: bigint;
  path?: string;
  arch?: string;
  bundleId?: string;
  version?: string;
  /** .ips image "source" letter (P, S, C, K, U, T, A), kept for panic images. */
  kind?: string;
  /** False when the report marks the image as not Apple's ("+" in legacy text). */
  apple?: boolean;
}

export interface KextInfo {
  bundleId: string;
  version?: string;
  uuid?: string;
  /** Inclusive start/end of the address range printed in the panic. */
  start?: bigint;
  end?: bigint;
  /** For "Kernel Extensions in backtrace": the bundle ids listed as its dependencies. */
  dependencies?: KextInfo[];
}

export interface PanicInfo {
  /** The panic message without the panic(cpu …) prefix and without @file:line. */
  message?: string;
  /** The whole primary panic string (bounded). */
  panicString?: string;
  /** The secondary string when a report carries two (T2 Macs: bridgeOS + macOS). */
  secondaryPanicString?: string;
  callerAddress?: bigint;
  cpu?: number;
  file?: string;
  line?: number;
  debuggerMessage?: string;
  panickedProcess?: string;
  panickedPid?: number;
  panickedThread?: string;
  /** Thread id from "Panicked thread: 0x…, backtrace: 0x…, tid: N". */
  panickedTid?: number;
  kernelVersion?: string;
  osBuild?: string;
  kernelUuid?: string;
  kernelCacheUuid?: string;
  kernelSlide?: bigint;
  kernelTextBase?: bigint;
  kernelTextExecSlide?: bigint;
  kernelTextExecBase?: bigint;
  kernelCacheSlide?: bigint;
  kernelCacheBase?: bigint;
  bootArgs?: string;
  /** "Kernel Extensions in backtrace". */
  kexts: KextInfo[];
  /** The panicked thread's backtrace (return addresses, and symbols when keepsyms printed them). */
  backtrace: Frame[];
  /** Register dump that followed the panic line (lower-case names). */
  registers?: Record<string, bigint>;
  lastStartedKext?: KextInfo;
  lastStoppedKext?: KextInfo;
  /** bundle ids of "loaded kexts". */
  loadedKexts?: KextInfo[];
  /** Compressor info line, kept because "(BAD)" means memory exhaustion. */
  compressorInfo?: string;
  /** Panic time as written (Epoch calendar or date line). */
  time?: string;
  /** Panic wall-clock time in ms since the epoch (from "Epoch Time … Calendar:"), when given. */
  timeEpochMs?: number;
  /** DriverKit extensions the panic text names ("<bundle>.dext: ( id: …; path: …; state: … )", "Driver X has crashed too many times"). */
  dexts?: DextMention[];
}

/** A dext named in a panic string. */
export interface DextMention {
  /** Bundle id without the ".dext" suffix. */
  bundleId: string;
  id?: string;
  path?: string;
  state?: string;
}

/** One line of a kernel log or Console excerpt. */
export interface LogEvent {
  /** Timestamp as written, when the line had one. */
  time?: string;
  /** Milliseconds since the epoch, when the timestamp could be parsed. */
  epochMs?: number;
  /** A zone-less timestamp read as if it were UTC: only differences between events of one log mean anything. */
  localMs?: number;
  /** Process that logged the line ("kernel", "kernelmanagerd"). */
  process?: string;
  /** PID of the logging process, when the line gives one. */
  pid?: number;
  /** Message type as written ("Default", "Error", "Df", "E", "fault" …), when the line gives one. */
  level?: string;
  /** The dext or sender that produced the text, e.g. "com.example.driver.dext" for "(com.example.driver.dext) …". */
  sender?: string;
  message: string;
  /** 1-based line in the source document. */
  line?: number;
  /** Recognised DriverKit meaning of the line, when any. */
  driverKit?: DriverKitEvent;
}

/**
 * DriverKit meanings of kernel-log lines (FORMATS §7.2-§7.5). Bundle ids never carry the ".dext" suffix.
 * - dk: a `DK: …` line; className/registryId of the first `<Class>-0x<id>` object, server for `IOUserServer(<server>-0x<id>)` / `waiting for server <server>-<id>`.
 * - dext-output: a line the dext itself logged, `(<bundle>.dext) text`.
 * - client-crashed: IOPCIFamily `ClientCrashed_Impl` lines; phase 'start' | 'done' | 'recovering'; noOpenSession for `… does not have open session … skipping recovery`.
 * - crash-count / crashed-too-many-times: `Driver <bundle> has crashed N time(s)` / `… too many times`.
 * - pci-not-open: `IOPCIDevice::_MemoryAccess: device not open for client <Class>`.
 * - start-failed: a dext's start failure outside a `DK:` line (`Start failed: 0x…`, `start(...) failed`); `code` as written,
 *   `dext` from the line's sender.
 * - server-exit: `IOUserServer(<server>-0x<id>)::exit(<reason>)` outside a `DK:` line.
 * - activation-error: `Error Domain=OSSystemExtensionErrorDomain|KMErrorDomain|OSKextErrorDomain Code=N` (sysextd, kmutil, a host app).
 * - sysext-state: a `systemextensionsctl list` row.
 * A bare IOKit return code in a line is no DriverKit meaning by itself: the line stays an event and src/codes decodes it.
 * `DK:` lines stay kind 'dk' whatever they report, so signatures written against them keep matching.
 */
export type DriverKitEvent =
  | { kind: 'dk'; className?: string; registryId?: string; server?: string; text: string }
  | { kind: 'dext-output'; bundleId: string }
  | { kind: 'client-crashed'; className?: string; noOpenSession?: boolean; phase?: 'start' | 'done' | 'recovering'; device?: string }
  | { kind: 'crash-count'; bundleId: string; count: number }
  | { kind: 'crashed-too-many-times'; bundleId: string }
  | { kind: 'pci-not-open'; className?: string }
  | { kind: 'start-failed'; dext?: string; className?: string; code?: string }
  | { kind: 'server-exit'; server: string; registryId?: string; reason?: string }
  | { kind: 'activation-error'; domain: string; code: number }
  | { kind: 'sysext-state'; bundleId: string; state: string; teamId?: string; version?: string };

/** Facts of a jetsam (bug_type 298) event. */
export interface JetsamInfo {
  pageSize?: number;
  /** The process that was killed, with its reason. */
  killed?: JetsamProcess[];
  /** Processes by resident size, largest first (bounded). */
  largest?: JetsamProcess[];
  largestProcessName?: string;
}

export interface JetsamProcess {
  name?: string;
  pid?: number;
  uuid?: string;
  reason?: string;
  /** Resident bytes (rpages × pageSize). */
  residentBytes?: number;
  states?: string[];
}

export interface Report {
  source: Source;
  kind: ReportKind;
  process: ProcessInfo;
  os: OsInfo;
  hardware: HardwareInfo;
  /** Report time as written. */
  time?: string;
  /** Incident identifier. */
  incident?: string;
  exception?: ExceptionInfo;
  termination?: TerminationInfo;
  /** Application Specific Information lines (abort messages, assertion text). */
  applicationSpecific?: string[];
  /** Kernel triage lines. */
  kernelTriage?: string[];
  vmRegionInfo?: string;
  crashedThread: number | null;
  threads: Thread[];
  /** Last Exception Backtrace, when the report has one. */
  lastExceptionBacktrace?: Frame[];
  /**
   * Application Specific Backtraces (legacy text "Application Specific Backtrace N:", .ips `asiBacktraces`),
   * in report order. Kept apart from lastExceptionBacktrace because a report can carry both and they are
   * different stacks; when a report has no Last Exception Backtrace, the first of these also fills it, since
   * it is the exception's stack (older macOS wrote it under this name).
   */
  applicationSpecificBacktraces?: Frame[][];
  images: BinaryImage[];
  panic?: PanicInfo;
  jetsam?: JetsamInfo;
  events: LogEvent[];
  /** Other facts worth keeping that have no field of their own (resource reports, stackshot reason …). */
  notes?: string[];
  /** What could not be read: truncation, malformed sections. */
  warnings: string[];
  /** True when the document was cut short. */
  truncated?: boolean;
  /** Every code the report holds, decoded from the code tables (src/codes), in the order found. */
  codes?: DecodedCode[];
  /** Filled by src/diagnose: likely causes, best first. */
  diagnoses?: Diagnosis[];
  /** Filled by src/symbolicate: images whose symbols were needed but not found, so the user knows which dSYM or KDK to fetch. */
  missingSymbols?: MissingSymbols[];
}

/** A code the report holds, decoded from the code tables (src/codes). */
export interface DecodedCode {
  /** Table id, e.g. "ioreturn", "kern_return", "mach_exception", "exc_guard", "exc_resource", "os_reason", "termination", "jetsam", "signal", "si_code", "sysext", "panic" … */
  table: string;
  /** As written in the log ("0xe00002c7", "-536870201", "0x8badf00d"). */
  raw: string;
  /** Symbolic name ("kIOReturnUnsupported", "EXC_GUARD / GUARD_TYPE_MACH_PORT / kGUARD_EXC_DESTROY"). */
  name: string;
  /** One-line meaning. */
  meaning: string;
  /** Model path of what it decodes ("termination.code", "events[4].message", "exception.codes"). */
  field: string;
  line?: number;
}

/** An image whose frames stayed unresolved, and why (e.g. "UUID not found", "arch missing"). */
export interface MissingSymbols {
  name: string;
  uuid?: string;
  arch?: string;
  reason: string;
  /** How many frames it left unresolved. */
  frames: number;
}

/** A fresh report with every required collection empty. */
export function emptyReport(source: Source, kind: ReportKind): Report {
  return {
    source,
    kind,
    process: {},
    os: {},
    hardware: {},
    crashedThread: null,
    threads: [],
    images: [],
    events: [],
    warnings: [],
  };
}

/** The crashed thread, when there is one. */
export function crashedThreadOf(report: Report): Thread | undefined {
  if (report.crashedThread === null) return report.threads.find((t) => t.crashed);
  return report.threads.find((t) => t.index === report.crashedThread) ?? report.threads.find((t) => t.crashed);
}
