/**
 * The .ips metadata header: line 1, a compact JSON object (FORMATS §2.1). All keys optional,
 * order varies, unknown keys kept. Normalised here: booleans (0/1 or true/false), padded names,
 * mixed-case UUIDs, `bug_type` as a string.
 */
import type { Report } from '../../model/report.js';
import { normalizeUuid } from '../../model/uuid.js';
import { boolOf, numAt, strAt, textAt } from './json-access.js';
import type { JsonObject, JsonValue } from './lossless-json.js';
import { parseOsString, platformName } from './platform.js';

const BOOLEAN_KEYS = ['share_with_app_devs', 'is_first_party', 'roots_installed', 'is_beta', 'ale_flag'];
const TRIMMED_KEYS = ['name', 'app_name', 'app_version', 'build_version', 'bundleID', 'os_version'];
const UUID_KEYS = ['slice_uuid', 'incident_id'];

export interface IpsHeader {
  /** The header with normalised values; unknown keys kept as read. */
  record: Record<string, JsonValue>;
  bugType?: string;
}

/**
 * Normalise a parsed header object, in place: callers pass the object they just parsed and keep no
 * other reference to it, so a copy would only be made to be thrown away. Each key is read before it
 * is rewritten and the key groups are disjoint, so the values are those a copy would get.
 */
export function normalizeHeader(raw: JsonObject): IpsHeader {
  const record: Record<string, JsonValue> = raw;
  for (const key of BOOLEAN_KEYS) {
    const b = boolOf(raw[key]);
    if (b !== undefined) record[key] = b;
  }
  for (const key of TRIMMED_KEYS) {
    const v = raw[key];
    if (typeof v === 'string') record[key] = v.trim();
  }
  for (const key of UUID_KEYS) {
    const u = normalizeUuid(strAt(raw, key));
    if (u) record[key] = u;
  }
  const bugType = textAt(raw, 'bug_type');
  if (bugType !== undefined) record.bug_type = bugType;
  return bugType === undefined ? { record } : { record, bugType };
}

/** True when an object looks like an .ips header rather than a body. */
export function looksLikeHeader(o: JsonObject): boolean {
  return 'bug_type' in o && !('procName' in o || 'panicString' in o || 'processes' in o || 'threads' in o);
}

/** Copy the header facts into the report; body facts read later take precedence. */
export function applyHeader(report: Report, header: IpsHeader): void {
  const h = header.record as JsonObject;
  report.source.header = header.record;
  if (header.bugType) report.source.bugType = header.bugType;
  const incident = normalizeUuid(strAt(h, 'incident_id'));
  if (incident) report.incident = incident;
  const time = textAt(h, 'timestamp');
  if (time) report.time = time;
  const name = textAt(h, 'name') ?? textAt(h, 'app_name');
  if (name) report.process.name = name;
  const version = textAt(h, 'app_version');
  const build = textAt(h, 'build_version');
  if (version) report.process.version = build && build !== version ? `${version} (${build})` : version;
  else if (build) report.process.version = build;
  const bundleId = textAt(h, 'bundleID');
  if (bundleId) report.process.bundleId = bundleId;
  const osVersion = textAt(h, 'os_version');
  if (osVersion) Object.assign(report.os, parseOsString(osVersion));
  const platform = numAt(h, 'platform');
  if (platform !== undefined) report.os.platform = platformName(platform);
}
