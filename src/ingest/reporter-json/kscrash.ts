/**
 * KSCrash's own JSON report (the form its installations store and send): `report`, `system`,
 * `binary_images`, `crash.error` (mach exception, signal, NSException / C++ exception, exit reason,
 * hang interval) and `crash.threads` with backtraces and registers. Mapped onto the Apple-shaped model;
 * the producer is recorded as "KSCrash". Frame symbols are KSCrash's on-device guesses (nearest exported
 * symbol), kept as the report gave them.
 */
import { emptyReport, type BinaryImage, type Frame, type Report, type Thread } from '../../model/report.js';
import { hex } from '../../model/numbers.js';
import { normalizeUuid } from '../../model/uuid.js';
import { arrAt, baseName, bigAt, boolAt, numAt, objAt, textAt } from '../ips/json-access.js';
import { isJsonObject, type JsonObject } from '../ips/lossless-json.js';
import { normalizeArch } from '../ips/platform.js';

const MAX_THREADS = 512;
const MAX_FRAMES = 512;
const MAX_IMAGES = 5000;

/** Darwin signal numbers (sys/signal.h), to print a number the way Apple's reports name it. */
const SIGNALS = ['', 'SIGHUP', 'SIGINT', 'SIGQUIT', 'SIGILL', 'SIGTRAP', 'SIGABRT', 'SIGEMT', 'SIGFPE', 'SIGKILL', 'SIGBUS', 'SIGSEGV', 'SIGSYS', 'SIGPIPE', 'SIGALRM', 'SIGTERM', 'SIGURG', 'SIGSTOP', 'SIGTSTP', 'SIGCONT', 'SIGCHLD', 'SIGTTIN', 'SIGTTOU', 'SIGIO', 'SIGXCPU', 'SIGXFSZ', 'SIGVTALRM', 'SIGPROF', 'SIGWINCH', 'SIGINFO', 'SIGUSR1', 'SIGUSR2'];

/** True when a JSON object has KSCrash's top-level shape. */
export function isKsCrashReport(body: JsonObject): boolean {
  return isJsonObject(body.report) && isJsonObject(body.crash) && (Array.isArray(body.binary_images) || isJsonObject(body.system));
}

export function readKsCrash(body: JsonObject, report: Report): void {
  report.kind = 'crash';
  report.source.producer = 'KSCrash';
  const meta = objAt(body, 'report');
  const version = textAt(meta, 'version');
  if (version) report.source.reportVersion = version;
  const id = textAt(meta, 'id');
  if (id) report.incident = id;
  const ts = numAt(meta, 'timestamp') ?? textAt(meta, 'timestamp');
  if (typeof ts === 'number') report.time = new Date(ts > 1e14 ? ts / 1000 : ts > 1e11 ? ts : ts * 1000).toISOString();
  else if (ts) report.time = ts;

  readSystem(objAt(body, 'system'), report, textAt(meta, 'process_name'));
  report.images = readImages(arrAt(body, 'binary_images'), report.warnings);
  const crash = objAt(body, 'crash');
  readError(objAt(crash, 'error'), report);
  report.threads = readThreads(arrAt(crash, 'threads'), report.warnings);
  const crashed = report.threads.find((t) => t.crashed);
  report.crashedThread = crashed ? crashed.index : null;
  const diagnosis = textAt(crash, 'diagnosis');
  if (diagnosis) (report.notes ??= []).push(`KSCrash diagnosis: ${diagnosis}`);
  if (isJsonObject(body.recrash_report)) {
    report.warnings.push('KSCrash crashed while writing this report (recrash_report); the first crash is the one read');
  }
}

