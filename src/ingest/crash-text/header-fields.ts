/**
 * Header block fields (FORMATS §6.1): who crashed, on what, when. One function per concern keeps
 * the dispatcher in index.ts a flat table lookup.
 */
import type { Report } from '../../model/report.js';
import { normalizeUuid } from '../../model/uuid.js';
import { parseOsString } from '../ips/platform.js';
import { parseCodeType } from './code-type.js';
import { nameAndPid } from './label.js';

type Apply = (r: Report, value: string) => void;

const unknown = (v: string): boolean => v === '' || v === '???' || v === 'UNKNOWN' || v === 'UNKNOWN PATH';

export const HEADER_FIELDS: Record<string, Apply> = {
  'Incident Identifier': (r, v) => {
    r.incident = normalizeUuid(v) ?? v;
  },
  'Hardware Model': (r, v) => {
    if (!unknown(v)) r.hardware.model = v;
  },
  'Device Model': (r, v) => {
    if (!unknown(v)) r.hardware.model ??= v;
  },
  Process: (r, v) => {
    const { name, pid } = nameAndPid(v);
    if (name) r.process.name = name;
    if (pid !== undefined) r.process.pid = pid;
  },
  Path: (r, v) => {
    if (!unknown(v)) r.process.path = v;
  },
  Identifier: (r, v) => {
    if (!unknown(v)) r.process.bundleId = v;
  },
  Version: (r, v) => {
    if (!unknown(v) && v !== '??? (???)') r.process.version = v;
  },
  'Code Type': (r, v) => {
    const ct = parseCodeType(v);
    if (ct.arch) r.hardware.arch = ct.arch;
    if (ct.translated !== undefined) r.process.translated = ct.translated;
  },
  Architecture: (r, v) => {
    const ct = parseCodeType(v);
    if (ct.arch) r.hardware.arch ??= ct.arch;
  },
  Role: (r, v) => {
    if (!unknown(v)) r.process.role = v;
  },
  'Parent Process': (r, v) => {
    const { name, pid } = nameAndPid(v);
    if (name) r.process.parentName = name;
    if (pid !== undefined) r.process.parentPid = pid;
  },
  Responsible: (r, v) => {
    if (!unknown(v)) r.process.responsible = v;
  },
  Coalition: (r, v) => {
    if (!unknown(v)) r.process.coalition = v;
  },
  'User ID': (r, v) => {
    const n = Number(v);
    if (v !== '' && Number.isInteger(n)) r.process.userId = n;
  },
  'Date/Time': (r, v) => {
    if (v) r.time = v;
  },
  Date: (r, v) => {
    if (v) r.time ??= v;
  },
  'Launch Time': (r, v) => {
    if (v) r.process.launchTime = v;
  },
  'OS Version': (r, v) => {
    if (!v) return;
    const os = parseOsString(v);
    r.os = { ...r.os, ...os };
  },
  'Release Type': (r, v) => {
    if (v) r.os.releaseType = v;
  },
  'Kernel version': (r, v) => {
    if (v) r.os.kernelVersion = v;
  },
  'Report Version': (r, v) => {
    if (v) r.source.reportVersion = v;
  },
};

/** Fields worth keeping as notes, as `Label: value`. */
export const NOTE_FIELDS = new Set([
  'Bridge OS Version',
  'Baseband Version',
  'Time Awake Since Boot',
  'Time Since Wake',
  'System Integrity Protection',
  'Logical CPU',
  'Error Code',
  'Trap Number',
  'Beta Identifier',
  'Framework Version',
  'CrashDoctor Diagnosis',
  'Graphics kernel error',
]);

/** Fields read and deliberately not kept (identifiers of the device or user, layout noise). */
export const IGNORED_FIELDS = new Set(['CrashReporter Key', 'Anonymous UUID', 'Sleep/Wake UUID', 'Share With Devs', 'UDID']);
