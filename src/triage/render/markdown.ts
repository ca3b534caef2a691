/** The triage document as Markdown: a summary, the bucket table and incidents. Core code. */
import type { TriageDocument } from '../aggregate.js';
import { summaryLine } from './table.js';

const cell = (s: string): string => s.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');

export function renderTriageMarkdown(doc: TriageDocument): string {
  const out = ['# paniclens triage', '', `${summaryLine(doc)}.`, ''];
  if (doc.buckets.length > 0) {
    out.push('| # | Count | Bucket | Likely cause | Confidence | Culprit | First seen | Last seen | OS versions |', '| --- | --- | --- | --- | --- | --- | --- | --- | --- |');
    doc.buckets.forEach((b, i) => {
      const os = Object.entries(b.osVersions).slice(0, 3).map(([k, n]) => `${k} (${n})`).join(', ');
      out.push(
        `| ${i + 1} | ${b.count} | ${cell(b.title)} \`${b.id}\` | ${cell(b.likelyCause ?? '')} | ${b.confidence === null ? '' : `${Math.round(b.confidence * 100)}%`} | ${cell(b.culprit?.name ?? '')} | ${b.firstSeen ?? ''} | ${b.lastSeen ?? ''} | ${cell(os)} |`,
      );
    });
    out.push('');
  }
  if (doc.incidents.length > 0) {
    out.push('## Incidents', '');
    for (const inc of doc.incidents) {
      const loop = inc.loop ? `; crash loop ×${inc.loop.count}` : '';
      out.push(`- **${cell(inc.subject ?? '(no subject)')}**: ${inc.count} reports${loop}${inc.diagnoses[0] ? `: ${cell(inc.diagnoses[0].title)}` : ''}`);
    }
    out.push('');
  }
  if (doc.errors.length > 0) {
    out.push('## Files that could not be read', '');
    for (const e of doc.errors) out.push(`- \`${cell(e.path)}\`: ${cell(e.message)}`);
    out.push('');
  }
  return out.join('\n');
}
