/**
 * bug_type 309 body: a user-space crash (FORMATS §3). Reads the current `version: 2` shape and
 * the older ones (no `version`, bare register numbers, tuple images, `rawCodes` only).
 */
import { readAsiBacktraces } from './asi-backtraces.js';
import type { ExceptionInfo, Report, TerminationInfo } from '../../model/report.js';
import { normalizeUuid } from '../../model/uuid.js';
import { hex } from '../../model/numbers.js';
import { arrAt, bigOf, boolOf, numOf, objAt, textAt, textOf, strOf } from './json-access.js';
import { isJsonObject, type JsonObject } from './lossless-json.js';
import { readImages } from './images.js';
import { normalizeArch, parseOsString, platformFromOsName } from './platform.js';
import { readFrames, readThreads } from './threads-309.js';

/** Fill `report` from a 309 (or 308 / 309-like) body. */
export function readBody309(body: JsonObject, report: Report): void {
  const version = textOf(body.version);
  if (version) report.source.reportVersion = version;
  readProcess(body, report);
  readOs(body, report);
  const incident = normalizeUuid(textOf(body.incident));
  if (incident) report.incident = incident;
  const time = textOf(body.captureTime);
  if (time) report.time = time;

  const rawException = textOf(body.exception);
  const exception = rawException ? { type: rawException } : readException(objAt(body, 'exception'));
  if (exception) report.exception = exception;
  if (boolOf(body.isNonFatal) === true) (report.exception ??= {}).note = 'NON-FATAL CONDITION';
  const termination = readTermination(objAt(body, 'termination'));
  if (termination) report.termination = termination;
  const asi = readAsi(body.asi);
  if (asi.length > 0) report.applicationSpecific = asi;
  const triage = textOf(body.ktriageinfo);
  if (triage) report.kernelTriage = triage.split('\n').map((l) => l.trim()).filter((l) => l !== '');
  const vm = textOf(body.vmRegionInfo) ?? textOf(body.vmregioninfo);
  if (vm) report.vmRegionInfo = vm;

  report.images = readImages(arrAt(body, 'usedImages') ?? arrAt(body, 'binaryImages'), report.warnings);
  const faulting = numOf(body.faultingThread);
  report.threads = readThreads(arrAt(body, 'threads'), report.images, faulting, report.warnings);
  const crashed = faulting ?? report.threads.find((t) => t.crashed)?.index;
  report.crashedThread = crashed ?? null;
  const queue = textAt(objAt(objAt(body, 'legacyInfo'), 'threadTriggered'), 'queue');
  const crashedThread = report.threads.find((t) => t.index === crashed);
  if (queue && crashedThread && !crashedThread.queue) crashedThread.queue = queue;

  const leb = arrAt(body, 'lastExceptionBacktrace');
  if (leb) report.lastExceptionBacktrace = readFrames(leb, report.images, 'lastExceptionBacktrace', report.warnings);
  const asb = readAsiBacktraces(body.asiBacktraces, report.images, report.warnings);
  if (asb.length > 0) {
    report.applicationSpecificBacktraces = asb;
    // Without a Last Exception Backtrace the first application-specific one is the exception's stack.
    report.lastExceptionBacktrace ??= asb[0];
  }
  if (!report.hardware.arch) {
    const main = report.images.find((i) => i.path !== undefined && i.path === report.process.path);
    if (main?.arch) report.hardware.arch = main.arch;
  }
}

