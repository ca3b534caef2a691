import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ingestText } from '../../src/ingest/index.js';
import { emptyReport, type LogEvent, type Report } from '../../src/model/report.js';
import { builtinSignatures } from '../../src/diagnose/read-signatures.js';
import { diagnose, type DiagnoseResult } from '../../src/diagnose/index.js';

export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
export const signatureFixtureDir = `${repoRoot}test/fixtures/signatures/`;

/**
 * Reports of a text through the real ingesters. Transitional: while the kernel-log parser is still
 * the placeholder on main (issue 2), kernel-log text is read by the minimal line reader below so the
 * signatures can be tested on real log text; once the parser lands its reports are used instead.
 */
export function reportsFromText(text: string, path: string): Report[] {
  const res = ingestText(text, path);
  if (res.errors.length > 0) throw new Error(`${path}: ${res.errors.map((e) => e.message).join('; ')}`);
  const placeholder = res.reports.some((r) => r.source.format === 'kernel-log' && r.events.length === 0 && r.warnings.some((w) => w.includes('not implemented')));
  if (placeholder) return [provisionalKernelLog(text, path)];
  // Transitional as well: the .ips ingester does not read jetsam (298) bodies yet.
  for (const r of res.reports) if (r.kind === 'jetsam' && !r.jetsam) provisionalJetsam(text, r);
  return res.reports;
}

function provisionalJetsam(text: string, r: Report): void {
  const body = JSON.parse(text.slice(text.indexOf('\n') + 1)) as {
    largestProcess?: string;
    memoryStatus?: { pageSize?: number };
    processes?: { name?: string; pid?: number; reason?: string; rpages?: number; states?: string[] }[];
  };
  const pageSize = body.memoryStatus?.pageSize;
  const procs = (body.processes ?? []).map((p) => ({
    ...(p.name ? { name: p.name } : {}),
    ...(p.pid !== undefined ? { pid: p.pid } : {}),
    ...(p.reason ? { reason: p.reason } : {}),
    ...(p.rpages !== undefined && pageSize ? { residentBytes: p.rpages * pageSize } : {}),
    ...(p.states ? { states: p.states } : {}),
  }));
  r.jetsam = {
    ...(pageSize ? { pageSize } : {}),
    killed: procs.filter((p) => p.reason),
    largest: [...procs].sort((a, b) => (b.residentBytes ?? 0) - (a.residentBytes ?? 0)).slice(0, 5),
    ...(body.largestProcess ? { largestProcessName: body.largestProcess } : {}),
  };
}

export function reportsFromFile(file: string): Report[] {
  return reportsFromText(readFileSync(file, 'utf8'), file.startsWith(repoRoot) ? file.slice(repoRoot.length) : file);
}

export function diagnoseFiles(files: string[]): DiagnoseResult {
  return diagnose(files.flatMap(reportsFromFile), builtinSignatures().signatures);
}

const PREFIXES: { re: RegExp; time: number; proc: number }[] = [
  // log show default: "2026-03-01 10:21:07.123456-0800 0x1a2b  Default  0x0  0  0  kernel: msg"
  { re: /^(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d+[+-]\d{4})\s+0x[0-9a-f]+\s+\w+\s+0x[0-9a-f]+\s+\d+\s+\d+\s+([\w.-]+)(?:\[\d+\])?: /, time: 1, proc: 2 },
  // syslog style: "2026-03-01 10:21:07.123456-0800  localhost kernel[0]: msg"
  { re: /^(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d+[+-]\d{4})\s+\S+\s+([\w.-]+)\[\d+\]: /, time: 1, proc: 2 },
  // compact: "2026-03-01 10:21:07.123 Df kernel[0:1a2b] msg"
  { re: /^(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d+)\s+\w\w\s+([\w.-]+)\[[0-9a-f:]+\] /, time: 1, proc: 2 },
  { re: /^()([\w.-]+)(?:\[\d+\])?: /, time: 1, proc: 2 },
];

function provisionalKernelLog(text: string, path: string): Report {
  const r = emptyReport({ path, format: 'kernel-log' }, 'kernel-log');
  text.split('\n').forEach((raw, i) => {
    const line = raw.trimEnd();
    if (line.trim() === '') return;
    const e: LogEvent = { message: line, line: i + 1 };
    for (const p of PREFIXES) {
      const m = p.re.exec(line);
      if (!m) continue;
      if (m[p.time]) e.time = m[p.time] as string;
      e.process = m[p.proc] as string;
      e.message = line.slice(m[0].length);
      break;
    }
    const sender = /^\(([^()\s]+\.dext)\) /.exec(e.message);
    if (sender) e.sender = sender[1] as string;
    r.events.push(e);
  });
  return r;
}
