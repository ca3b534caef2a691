/** The triage document as a terminal table (cli-table3), sorted by count, fitted to the width given. */
import Table from 'cli-table3';
import type { TriageBucket, TriageDocument } from '../aggregate.js';

export interface TableOptions {
  /** Terminal columns; the table never grows wider. */
  width?: number;
}

const MIN_WIDTH = 60;

export function renderTriageTable(doc: TriageDocument, opts: TableOptions = {}): string {
  const width = Math.max(MIN_WIDTH, opts.width ?? 100);
  const out: string[] = [fit(summaryLine(doc), width), ''];
  if (doc.buckets.length > 0) {
    // Fixed columns first; the free text columns share what is left (7 borders/paddings per column).
    const fixed = { rank: 4, count: 7, seen: 12 };
    const free = width - (fixed.rank + fixed.count + fixed.seen) - 6 * 3 - 1;
    const bucketW = Math.max(16, Math.floor(free * 0.38));
    const causeW = Math.max(12, Math.floor(free * 0.4));
    const culpritW = Math.max(10, free - bucketW - causeW);
    const table = new Table({
      head: ['#', 'Count', 'Bucket', 'Likely cause', 'Culprit', 'Last seen'],
      colWidths: [fixed.rank, fixed.count, bucketW, causeW, culpritW, fixed.seen],
      wordWrap: true,
      wrapOnWordBoundary: false,
      style: { head: [], border: [] },
    });
    doc.buckets.forEach((b, i) => table.push([String(i + 1), String(b.count), bucketCell(b), causeCell(b), b.culprit?.name ?? '', b.lastSeen?.slice(0, 10) ?? '']));
    out.push(table.toString(), '');
  }
  if (doc.incidents.length > 0) {
    out.push(`Incidents (${doc.incidents.length}):`);
    for (const inc of doc.incidents.slice(0, 20)) {
      const loop = inc.loop ? `, crash loop ×${inc.loop.count}${inc.loop.spanSeconds !== undefined ? ` over ${inc.loop.spanSeconds} s` : ''}` : '';
      out.push(fit(`  ${inc.subject ?? '(no subject)'}: ${inc.count} reports${loop}${inc.diagnoses[0] ? ` — ${inc.diagnoses[0].title}` : ''}`, width));
    }
    if (doc.incidents.length > 20) out.push(`  … and ${doc.incidents.length - 20} more (--format json lists all)`);
    out.push('');
  }
  if (doc.errors.length > 0) out.push(`${doc.errors.length} file(s) could not be read (listed on stderr).`, '');
  return out.join('\n');
}

function fit(line: string, width: number): string {
  return line.length > width ? `${line.slice(0, width - 1)}…` : line;
}

function bucketCell(b: TriageBucket): string {
  const procs = Object.keys(b.processes).slice(0, 2).join(', ');
  const title = b.title === b.likelyCause ? '' : `${b.title}\n`;
  return `${title}${b.id}${procs ? `\n${procs}` : ''}`;
}

function causeCell(b: TriageBucket): string {
  if (!b.likelyCause) return '';
  return `${b.likelyCause}${b.confidence !== null ? ` (${Math.round(b.confidence * 100)}%)` : ''}`;
}

export function summaryLine(doc: TriageDocument): string {
  const s = doc.summary;
  const parts = [`${s.files} file(s)`, `${s.reports} report(s)`, `${s.buckets} bucket(s)`, `${s.incidents} incident(s)`];
  if (s.failed > 0) parts.push(`${s.failed} failed`);
  if (s.skipped > 0) parts.push(`${s.skipped} passed over (not reports)`);
  if (s.beforeSince > 0) parts.push(`${s.beforeSince} before ${s.since}`);
  if (doc.buckets.length < s.buckets) parts.push(`top ${doc.buckets.length} shown`);
  return `${s.interrupted ? 'Interrupted: ' : ''}${parts.join(', ')}`;
}