function readProcess(body: JsonObject, report: Report): void {
  const p = report.process;
  const name = textOf(body.procName);
  if (name) p.name = name;
  const pid = numOf(body.pid);
  if (pid !== undefined) p.pid = pid;
  const path = textOf(body.procPath);
  if (path) p.path = path;
  const bundle = objAt(body, 'bundleInfo');
  const bundleId = textOf(bundle?.CFBundleIdentifier);
  if (bundleId) p.bundleId = bundleId;
  const short = textOf(bundle?.CFBundleShortVersionString);
  const long = textOf(bundle?.CFBundleVersion);
  if (short) p.version = long && long !== short ? `${short} (${long})` : short;
  else if (long) p.version = long;
  const parent = textOf(body.parentProc);
  if (parent) p.parentName = parent;
  const parentPid = numOf(body.parentPid);
  if (parentPid !== undefined) p.parentPid = parentPid;
  const responsible = textOf(body.responsibleProc);
  if (responsible) p.responsible = responsible;
  const role = textOf(body.procRole);
  if (role) p.role = role;
  const userId = numOf(body.userID);
  if (userId !== undefined) p.userId = userId;
  const translated = boolOf(body.translated);
  if (translated !== undefined) p.translated = translated;
  const coalition = textOf(body.coalitionName);
  if (coalition) p.coalition = coalition;
  const launch = textOf(body.procLaunch);
  if (launch) p.launchTime = launch;
  const model = textOf(body.modelCode);
  if (model) report.hardware.model = model;
  const arch = normalizeArch(textOf(body.cpuType));
  if (arch) report.hardware.arch = arch;
}

function readOs(body: JsonObject, report: Report): void {
  const os = objAt(body, 'osVersion');
  if (!os) return;
  const train = textOf(os?.train);
  if (train) {
    const parsed = parseOsString(train);
    if (parsed.version) report.os.version = parsed.version;
    if (!report.os.platform) {
      const platform = platformFromOsName(train);
      if (platform) report.os.platform = platform;
    }
  }
  const build = textOf(os?.build);
  if (build) report.os.build = build;
  const releaseType = textOf(os?.releaseType);
  if (releaseType) report.os.releaseType = releaseType;
  if (!report.os.raw && train) report.os.raw = build ? `${train} (${build})` : train;
}

function readException(e: JsonObject | undefined): ExceptionInfo | undefined {
  if (!e) return undefined;
  const out: ExceptionInfo = {};
  for (const key of ['type', 'signal', 'subtype', 'message'] as const) {
    const v = textAt(e, key);
    if (v) out[key] = v;
  }
  let codes = textOf(e?.codes);
  const raw = arrAt(e, 'rawCodes');
  if (!codes && raw) {
    const values = raw.map(bigOf).filter((b): b is bigint => b !== undefined);
    if (values.length > 0) codes = values.map((b) => hex(b, 16)).join(', ');
  }
  if (codes) out.codes = codes;
  const at = /\bat (0x[0-9a-fA-F]+)/.exec(out.subtype ?? '');
  if (at?.[1]) out.address = BigInt(at[1]);
  else if (out.type === 'EXC_BAD_ACCESS' && raw && raw.length >= 2) {
    const addr = bigOf(raw[1]);
    if (addr !== undefined) out.address = addr;
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

function readTermination(t: JsonObject | undefined): TerminationInfo | undefined {
  if (!t) return undefined;
  const out: TerminationInfo = {};
  const namespace = textOf(t?.namespace);
  if (namespace) out.namespace = namespace;
  const code = bigOf(t.code);
  if (code !== undefined) out.code = code > 0xffffn ? hex(code) : code.toString();
  else if (textOf(t?.code)) out.code = textOf(t?.code);
  const indicator = textOf(t?.indicator);
  if (indicator) out.indicator = indicator;
  const byProc = textOf(t?.byProc);
  if (byProc) out.byProcess = byProc;
  const byPid = numOf(t?.byPid);
  if (byPid !== undefined) out.byPid = byPid;
  const reasons = stringList(t.reasons) ?? stringList(t.reason);
  if (reasons) out.reasons = reasons;
  const details = stringList(t.details);
  if (details) out.description = details.join('\n');
  return Object.keys(out).length > 0 ? out : undefined;
}

function stringList(v: JsonObject[string] | undefined): string[] | undefined {
  if (typeof v === 'string') return v.trim() ? [v.trim()] : undefined;
  if (!Array.isArray(v)) return undefined;
  const list = v.map(strOf).filter((s): s is string => s !== undefined && s.trim() !== '');
  return list.length > 0 ? list : undefined;
}

/** `asi`: image name → string or strings, flattened to "image: text" lines. */
function readAsi(asi: JsonObject[string] | undefined): string[] {
  if (!isJsonObject(asi)) return stringList(asi) ?? [];
  const lines: string[] = [];
  for (const [image, value] of Object.entries(asi)) {
    for (const text of stringList(value) ?? []) lines.push(`${image}: ${text}`);
  }
  return lines;
}
