/**
 * bug_type 298 jetsam event (FORMATS §2.3; Apple "Identifying high-memory use with jetsam event
 * reports"). Only killed processes carry `reason`; resident bytes = rpages × memoryStatus.pageSize.
 */
import type { JetsamProcess, Report } from '../../model/report.js';
import { normalizeUuid } from '../../model/uuid.js';
import { arrAt, capList, numAt, numOf, objAt, strOf, textOf } from './json-access.js';
import { isJsonObject, type JsonObject } from './lossless-json.js';
import { readJsonFacts } from './body-210.js';

/** How many of the largest processes are kept. */
const LARGEST = 10;
const MAX_PROCESSES = 5000;

export function readBody298(body: JsonObject, report: Report): void {
  readJsonFacts(body, report);
  const pageSize = numAt(objAt(body, 'memoryStatus'), 'pageSize');
  const list = capList(arrAt(body, 'processes') ?? [], MAX_PROCESSES, 'jetsam processes', report.warnings);
  const all = list.filter(isJsonObject).map((p) => readProcess(p, pageSize));
  const killed = all.filter((p) => p.reason !== undefined);
  const largest = all
    .filter((p) => p.residentBytes !== undefined)
    .sort((a, b) => (b.residentBytes ?? 0) - (a.residentBytes ?? 0))
    .slice(0, LARGEST);
  report.jetsam = { killed, largest };
  if (pageSize !== undefined) report.jetsam.pageSize = pageSize;
  const largestName = textOf(body.largestProcess);
  if (largestName) report.jetsam.largestProcessName = largestName;
  const victim = killed[0];
  if (victim) {
    if (victim.name) report.process.name = victim.name;
    if (victim.pid !== undefined) report.process.pid = victim.pid;
  }
  if (all.length > 0) (report.notes ??= []).push(`jetsam: ${all.length} processes, ${killed.length} killed`);
}

function readProcess(p: JsonObject, pageSize: number | undefined): JetsamProcess {
  const out: JetsamProcess = {};
  const name = textOf(p.name);
  if (name) out.name = name;
  const pid = numOf(p.pid);
  if (pid !== undefined) out.pid = pid;
  const uuid = normalizeUuid(textOf(p.uuid));
  if (uuid) out.uuid = uuid;
  const reason = textOf(p.reason);
  if (reason) out.reason = reason;
  const rpages = numOf(p.rpages);
  if (rpages !== undefined && pageSize !== undefined) out.residentBytes = rpages * pageSize;
  const rawStates = p.states;
  if (Array.isArray(rawStates)) {
    // stringsAt in one loop: the strings of the array, non-strings skipped.
    const states: string[] = [];
    for (let i = 0; i < rawStates.length; i++) {
      const s = strOf(rawStates[i]);
      if (s !== undefined) states.push(s);
    }
    if (states.length > 0) out.states = states;
  }
  return out;
}
