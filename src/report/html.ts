import type { Diagnosis, Evidence, Incident } from '../model/diagnosis.js';
import type { Frame, Report, Thread } from '../model/report.js';
import { crashedThreadOf } from '../model/report.js';
import { hex } from '../model/numbers.js';
import { codeLines, frameLocation, headline, keyFrames } from './describe.js';
import type { AnalysisResult } from './json.js';
import {
  culpritText,
  environmentRows,
  exceptionLine,
  identityRows,
  incidentByReport,
  incidentHeadline,
  loopWhen,
  ownEvidence,
  panicLine,
  pct,
  shownIncidents,
  terminationLine,
} from './summary.js';

export interface HtmlOptions {
  /** The page title; defaults to the leading answer's headline. */
  title?: string;
}

/**
 * One self-contained HTML page: inline CSS and SVG, no script needed to read it, no request to any
 * network (a Content-Security-Policy forbids them), light and dark by prefers-color-scheme, and
 * printable. Pure string building, so the web page renders it live in the browser too.
 */
export function renderHtml(result: AnalysisResult, opts: HtmlOptions = {}): string {
  const incidents = shownIncidents(result);
  const owner = incidentByReport(incidents);
  const lead = incidents[0];
  const what = lead ? incidentHeadline(lead, result.reports) : result.reports[0] ? headline(result.reports[0]) : 'Nothing could be read';
  const body: string[] = [];
  body.push(`<header><p class="kicker">paniclens report · ${result.reports.length} report${result.reports.length === 1 ? '' : 's'}${incidents.length ? ` · ${incidents.length} incident${incidents.length === 1 ? '' : 's'}` : ''}</p><h1>${esc(what)}</h1></header>`);
  incidents.forEach((inc, i) => body.push(incidentSection(inc, i + 1, result.reports)));
  result.reports.forEach((r, i) => body.push(reportSection(r, i + 1, owner.get(i))));
  if (result.errors && result.errors.length > 0) {
    body.push(`<section><h2>Unreadable inputs</h2><ul>${result.errors.map((e) => `<li><code>${esc(e.path)}</code>: ${esc(e.message)}</li>`).join('')}</ul></section>`);
  }
  const footer = [`Written by paniclens. Nothing in this file loads from the network.`];
  if (result.redactions && result.redactions.length > 0) {
    footer.push(`<span data-role="redactions">Redacted for sharing: ${esc(result.redactions.join(', '))}. The same value has the same placeholder throughout.</span>`);
  }
  body.push(`<footer>${footer.map((f) => `<p>${f}</p>`).join('')}</footer>`);
  return page(opts.title ?? what, body.join('\n'));
}