function readSystem(sys: JsonObject | undefined, report: Report, reportProcess: string | undefined): void {
  const p = report.process;
  const name = textAt(sys, 'process_name') ?? reportProcess ?? textAt(sys, 'CFBundleExecutable');
  if (name) p.name = name;
  const pid = numAt(sys, 'process_id');
  if (pid !== undefined) p.pid = pid;
  const ppid = numAt(sys, 'parent_process_id');
  if (ppid !== undefined) p.parentPid = ppid;
  const path = textAt(sys, 'CFBundleExecutablePath');
  if (path) p.path = path;
  const bundleId = textAt(sys, 'CFBundleIdentifier');
  if (bundleId) p.bundleId = bundleId;
  const short = textAt(sys, 'CFBundleShortVersionString');
  const build = textAt(sys, 'CFBundleVersion');
  if (short || build) p.version = short && build ? `${short} (${build})` : (short ?? build);
  const launch = textAt(sys, 'app_start_time');
  if (launch) p.launchTime = launch;
  if (boolAt(sys, 'proc_translated') === true) p.translated = true;

  const osName = textAt(sys, 'system_name');
  const osVersion = textAt(sys, 'system_version');
  const osBuild = textAt(sys, 'os_version');
  const simulator = textAt(sys, 'build_type') === 'simulator' || textAt(sys, 'model') === 'simulator';
  if (osName) report.os.platform = simulator ? `${osName} Simulator` : osName;
  if (osVersion) report.os.version = osVersion;
  if (osBuild) report.os.build = osBuild;
  if (osName || osVersion) report.os.raw = `${osName ?? ''} ${osVersion ?? ''}${osBuild ? ` (${osBuild})` : ''}`.trim();
  const kernel = textAt(sys, 'kernel_version');
  if (kernel) report.os.kernelVersion = kernel;
  const machine = textAt(sys, 'machine');
  if (machine) report.hardware.model = machine;
  const arch = normalizeArch(textAt(sys, 'cpu_arch'));
  if (arch) report.hardware.arch = arch;
}

function readError(error: JsonObject | undefined, report: Report): void {
  if (!error) return;
  const mach = objAt(error, 'mach');
  const signal = objAt(error, 'signal');
  const exc = (report.exception ??= {});
  const machName = textAt(mach, 'exception_name');
  if (machName) exc.type = machName;
  const sigNum = numAt(signal, 'signal');
  const sigName = textAt(signal, 'name') ?? (sigNum !== undefined ? SIGNALS[sigNum] : undefined);
  if (sigName) exc.signal = sigName;
  if (!exc.type && sigName) exc.type = sigName;
  const address = bigAt(error, 'address');
  const codeName = textAt(mach, 'code_name');
  const code = bigAt(mach, 'code');
  const subcode = bigAt(mach, 'subcode');
  if (machName === 'EXC_BAD_ACCESS' && codeName && address !== undefined) exc.codes = `${codeName} at ${hex(address, 16)}`;
  else if (code !== undefined) exc.codes = `${hex(code, 16)}, ${hex(subcode ?? 0n, 16)}`;
  if (address !== undefined && machName === 'EXC_BAD_ACCESS') exc.address = address;
  const sigCode = textAt(signal, 'code_name');
  if (sigCode) exc.subtype = sigCode;
  const reason = textAt(error, 'reason');

  const asi: string[] = [];
  const ns = objAt(error, 'nsexception');
  const nsName = textAt(ns, 'name');
  if (nsName) asi.push(`${nsName}: ${reason ?? textAt(ns, 'reason') ?? ''}`.trim());
  const cpp = textAt(objAt(error, 'cpp_exception'), 'name');
  if (cpp) asi.push(`C++ exception of type ${cpp}${reason ? `: ${reason}` : ''}`);
  const user = objAt(error, 'user_reported');
  if (user) asi.push(`user-reported exception ${textAt(user, 'name') ?? ''}${reason ? `: ${reason}` : ''}`.trim());
  if (asi.length === 0 && reason) asi.push(reason);
  if (asi.length > 0) report.applicationSpecific = asi;

  const exitCode = bigAt(objAt(error, 'exit_reason'), 'code');
  if (exitCode !== undefined) {
    report.termination = { code: `0x${exitCode.toString(16)}`, description: 'exit reason code recorded by KSCrash' };
  }
  const hang = objAt(error, 'hang');
  const start = numAt(hang, 'hang_start_nanos');
  const end = numAt(hang, 'hang_end_nanos');
  if (start !== undefined && end !== undefined && end >= start) {
    const role = textAt(hang, 'hang_end_role') ?? textAt(hang, 'hang_start_role');
    (report.notes ??= []).push(`KSCrash recorded a hang of ${((end - start) / 1e6).toFixed(0)} ms before the process ended${role ? ` (role ${role})` : ''}`);
  }
  const type = textAt(error, 'type');
  if (type) (report.notes ??= []).push(`KSCrash error type: ${type}`);
}

