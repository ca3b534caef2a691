/** The triage document as Markdown: a summary, the bucket table and incidents. Core code. */
import { code, esc } from '../../report/markdown.js';
import { baselineText, byFailure, crashesNote, processesNote, quietHeading, redactionText, shortTime, titleBesideCause, type TriageDocument } from '../aggregate.js';
import { summaryLine } from './table.js';

/**
 * A table row. Text from the reports goes through the analyze renderer's escaping (emphasis, links,
 * bare URLs, pipes); an empty cell is written `| |`, which markdownlint's table style (MD060) accepts.
 */
const row = (cells: string[]): string => `|${cells.map((c) => (c === '' ? ' ' : ` ${c} `)).join('|')}|`;

export function renderTriageMarkdown(doc: TriageDocument): string {
  const out = ['# paniclens triage', '', `${esc(summaryLine(doc))}.`, ''];
  const only = processesNote(doc.summary);
  if (only) out.push(`${esc(only)}.`, '');
  if (doc.summary.baseline) out.push(`${esc(baselineText(doc.summary.baseline))}.`, '');
  const { failures, quiet } = byFailure(doc.buckets);
  if (failures.length > 0) {
    out.push(row(['#', 'Count', 'Bucket', 'Likely cause', 'Confidence', 'Culprit', 'First seen', 'Last seen', 'OS versions']), row(new Array<string>(9).fill('---')));
    failures.forEach((b, i) => {
      const os = Object.entries(b.osVersions).slice(0, 3).map(([k, n]) => `${k} (${n})`).join(', ');
      out.push(
        row([
          String(i + 1),
          crashesNote(b) ? `${b.count} (${crashesNote(b)})` : String(b.count),
          `${b.new ? '**new** ' : ''}${titleBesideCause(b) === undefined ? code(b.id) : `${esc(b.title)} ${code(b.id)}`}`,
          esc(b.likelyCause ?? ''),
          b.confidence === null ? '' : `${Math.round(b.confidence * 100)}%`,
          esc(b.culprit?.name ?? ''),
          shortTime(b.firstSeen),
          shortTime(b.lastSeen),
          esc(os),
        ]),
      );
    });
    out.push('');
  }
  if (quiet.length > 0) {
    out.push(`## ${quietHeading(quiet)}`, '');
    for (const b of quiet) out.push(`- ${b.count} × ${esc(b.likelyCause ?? b.title)} ${code(b.id)}`);
    out.push('');
  }
  if (doc.incidents.length > 0) {
    out.push('## Incidents', '');
    for (const inc of doc.incidents) {
      const loop = inc.loop ? `; crash loop ×${inc.loop.count}` : '';
      const note = crashesNote(inc);
      out.push(`- **${esc(inc.subject ?? '(no subject)')}**: ${inc.count} reports${note ? ` (${note}: copies counted once)` : ''}${loop}${inc.diagnoses[0] ? `: ${esc(inc.diagnoses[0].title)}` : ''}`);
    }
    out.push('');
  }
  const gone = doc.summary.baseline?.goneBuckets ?? [];
  if (gone.length > 0) {
    out.push('## Not seen since the baseline', '');
    for (const g of gone) out.push(`- ${code(g.id)} (${g.count} report${g.count === 1 ? '' : 's'} then): ${esc(g.title)}`);
    out.push('');
  }
  if (doc.errors.length > 0) {
    out.push('## Files that could not be read', '');
    for (const e of doc.errors) out.push(`- ${code(e.path)}: ${esc(e.message)}`);
    out.push('');
  }
  const redacted = redactionText(doc);
  if (redacted) out.push('---', '', esc(redacted), '');
  return out.join('\n');
}
