import type { Diagnosis, Incident } from '../model/diagnosis.js';
import type { Report } from '../model/report.js';
import { codeLines, frameLocation, headline, keyFrames, namedComponents, systemLine } from './describe.js';
import type { AnalysisResult } from './json.js';

/** Frames quoted per report; a bug filing wants the top of the stack, not all of it. */
const FRAMES_SHOWN = 12;

/** Markdown for a bug filing or an issue comment: summary, likely cause, evidence, next steps, frames. */
export function renderMarkdown(result: AnalysisResult): string {
  const out: string[] = [];
  for (const r of result.reports) out.push(reportSection(r));
  const incidents = (result.incidents ?? []).filter((i) => i.reports.length > 1 || i.loop);
  if (incidents.length > 0) out.push('## Incidents\n', ...incidents.map((i) => incidentSection(i, result.reports)));
  return `${out.join('\n').trimEnd()}\n`;
}

function reportSection(r: Report): string {
  const out = [`## ${esc(headline(r))}`, ''];
  const facts: [string, string | undefined][] = [
    ['Source', `\`${r.source.path}\` (${r.source.format}${r.source.bugType ? `, bug_type ${r.source.bugType}` : ''})`],
    ['System', systemLine(r)],
    ['Process', [r.process.name, r.process.bundleId, r.process.version].filter(Boolean).join(' · ') || undefined],
    ['Exception', [r.exception?.type, r.exception?.signal && `(${r.exception.signal})`, r.exception?.codes].filter(Boolean).join(' ') || undefined],
    ['Termination', [r.termination?.namespace, r.termination?.code].filter(Boolean).join(' ') || undefined],
    ['Panic', r.panic?.message?.split('\n')[0]],
    ['Named components', namedComponents(r).join(', ') || undefined],
  ];
  out.push('| | |', '|---|---|', ...facts.filter(([, v]) => v).map(([k, v]) => `| ${k} | ${esc(v as string)} |`), '');
  const codes = codeLines(r);
  if (codes.length > 0) out.push('**Decoded codes**', '', ...codes.map((c) => `- ${esc(c)}`), '');
  const top = r.diagnoses?.[0];
  if (top) out.push(...diagnosisSection(top));
  const key = keyFrames(r, FRAMES_SHOWN);
  if (key) {
    out.push(`**${key.title}**`, '', '```', ...key.frames.map((f) => `${String(f.index).padEnd(3)} ${(f.image ?? '???').padEnd(32)} ${frameLocation(f)}`), '```', '');
  }
  const missing = r.missingSymbols ?? [];
  if (missing.length > 0) {
    out.push('**Missing symbols** (fetch these dSYMs or KDKs)', '', ...missing.map((m) => `- ${esc(m.name)}${m.uuid ? ` \`${m.uuid}\`` : ''}${m.arch ? ` ${m.arch}` : ''}: ${esc(m.reason)} (${m.frames} frame${m.frames === 1 ? "" : "s"})`), '');
  }
  if (r.warnings.length > 0) out.push(...r.warnings.map((w) => `> warning: ${esc(w)}`), '');
  return out.join('\n');
}

function diagnosisSection(d: Diagnosis): string[] {
  const out = [`### Likely cause: ${esc(d.title)} (${Math.round(d.confidence * 100)}%${d.generic ? ', generic' : ''})`, ''];
  if (d.causes.length > 0) out.push(...d.causes.map((c, i) => `${i + 1}. ${esc(c)}`), '');
  if (d.evidence.length > 0) {
    out.push('**Evidence**', '', ...d.evidence.map((e) => `- \`${e.field}\`${e.line !== undefined ? ` (line ${e.line})` : ''}: ${esc(e.text)}`), '');
  }
  if (d.nextSteps.length > 0) out.push('**Next steps**', '', ...d.nextSteps.map((s, i) => `${i + 1}. ${esc(s)}`), '');
  if (d.references.length > 0) out.push('**References**', '', ...d.references.map((u) => `- <${u}>`), '');
  return out;
}

function incidentSection(inc: Incident, reports: Report[]): string {
  const out = [`- ${inc.subject ? `**${esc(inc.subject)}**: ` : ''}${inc.reports.map((i) => `\`${reports[i]?.source.path ?? i}\``).join(', ')}`];
  if (inc.loop) out.push(`  - crash loop: ${inc.loop.count} crashes${inc.loop.spanSeconds !== undefined ? ` over ${inc.loop.spanSeconds} s` : ''}`);
  if (inc.diagnoses[0]) out.push(`  - likely cause: ${esc(inc.diagnoses[0].title)}`);
  return out.join('\n');
}

/** Keep table cells and list items intact: pipes and newlines would break the Markdown structure. */
const esc = (s: string): string => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
