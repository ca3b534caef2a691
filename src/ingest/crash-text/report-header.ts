/**
 * The `Key: value` header of microstackshot, spindump and old stackshot text: read up to the first
 * per-process section, first occurrence of each label wins. Also fills the facts these reports
 * share with crash text (OS, hardware, times).
 */
import type { Report } from '../../model/report.js';
import { normalizeUuid } from '../../model/uuid.js';
import { parseOsString } from '../ips/platform.js';
import { parseCodeType } from './code-type.js';
import { nameAndPid, splitLabel } from './label.js';
import type { SourceLine } from './preface.js';

/** Lines that end the report header: per-process sections and sample trees. */
const HEADER_END = /^(Process:|Powerstats for:|Heaviest stack|Heavy format|-{20,}|\s+Thread 0x|\s+\d+\s+\?\?\?)/;
const MAX_HEADER_LINES = 200;

export function readHeader(lines: SourceLine[]): Map<string, string> {
  const fields = new Map<string, string>();
  for (const { text } of lines.slice(0, MAX_HEADER_LINES)) {
    if (HEADER_END.test(text)) break;
    const lv = splitLabel(text);
    if (lv && !fields.has(lv.label)) fields.set(lv.label, lv.value);
  }
  return fields;
}

const known = (v: string | undefined): v is string => v !== undefined && v !== '' && !/^(\?\?\?|UNKNOWN)/.test(v);

/** Common facts: command/process, pid, path, version, OS, hardware, time, incident. */
export function applyCommonHeader(r: Report, f: Map<string, string>): void {
  const command = f.get('Command');
  if (known(command)) r.process.name = command;
  const pid = Number(f.get('PID'));
  if (f.get('PID') && Number.isInteger(pid)) r.process.pid = pid;
  const path = f.get('Path');
  if (known(path) && path !== 'UNKNOWN PATH') r.process.path = path;
  const id = f.get('Identifier');
  if (known(id)) r.process.bundleId = id;
  const version = f.get('Version');
  if (known(version)) r.process.version = version;
  const parent = f.get('Parent');
  if (known(parent)) {
    const p = nameAndPid(parent);
    if (p.name && p.name !== 'UNKNOWN') r.process.parentName = p.name;
    if (p.pid !== undefined) r.process.parentPid = p.pid;
  }
  const os = f.get('OS Version');
  if (os) r.os = { ...r.os, ...parseOsString(os) };
  const kernel = f.get('Kernel version');
  if (kernel) r.os.kernelVersion = kernel;
  const model = f.get('Hardware model') ?? f.get('Hardware Model');
  if (known(model)) r.hardware.model = model;
  const arch = f.get('Architecture');
  if (arch) {
    const ct = parseCodeType(arch);
    if (ct.arch) r.hardware.arch = ct.arch;
  }
  const time = f.get('Date/Time') ?? f.get('Date');
  if (time) r.time = time;
  const incident = f.get('Incident Identifier');
  if (incident) r.incident = normalizeUuid(incident) ?? incident;
  const rv = f.get('Report Version');
  if (rv) r.source.reportVersion = rv;
}
