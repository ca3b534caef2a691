/**
 * Stand-in for the report's HTML renderer until src/report/html.ts lands: an HTML fragment of headings and lists
 * (incidents with their crash loop, then each report with its likely cause and key frames). Text is escaped.
 */
import type { Diagnosis, Incident } from '../model/diagnosis.js';
import type { Report } from '../model/report.js';
import { frameLocation, headline, keyFrames, systemLine } from '../report/describe.js';
import type { AnalysisResult } from '../report/json.js';

const esc = (s: string): string => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const list = (tag: 'ul' | 'ol', items: string[]): string => (items.length ? `<${tag}>${items.map((i) => `<li>${esc(i)}</li>`).join('')}</${tag}>` : '');

function diagnosis(d: Diagnosis, level: number): string {
  const h = `h${level}`;
  return [
    `<${h}>Likely cause: ${esc(d.title)} <span class="confidence">(${Math.round(d.confidence * 100)}% confidence${d.generic ? ', generic' : ''})</span></${h}>`,
    d.culprit ? `<p>Culprit: ${esc(d.culprit.bundleId ?? d.culprit.name)}</p>` : '',
    d.causes.length ? `<p>Causes</p>${list('ol', d.causes)}` : '',
    d.nextSteps.length ? `<p>Next steps</p>${list('ol', d.nextSteps)}` : '',
    d.evidence.length ? `<p>Evidence</p>${list('ul', d.evidence.map((e) => `${e.field}${e.line !== undefined ? ` (line ${e.line})` : ''}: ${e.text}`))}` : '',
  ].join('');
}

function incident(i: Incident, reports: Report[]): string {
  const loop = i.loop ? `<p class="loop">Crash loop: ${i.loop.count} crashes${i.loop.spanSeconds !== undefined ? ` over ${i.loop.spanSeconds} s` : ''} (${esc(i.loop.subject)})</p>` : '';
  const top = i.diagnoses[0];
  return `<section><h3>Incident: ${esc(i.subject ?? 'related reports')}</h3>${list('ul', i.reports.map((n) => reports[n]?.source.path ?? String(n)))}${loop}${top ? diagnosis(top, 4) : ''}</section>`;
}

function report(r: Report): string {
  const key = keyFrames(r, 12);
  const sys = systemLine(r);
  return [
    `<section><h3>${esc(headline(r))}</h3>`,
    `<p>${esc(r.source.path)} · ${esc(r.source.format)}${sys ? ` · ${esc(sys)}` : ''}</p>`,
    r.diagnoses?.[0] ? diagnosis(r.diagnoses[0], 4) : '',
    key ? `<h4>${esc(key.title)}</h4><ol class="frames">${key.frames.map((f) => `<li><code>${esc(`${f.image ?? '???'}  ${frameLocation(f)}`)}</code></li>`).join('')}</ol>` : '',
    r.missingSymbols?.length ? `<h4>Missing symbols</h4>${list('ul', r.missingSymbols.map((m) => `${m.name} ${m.uuid ?? ''} ${m.arch ?? ''}: ${m.reason}`))}` : '',
    '</section>',
  ].join('');
}

export function renderFallbackHtml(a: AnalysisResult): string {
  const incidents = (a.incidents ?? []).filter((i) => i.reports.length > 1 || i.loop);
  return ['<main>', incidents.length ? `<h2>Incidents</h2>${incidents.map((i) => incident(i, a.reports)).join('')}` : '', `<h2>Reports</h2>${a.reports.map(report).join('')}`, '</main>'].join('');
}
