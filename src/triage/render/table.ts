/** The triage document as a terminal table (cli-table3), sorted by count, fitted to the width given. */
import Table from 'cli-table3';
import stringWidth from 'string-width';
import { baselineText, byFailure, crashesNote, processesNote, quietHeading, redactionText, titleBesideCause, type TriageBucket, type TriageDocument } from '../aggregate.js';

export interface TableOptions {
  /** Terminal columns; the table never grows wider. */
  width?: number;
}

const MIN_WIDTH = 60;

export function renderTriageTable(doc: TriageDocument, opts: TableOptions = {}): string {
  const width = Math.max(MIN_WIDTH, opts.width ?? 100);
  const out: string[] = [fit(summaryLine(doc), width)];
  // A line of its own: appended to the summary, it was cut at the terminal's width.
  const only = processesNote(doc.summary);
  if (only) out.push(fit(`${only}.`, width));
  if (doc.summary.baseline) out.push(fit(`${baselineText(doc.summary.baseline)}.`, width));
  out.push('');
  const { failures, quiet } = byFailure(doc.buckets);
  if (failures.length > 0) {
    // Fixed columns first; the free text columns share what is left (7 borders/paddings per column).
    const fixed = { rank: 4, count: 7, seen: 12 };
    const free = width - (fixed.rank + fixed.count + fixed.seen) - 6 * 3 - 1;
    const bucketW = Math.max(16, Math.floor(free * 0.38));
    const causeW = Math.max(12, Math.floor(free * 0.4));
    const culpritW = Math.max(10, free - bucketW - causeW);
    const table = new Table({
      head: ['#', 'Count', 'Bucket', 'Likely cause', 'Culprit', 'Last seen'],
      colWidths: [fixed.rank, fixed.count, bucketW, causeW, culpritW, fixed.seen],
      // Cells come wrapped (wrapCell): cli-table3 breaks words anywhere, or cuts long ones short.
      wordWrap: false,
      style: { head: [], border: [] },
    });
    // Inside a cell: the column less its padding (one space each side).
    const cell = (text: string, colWidth: number): string => wrapCell(text, colWidth - 2);
    failures.forEach((b, i) =>
      table.push([String(i + 1), String(b.count), cell(bucketCell(b), bucketW), cell(causeCell(b), causeW), cell(b.culprit?.name ?? '', culpritW), b.lastSeen?.slice(0, 10) ?? '']),
    );
    out.push(table.toString(), '');
  }
  if (quiet.length > 0) {
    out.push(`${quietHeading(quiet)}:`);
    for (const b of quiet.slice(0, 20)) out.push(fit(`  ${String(b.count).padStart(4)}  ${b.likelyCause ?? b.title}  (${b.id})`, width));
    if (quiet.length > 20) out.push(`  … and ${quiet.length - 20} more (--format json lists all)`);
    out.push('');
  }
  if (doc.incidents.length > 0) {
    out.push(`Incidents (${doc.incidents.length}):`);
    for (const inc of doc.incidents.slice(0, 20)) {
      const loop = inc.loop ? `, crash loop ×${inc.loop.count}${inc.loop.spanSeconds !== undefined ? ` over ${inc.loop.spanSeconds} s` : ''}` : '';
      const note = crashesNote(inc);
      out.push(fit(`  ${inc.subject ?? '(no subject)'}: ${inc.count} reports${note ? ` (${note}: copies counted once)` : ''}${loop}${inc.diagnoses[0] ? ` — ${inc.diagnoses[0].title}` : ''}`, width));
    }
    if (doc.incidents.length > 20) out.push(`  … and ${doc.incidents.length - 20} more (--format json lists all)`);
    out.push('');
  }
  const gone = doc.summary.baseline?.goneBuckets ?? [];
  if (gone.length > 0) {
    out.push(`Not seen since the baseline (${gone.length}):`);
    for (const g of gone.slice(0, 20)) out.push(fit(`  ${g.id} (${g.count} report${g.count === 1 ? '' : 's'} then): ${g.title}`, width));
    if (gone.length > 20) out.push(`  … and ${gone.length - 20} more (--format json lists all)`);
    out.push('');
  }
  if (doc.errors.length > 0) out.push(`${doc.errors.length} file(s) could not be read (listed on stderr).`, '');
  const redacted = redactionText(doc);
  if (redacted) out.push(wrapCell(redacted, width), '');
  return out.join('\n');
}

/**
 * `text` in lines of at most `width` columns, broken at spaces. A word longer than a line (a bucket
 * id, a bundle id, a symbol) is broken after its last '-', '.', '/', '_' or ':' that fits, else at
 * the width; so ids and names stay whole where they fit and read in parts where they do not.
 */
export function wrapCell(text: string, width: number): string {
  const w = Math.max(1, width);
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line = '';
    let lineWidth = 0;
    for (const word of paragraph.split(' ')) {
      if (word === '') continue;
      const ww = stringWidth(word);
      if (lineWidth > 0 && lineWidth + 1 + ww <= w) {
        line += ` ${word}`;
        lineWidth += 1 + ww;
        continue;
      }
      if (lineWidth > 0) lines.push(line);
      let rest = word;
      while (stringWidth(rest) > w) {
        const cut = breakPoint(rest, w);
        lines.push(rest.slice(0, cut));
        rest = rest.slice(cut);
      }
      line = rest;
      lineWidth = stringWidth(rest);
    }
    lines.push(line);
  }
  return lines.join('\n');
}

/** Where to cut a word wider than `width`: after the last break character among its first `width` columns, past a third of them. */
function breakPoint(word: string, width: number): number {
  let end = 0;
  // The longest prefix that fits (code points; wide characters count by their width).
  for (let used = 0; end < word.length; ) {
    const cp = word.codePointAt(end) as number;
    const size = cp > 0xffff ? 2 : 1;
    const cw = stringWidth(word.slice(end, end + size));
    if (used + cw > width) break;
    used += cw;
    end += size;
  }
  if (end === 0) end = (word.codePointAt(0) as number) > 0xffff ? 2 : 1; // one character wider than the line
  for (let i = end; i > Math.floor(end / 3); i--) if (BREAK_AFTER.includes(word[i - 1] as string)) return i;
  return end;
}

const BREAK_AFTER = '-./_:';

function fit(line: string, width: number): string {
  return line.length > width ? `${line.slice(0, width - 1)}…` : line;
}

function bucketCell(b: TriageBucket): string {
  const procs = Object.keys(b.processes).slice(0, 2).join(', ');
  const title = titleBesideCause(b) === undefined ? '' : `${b.title}\n`;
  return `${b.new ? 'NEW ' : ''}${title}${b.id}${procs ? `\n${procs}` : ''}${copiesNote(b)}`;
}

/** Said when some reports of a bucket are copies of one crash (an .ips beside the .crash made from it). */
function copiesNote(b: TriageBucket): string {
  const note = crashesNote(b);
  return note ? `\n${note}: copies counted once` : '';
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
