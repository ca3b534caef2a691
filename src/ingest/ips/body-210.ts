/**
 * bug_type 210 body: a kernel panic (FORMATS §4). The panic text itself is read by the panic-text
 * parser; here: which string is primary, the JSON-level facts, the stackshot summary, the images.
 */
import type { Report } from '../../model/report.js';
import { normalizeUuid } from '../../model/uuid.js';
import { parsePanicString, type PanicStringResult } from '../panic-text/parse-panic-string.js';
import { stringsAt, textAt, textOf } from './json-access.js';
import type { JsonObject } from './lossless-json.js';
import { archFromKernelVersion, parseOsString } from './platform.js';
import { readStackshot } from './stackshot.js';
import { panicStringKey } from './sniff.js';

/** Longest secondary panic string kept. */
const MAX_SECONDARY = 64 * 1024;

export interface PanicStrings {
  primary?: string;
  secondary?: string;
}

/**
 * The selection rule (FORMATS §4): `macOSPanicString` is primary when it holds a real panic
 * (a `panic(` line or a backtrace); otherwise `panicString`. Both are kept when both exist.
 */
export function selectPanicStrings(body: JsonObject): PanicStrings {
  const other = textOf(body.panicString) === undefined && textOf(body.macOSPanicString) === undefined ? panicStringKey(body) : undefined;
  const ios = textAt(body, other ?? 'panicString');
  const mac = textOf(body.macOSPanicString);
  const macIsPanic = mac !== undefined && /panic\(|Backtrace \(CPU|\blr:\s*0x/.test(mac);
  const [primary, secondary] = macIsPanic || !ios ? [mac, ios] : [ios, mac];
  const out: PanicStrings = {};
  if (primary) out.primary = primary;
  if (secondary) out.secondary = secondary;
  return out;
}

export type PanicStringParser = (text: string) => PanicStringResult;

/** Fill `report` from a 210 body. */
export function readBody210(body: JsonObject, report: Report, parse: PanicStringParser = parsePanicString): void {
  readJsonFacts(body, report);
  const { primary, secondary } = selectPanicStrings(body);
  if (primary) {
    const parsed = parse(primary);
    report.panic = parsed.panic;
    mergeMissing(report.process, parsed.process);
    mergeMissing(report.hardware, parsed.hardware);
    const textBuild = parsed.os.build;
    if (textBuild && report.os.build && textBuild !== report.os.build) {
      (report.notes ??= []).push(
        `OS build differs: ${report.os.build} in the report${report.os.raw ? ` ("${report.os.raw}")` : ''}, ${textBuild} in the panic text (trusted)`,
      );
      report.os.build = textBuild;
      // The header's version string describes the other (patched or spoofed) OS; keep it only in the note.
      delete report.os.raw;
      delete report.os.version;
    }
    mergeMissing(report.os, parsed.os);
    if (!report.hardware.arch && report.os.kernelVersion) {
      const arch = archFromKernelVersion(report.os.kernelVersion);
      if (arch) report.hardware.arch = arch;
    }
    report.warnings.push(...parsed.warnings.map((w) => `panic string: ${w}`));
    if (parsed.notes.length > 0) (report.notes ??= []).push(...parsed.notes);
  } else {
    report.panic = { kexts: [], backtrace: [] };
    report.warnings.push('panic report without a panic string');
  }
  if (secondary) {
    report.panic.secondaryPanicString = secondary.length > MAX_SECONDARY ? `${secondary.slice(0, MAX_SECONDARY)} …` : secondary;
  }
  if (!report.panic.time && report.time) report.panic.time = report.time;

  const processes = readStackshot(body, report);
  const pid = report.panic.panickedPid ?? report.process.pid;
  if (pid !== undefined && !report.process.name) {
    const name = processes.find((p) => p.pid === pid)?.name;
    if (name) report.process.name = name;
  }
  const other = textOf(body.otherString);
  const notes = [...(stringsAt(body, 'notes') ?? []), ...(other ? [other] : [])];
  if (notes.length > 0) (report.notes ??= []).push(...notes.slice(0, 50));
}

/** Facts every panic-like body (210, 288, 409) writes at the top level. */
export function readJsonFacts(body: JsonObject, report: Report): void {
  const build = textOf(body.build);
  if (build) {
    const os = parseOsString(build);
    if (os.build) report.os.build = os.build;
    if (os.version) report.os.version = os.version;
    if (os.platform && !report.os.platform) report.os.platform = os.platform;
    report.os.raw ??= os.raw;
  }
  const kernel = textOf(body.kernel);
  if (kernel) {
    report.os.kernelVersion = kernel;
    const arch = archFromKernelVersion(kernel);
    if (arch) report.hardware.arch = arch;
  }
  const product = textOf(body.product);
  if (product) report.hardware.model = product;
  const soc = textOf(body.socId);
  if (soc) report.hardware.soc = soc;
  const incident = normalizeUuid(textOf(body.incident));
  if (incident) report.incident = incident;
  const date = textOf(body.date);
  if (date) report.time = date;
}

function mergeMissing<T extends object>(target: T, source: Partial<T>): void {
  for (const [k, v] of Object.entries(source) as Array<[keyof T, T[keyof T]]>) {
    if (v !== undefined && target[k] === undefined) target[k] = v;
  }
}