export function page(title: string, body: string, extraCss = '', script = ''): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:">
<meta name="color-scheme" content="light dark">
<title>${esc(title)}</title>
<style>${CSS}${extraCss}</style>
</head>
<body>
<main>
${body}
</main>${script ? `\n<script>${script}</script>` : ''}
</body>
</html>
`;
}

function incidentSection(inc: Incident, n: number, reports: Report[]): string {
  const when = loopWhen(inc);
  const members = inc.reports.map((i) => ({ index: i, report: reports[i] })).filter((m): m is { index: number; report: Report } => !!m.report);
  const out = [`<section class="incident" id="incident-${n}"><h2>Incident ${n}: ${esc(incidentHeadline(inc, reports))}</h2>`];
  out.push('<ul class="facts">');
  if (when) out.push(`<li><b>Time</b> ${esc(when)}</li>`);
  out.push(`<li><b>Reports</b> ${members.map((m) => `<a href="#report-${m.index + 1}">${m.index + 1}</a> (<code>${esc(m.report.source.path)}</code>)`).join(', ')}</li></ul>`);
  const lead = inc.diagnoses[0];
  if (lead) {
    const evidence = members.flatMap((m) => ownEvidence(m.report, lead.id).evidence.map((e) => evidenceItem(e, `report ${m.index + 1}`)));
    out.push(answer(lead, evidence.length > 0 ? evidence : lead.evidence.map((e) => evidenceItem(e))), alsoPossible(inc.diagnoses));
  } else {
    out.push('<p>No likely cause is known.</p>');
  }
  out.push('</section>');
  return out.join('\n');
}

function answer(d: Diagnosis, evidence: string[]): string {
  const out = ['<div class="answer" data-role="answer">'];
  out.push(`<p class="cause"><span class="label">Likely cause</span> <strong data-role="cause">${esc(d.title)}</strong></p>`);
  out.push(`<p class="confidence">${meter(d.confidence)} <span data-role="confidence">${pct(d.confidence)} confidence</span>${d.generic ? ' <span class="tag">generic: from the exception or panic type only</span>' : ''}</p>`);
  if (d.culprit) out.push(`<p class="culprit"><span class="label">Culprit</span> <span data-role="culprit">${esc(culpritText(d.culprit))}</span></p>`);
  if (d.implicated?.length) out.push(`<p class="culprit"><span class="label">Implicated</span></p><ul data-role="implicated">${d.implicated.map((c) => `<li>${esc(culpritText(c))}</li>`).join('')}</ul>`);
  if (d.causes.length > 0) out.push(`<h3>Why</h3><ol>${d.causes.map((c) => `<li>${esc(c)}</li>`).join('')}</ol>`);
  if (d.nextSteps.length > 0) out.push(`<h3>Next steps</h3><ol data-role="next-steps">${d.nextSteps.map((s) => `<li>${esc(s)}</li>`).join('')}</ol>`);
  if (evidence.length > 0) out.push(`<h3>Evidence</h3><ul class="evidence">${evidence.join('')}</ul>`);
  if (d.references.length > 0) out.push(`<h3>References</h3><ul>${d.references.map(link).join('')}</ul>`);
  out.push('</div>');
  return out.join('\n');
}

/** Every candidate as a confidence bar (inline SVG), the leading one first. */
function alsoPossible(all: Diagnosis[]): string {
  if (all.length < 2) return '';
  const rowH = 22;
  const labelW = 0;
  const barW = 240;
  const rows = all.map((d, i) => {
    const w = Math.max(2, Math.round(d.confidence * barW));
    return `<g transform="translate(0 ${i * rowH})"><rect x="${labelW}" y="4" width="${barW}" height="14" class="track"/><rect x="${labelW}" y="4" width="${w}" height="14" class="${i === 0 ? 'bar lead' : 'bar'}"/><text x="${barW + 8}" y="16">${pct(d.confidence)} ${esc(d.title)}</text></g>`;
  });
  return `<h3>All candidates</h3><svg class="chart candidates" role="img" aria-label="Candidate diagnoses by confidence" viewBox="0 0 900 ${all.length * rowH}" width="100%" height="${all.length * rowH}" preserveAspectRatio="xMinYMin meet">${rows.join('')}</svg>`;
}

function meter(c: number): string {
  const w = Math.round(Math.max(0, Math.min(1, c)) * 100);
  return `<svg class="meter" role="img" aria-label="${w}% confidence" viewBox="0 0 100 8" width="120" height="10"><rect width="100" height="8" rx="4" class="track"/><rect width="${w}" height="8" rx="4" class="bar lead"/></svg>`;
}

function evidenceItem(e: Evidence, from?: string): string {
  const where = [from, e.line !== undefined ? `line ${e.line}` : undefined].filter(Boolean).join(', ');
  return `<li><code>${esc(e.text.replace(/\s+/g, ' ').trim())}</code>${where ? ` <span class="where">${esc(where)}</span>` : ''}</li>`;
}

function reportSection(r: Report, n: number, owner: { incident: Incident; number: number } | undefined): string {
  const out = [`<section class="report" id="report-${n}"><h2>Report ${n}: ${esc(headline(r))}</h2>`];
  if (owner) out.push(`<p class="note">Part of <a href="#incident-${owner.number}">incident ${owner.number}</a>, whose likely cause is above.</p>`);
  out.push(table('Environment', environmentRows(r)));
  if (owner) {
    const mine = r.diagnoses?.[0];
    if (mine && ownEvidence(r, owner.incident.diagnoses[0]?.id).evidence.length === 0) {
      out.push(`<h3>On its own</h3><p><strong>${esc(mine.title)}</strong> — ${pct(mine.confidence)} confidence</p><ul class="evidence">${mine.evidence.map((e) => evidenceItem(e)).join('')}</ul>`);
    }
  } else if (r.diagnoses?.[0]) {
    out.push(answer(r.diagnoses[0], r.diagnoses[0].evidence.map((e) => evidenceItem(e))), alsoPossible(r.diagnoses));
  }
  const happened: [string, string | undefined][] = [
    ['Exception', exceptionLine(r)],
    ['Message', r.exception?.message],
    ['Termination', terminationLine(r)],
    ...(r.applicationSpecific ?? []).map((l): [string, string] => ['Application info', l]),
  ];
  out.push(table('What happened', happened));
  const codes = codeLines(r, Number.MAX_SAFE_INTEGER);
  if (codes.length > 0) out.push(`<h3>Decoded codes</h3><ul class="codes">${codes.map((c) => `<li>${esc(c)}</li>`).join('')}</ul>`);
  out.push(panicDetails(r));
  const key = keyFrames(r, Number.MAX_SAFE_INTEGER);
  if (key) out.push(`<h3>${esc(key.title)}</h3>${frames(key.frames)}`);
  const missing = r.missingSymbols ?? [];
  if (missing.length > 0) {
    out.push(`<h3>Missing symbols</h3><p>Fetch these dSYMs or KDKs and pass them with <code>--symbols</code>:</p><ul>${missing.map((m) => `<li>${esc(m.name)}${m.uuid ? ` <code>${esc(m.uuid)}</code>` : ''}${m.arch ? ` ${esc(m.arch)}` : ''}: ${esc(m.reason)} (${m.frames} frame${m.frames === 1 ? '' : 's'})</li>`).join('')}</ul>`);
  }
  const dk = r.events.filter((e) => e.driverKit);
  if (r.kind === 'kernel-log' && dk.length > 0) {
    const lines = dk.map((e) => `${e.line !== undefined ? `${String(e.line).padStart(5)}  ` : ''}${e.sender && !e.message.includes(e.sender) ? `(${e.sender}) ` : ''}${e.message}`);
    out.push(details(`DriverKit lines (${dk.length})`, `<pre>${esc(lines.join('\n'))}</pre>`));
  }
  out.push(table('Identifying facts', identityRows(r)));
  const crashed = crashedThreadOf(r);
  const others = r.threads.filter((t) => t !== crashed);
  if (others.length > 0) out.push(details(`${crashed ? 'Other threads' : 'All threads'} (${others.length})`, others.map((t) => `<h4>${esc(threadTitle(t))}</h4>${frames(t.frames)}`).join('')));
  if (r.panic?.panicString) out.push(details('Raw panic text', `<pre>${esc(r.panic.panicString)}</pre>`));
  if (r.panic?.secondaryPanicString) out.push(details('Secondary panic text', `<pre>${esc(r.panic.secondaryPanicString)}</pre>`));
  if (r.warnings.length > 0) out.push(`<h3>Warnings</h3><ul class="warnings">${r.warnings.map((w) => `<li>${esc(w)}</li>`).join('')}</ul>`);
  out.push('</section>');
  return out.filter(Boolean).join('\n');
}

function panicDetails(r: Report): string {
  const p = r.panic;
  if (!p) return '';
  const culprit = r.diagnoses?.find((d) => d.culprit)?.culprit;
  const rows: [string, string | undefined][] = [
    ['Panic', panicLine(r)],
    ['Caller', p.callerAddress !== undefined ? `${hex(p.callerAddress)}${p.cpu !== undefined ? ` on cpu ${p.cpu}` : ''}` : undefined],
    ['Panicked task', p.panickedProcess && `${p.panickedProcess}${p.panickedPid !== undefined ? `, pid ${p.panickedPid}` : ''}`],
    ['Culprit', culprit && culpritText(culprit)],
    ['Kernel UUID', p.kernelUuid],
    ['Kernel text exec base', p.kernelTextExecBase !== undefined ? hex(p.kernelTextExecBase) : undefined],
    ['Kernel slide', p.kernelSlide !== undefined ? hex(p.kernelSlide) : undefined],
    ['Last started kext', p.lastStartedKext && `${p.lastStartedKext.bundleId}${p.lastStartedKext.version ? ` ${p.lastStartedKext.version}` : ''}`],
    ['Compressor', p.compressorInfo],
  ];
  let out = table('Panic details', rows);
  if (p.kexts.length > 0) {
    out += `<table><caption>Kernel extensions in the backtrace</caption><thead><tr><th>Bundle id</th><th>Version</th><th>UUID</th><th>Range</th></tr></thead><tbody>${p.kexts
      .map((k) => `<tr><td>${esc(k.bundleId)}</td><td>${esc(k.version ?? '')}</td><td><code>${esc(k.uuid ?? '')}</code></td><td><code>${k.start !== undefined ? `${hex(k.start)}${k.end !== undefined ? `–${hex(k.end)}` : ''}` : ''}</code></td></tr>`)
      .join('')}</tbody></table>`;
  }
  return out;
}

function table(title: string, rows: [string, string | undefined][]): string {
  const shown = rows.filter((row): row is [string, string] => !!row[1]);
  if (shown.length === 0) return '';
  return `<h3>${esc(title)}</h3><table class="kv"><tbody>${shown.map(([k, v]) => `<tr><th scope="row">${esc(k)}</th><td>${esc(v)}</td></tr>`).join('')}</tbody></table>`;
}

function frames(list: Frame[]): string {
  return `<table class="frames"><thead><tr><th>#</th><th>Image</th><th>Location</th></tr></thead><tbody>${list
    .map((f) => `<tr><td>${f.index}</td><td>${esc(f.image ?? '???')}</td><td><code>${esc(frameLocation(f))}</code></td></tr>`)
    .join('')}</tbody></table>`;
}

function threadTitle(t: Thread): string {
  const name = [t.name, t.queue].filter(Boolean).join(', ');
  return `Thread ${t.index}${name ? ` (${name})` : ''}${t.crashed ? ' crashed' : ''}`;
}

function details(summary: string, body: string): string {
  return `<details><summary>${esc(summary)}</summary>${body}</details>`;
}

function link(u: string): string {
  return /^https?:\/\/[^\s"<>]+$/.test(u) ? `<li><a href="${esc(u)}" rel="noreferrer">${esc(u)}</a></li>` : `<li>${esc(u)}</li>`;
}

/** HTML text and attribute escaping. */
export function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

const CSS = `
:root{--bg:#fff;--fg:#1d1d1f;--muted:#6e6e73;--line:#d2d2d7;--card:#f5f5f7;--accent:#0a64d6;--bar:#0a64d6;--track:#e5e5ea;--warn:#b25000}
@media (prefers-color-scheme: dark){:root{--bg:#161618;--fg:#f2f2f7;--muted:#a1a1a6;--line:#3a3a3c;--card:#222225;--accent:#5aa2ff;--bar:#5aa2ff;--track:#3a3a3c;--warn:#ffb340}}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--fg);font:15px/1.5 -apple-system,BlinkMacSystemFont,"Segoe UI",Roboto,Helvetica,Arial,sans-serif}
main{max-width:72rem;margin:0 auto;padding:1.5rem}
h1{font-size:1.6rem;margin:.2rem 0 1rem}
h2{font-size:1.25rem;margin:2rem 0 .5rem;padding-top:.5rem;border-top:1px solid var(--line)}
h3{font-size:1rem;margin:1.2rem 0 .4rem}
h4{font-size:.95rem;margin:.8rem 0 .3rem}
.kicker,.note,.where,footer{color:var(--muted)}
.kicker{margin:0;font-size:.85rem;text-transform:uppercase;letter-spacing:.04em}
.answer{background:var(--card);border-radius:10px;padding:1rem 1.2rem;margin:1rem 0}
.answer .cause{font-size:1.1rem;margin:0 0 .3rem}
.label{display:inline-block;min-width:7.5rem;color:var(--muted);font-size:.85rem;text-transform:uppercase;letter-spacing:.03em}
.tag{font-size:.8rem;color:var(--warn)}
.facts{list-style:none;padding:0}.facts b{display:inline-block;min-width:5rem}
code,pre{font:13px/1.45 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;overflow-wrap:anywhere}
pre{background:var(--card);padding:.8rem;border-radius:8px;white-space:pre-wrap}
table{border-collapse:collapse;width:100%;margin:.3rem 0 .8rem}
caption{text-align:left;font-weight:600;padding:.3rem 0}
th,td{border-bottom:1px solid var(--line);padding:.25rem .5rem;text-align:left;vertical-align:top}
table.kv th{width:12rem;color:var(--muted);font-weight:500}
h1,h2,h3,table.kv td{overflow-wrap:anywhere}
@media (max-width:40rem){table.kv th{width:7rem}main{overflow-wrap:anywhere}}
table.frames td:first-child{width:3rem;color:var(--muted)}
table.frames td:nth-child(2){width:16rem;overflow-wrap:anywhere}
svg .track{fill:var(--track)}svg .bar{fill:var(--muted)}svg .bar.lead{fill:var(--bar)}svg text{fill:var(--fg);font-size:13px}
.meter{vertical-align:middle}
details{margin:.6rem 0;border:1px solid var(--line);border-radius:8px;padding:.3rem .8rem}
summary{cursor:pointer;font-weight:600}
a{color:var(--accent);overflow-wrap:anywhere}
.warnings li{color:var(--warn)}
footer{margin-top:2rem;border-top:1px solid var(--line);font-size:.85rem}
@media print{:root{--bg:#fff;--fg:#000;--muted:#444;--card:#f3f3f3;--line:#bbb}main{max-width:none;padding:0}details{border:0;padding:0}details>summary{list-style:none}section{break-inside:auto}h2,h3{break-after:avoid}.answer{break-inside:avoid}a{color:inherit;text-decoration:none}}
`;