function readImages(list: unknown[] | undefined, warnings: string[]): BinaryImage[] {
  const out: BinaryImage[] = [];
  for (const v of list ?? []) {
    if (!isJsonObject(v)) continue;
    if (out.length >= MAX_IMAGES) {
      warnings.push(`only the first ${MAX_IMAGES} binary images were read`);
      break;
    }
    const img: BinaryImage = {};
    const path = textAt(v, 'name');
    if (path) {
      img.path = path;
      img.name = baseName(path);
    }
    const uuid = normalizeUuid(textAt(v, 'uuid'));
    if (uuid) img.uuid = uuid;
    const base = bigAt(v, 'image_addr');
    if (base !== undefined) img.base = base;
    const size = bigAt(v, 'image_size');
    if (size !== undefined) img.size = size;
    const arch = archOf(numAt(v, 'cpu_type'), numAt(v, 'cpu_subtype'));
    if (arch) img.arch = arch;
    const major = numAt(v, 'major_version');
    if (major !== undefined) img.version = `${major}.${numAt(v, 'minor_version') ?? 0}.${numAt(v, 'revision_version') ?? 0}`;
    out.push(img);
  }
  return out;
}

/** mach/machine.h CPU_TYPE_ARM64 / CPU_TYPE_X86_64 with the arm64e subtype. */
function archOf(type: number | undefined, subtype: number | undefined): string | undefined {
  if (type === 0x0100000c) return (subtype ?? 0) % 0x1000000 === 2 ? 'arm64e' : 'arm64';
  if (type === 0x01000007) return 'x86_64';
  if (type === 12) return 'armv7';
  if (type === 0x0200000c) return 'arm64_32';
  return undefined;
}

function readThreads(list: unknown[] | undefined, warnings: string[]): Thread[] {
  const out: Thread[] = [];
  for (const v of list ?? []) {
    if (!isJsonObject(v)) continue;
    if (out.length >= MAX_THREADS) {
      warnings.push(`only the first ${MAX_THREADS} threads were read`);
      break;
    }
    const t: Thread = { index: numAt(v, 'index') ?? out.length, crashed: boolAt(v, 'crashed') === true, frames: [] };
    const name = textAt(v, 'name');
    if (name) t.name = name;
    const queue = textAt(v, 'dispatch_queue');
    if (queue) t.queue = queue;
    for (const f of arrAt(objAt(v, 'backtrace'), 'contents') ?? []) {
      if (!isJsonObject(f) || t.frames.length >= MAX_FRAMES) continue;
      t.frames.push(readFrame(f, t.frames.length));
    }
    const regs = readRegisters(objAt(v, 'registers'));
    if (regs) t.registers = regs;
    out.push(t);
  }
  return out;
}

function readFrame(f: JsonObject, index: number): Frame {
  const frame: Frame = { index };
  const image = textAt(f, 'object_name');
  if (image) frame.image = image;
  const pc = bigAt(f, 'instruction_addr');
  if (pc !== undefined) frame.address = pc;
  const base = bigAt(f, 'object_addr');
  if (pc !== undefined && base !== undefined && pc >= base) frame.imageOffset = pc - base;
  const symbol = textAt(f, 'symbol_name');
  const symAddr = bigAt(f, 'symbol_addr');
  if (symbol) {
    frame.symbol = symbol;
    frame.symbolSource = 'report';
    if (pc !== undefined && symAddr !== undefined && pc >= symAddr) frame.symbolOffset = Number(pc - symAddr);
  }
  return frame;
}

function readRegisters(regs: JsonObject | undefined): Record<string, bigint> | undefined {
  const out: Record<string, bigint> = {};
  for (const group of [objAt(regs, 'basic'), objAt(regs, 'exception')]) {
    for (const key of Object.keys(group ?? {})) {
      const v = bigAt(group, key);
      if (v !== undefined && key !== 'exception') out[key.toLowerCase()] = v;
    }
  }
  return Object.keys(out).length > 0 ? out : undefined;
}


