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

/**
 * Markdown for a bug filing (Feedback Assistant, GitHub, a vendor's tracker): a summary line, the
 * likely cause with confidence, evidence and next steps, an environment table, the crashed thread,
 * panic details, and the bulky parts (every thread, the raw panic text) folded into <details>.
 * It reads as plain text too, and passes markdownlint-cli2 with the repository's config.
 */
export function renderMarkdown(result: AnalysisResult): string {
  const incidents = shownIncidents(result);
  const owner = incidentByReport(incidents);
  const out: string[] = ['# paniclens report', '', summaryLine(result, incidents), ''];
  incidents.forEach((inc, i) => out.push(...incidentSection(inc, i + 1, result.reports)));
  result.reports.forEach((r, i) => out.push(...reportSection(r, i + 1, owner.get(i))));
  if (result.errors && result.errors.length > 0) {
    out.push('## Unreadable inputs', '', ...result.errors.map((e) => `- ${code(e.path)}: ${esc(e.message)}`), '');
  }
  if (result.redactions && result.redactions.length > 0) {
    out.push('---', '', `Redacted for sharing: ${esc(result.redactions.join(', '))}. The same value has the same placeholder throughout.`, '');
  }
  return `${out.join('\n').replace(/\n{3,}/g, '\n\n').trimEnd()}\n`;
}

/** One line a reader can stop after: how many reports, and the leading answer. */
function summaryLine(result: AnalysisResult, incidents: Incident[]): string {
  const n = result.reports.length;
  const lead = incidents[0];
  const what = lead ? incidentHeadline(lead, result.reports) : result.reports[0] ? headline(result.reports[0]) : 'Nothing could be read';
  const d = lead ? lead.diagnoses[0] : result.reports[0]?.diagnoses?.[0];
  const cause = d ? ` Likely cause: ${d.title} (${pct(d.confidence)} confidence).` : '';
  const count = `${n} report${n === 1 ? '' : 's'}${incidents.length > 0 ? `, ${incidents.length} incident${incidents.length === 1 ? '' : 's'}` : ''}`;
  return `**${esc(what)}** (${count}).${esc(cause)}`;
}

function incidentSection(inc: Incident, n: number, reports: Report[]): string[] {
  const out = [`## Incident ${n}: ${heading(incidentHeadline(inc, reports))}`, ''];
  const when = loopWhen(inc);
  const members = inc.reports.map((i) => ({ index: i, report: reports[i] })).filter((m): m is { index: number; report: Report } => !!m.report);
  if (when) out.push(`- **Time**: ${esc(when)}`);
  out.push(`- **Reports**: ${members.map((m) => `${m.index + 1} (${code(m.report.source.path)})`).join(', ')}`, '');
  const lead = inc.diagnoses[0];
  if (!lead) return [...out, 'No likely cause is known.', ''];
  // Evidence is said once, here, grouped by the report it came from.
  const evidence = members.flatMap((m) => ownEvidence(m.report, lead.id).evidence.map((e) => ({ e, from: m })));
  const lines = evidence.length > 0 ? evidence.map(({ e, from }) => evidenceItem(e, `report ${from.index + 1}`)) : lead.evidence.map((e) => evidenceItem(e));
  out.push(...diagnosisBlock(lead, '###', lines));
  out.push(...alsoPossible(inc.diagnoses.slice(1), '###'));
  return out;
}

function diagnosisBlock(d: Diagnosis, h: string, evidence: string[]): string[] {
  const out = [`${h} Likely cause`, '', `**${esc(d.title)}** — ${pct(d.confidence)} confidence${d.generic ? ' (generic: from the exception or panic type only)' : ''}`, ''];
  if (d.culprit) out.push(`Culprit: ${esc(culpritText(d.culprit))}`, '');
  if (d.implicated?.length) out.push('Implicated:', '', ...d.implicated.map((c) => `- ${esc(culpritText(c))}`), '');
  if (d.causes.length > 0) out.push(`${h}# Why`, '', ...d.causes.map((c, i) => `${i + 1}. ${esc(c)}`), '');
  if (evidence.length > 0) out.push(`${h}# Evidence`, '', ...evidence, '');
  if (d.nextSteps.length > 0) out.push(`${h}# Next steps`, '', ...d.nextSteps.map((s, i) => `${i + 1}. ${esc(s)}`), '');
  if (d.references.length > 0) out.push(`${h}# References`, '', ...d.references.map((u) => `- ${link(u)}`), '');
  return out;
}

function alsoPossible(rest: Diagnosis[], h: string): string[] {
  if (rest.length === 0) return [];
  return [`${h} Also possible`, '', ...rest.map((d) => `- ${esc(d.title)} (${pct(d.confidence)}${d.grouping ? ', groups or phases the failure' : ''})`), ''];
}

function evidenceItem(e: Evidence, from?: string): string {
  const where = [from, e.line !== undefined ? `line ${e.line}` : undefined].filter(Boolean).join(', ');
  return `- ${code(e.text.replace(/\s+/g, ' ').trim())}${where ? ` (${where})` : ''}`;
}

function reportSection(r: Report, n: number, owner: { incident: Incident; number: number } | undefined): string[] {
  const out = [`## Report ${n}: ${heading(headline(r))}`, ''];
  if (owner) out.push(`Part of incident ${owner.number}, whose likely cause is above.`, '');
  out.push('### Environment', '', '| Fact | Value |', '| --- | --- |', ...environmentRows(r).map(([k, v]) => `| ${k} | ${cell(v)} |`), '');
  if (owner) {
    const lead = owner.incident.diagnoses[0];
    const mine = r.diagnoses?.[0];
    if (mine && !ownEvidence(r, lead?.id).evidence.length) {
      out.push('### On its own', '', `**${esc(mine.title)}** — ${pct(mine.confidence)} confidence`, '', ...mine.evidence.map((e) => evidenceItem(e)), '');
    }
  } else if (r.diagnoses?.[0]) {
    out.push(...diagnosisBlock(r.diagnoses[0], '###', r.diagnoses[0].evidence.map((e) => evidenceItem(e))));
    out.push(...alsoPossible(r.diagnoses.slice(1), '###'));
  }
  out.push(...exceptionSection(r));
  const codes = codeLines(r, Number.MAX_SAFE_INTEGER);
  if (codes.length > 0) out.push('### Decoded codes', '', ...codes.map((c) => `- ${esc(c)}`), '');
  out.push(...panicSection(r));
  const key = keyFrames(r, Number.MAX_SAFE_INTEGER);
  if (key) out.push(`### ${heading(key.title)}`, '', ...fence(frameRows(key.frames)), '');
  const missing = r.missingSymbols ?? [];
  if (missing.length > 0) {
    out.push('### Missing symbols', '', 'Fetch these dSYMs or KDKs and pass them with `--symbols`:', '');
    out.push(...missing.map((m) => `- ${esc(m.name)}${m.uuid ? ` ${code(m.uuid)}` : ''}${m.arch ? ` ${m.arch}` : ''}: ${esc(m.reason)} (${m.frames} frame${m.frames === 1 ? '' : 's'})`), '');
  }
  const dk = r.events.filter((e) => e.driverKit);
  if (r.kind === 'kernel-log' && dk.length > 0) {
    out.push(...details(`DriverKit lines (${dk.length})`, fence(dk.map((e) => `${e.line !== undefined ? `${String(e.line).padStart(5)}  ` : ''}${e.sender && !e.message.includes(e.sender) ? `(${e.sender}) ` : ''}${e.message}`))));
  }
  out.push('### Identifying facts', '', '| Fact | Value |', '| --- | --- |', ...identityRows(r).map(([k, v]) => `| ${k} | ${cell(v)} |`), '');
  const crashed = crashedThreadOf(r);
  const others = r.threads.filter((t) => t !== crashed);
  if (others.length > 0) out.push(...details(`${crashed ? 'Other threads' : 'All threads'} (${others.length})`, others.flatMap((t) => [`${esc(threadTitle(t))}:`, '', ...fence(frameRows(t.frames)), ''])));
  if (r.panic?.panicString) out.push(...details('Raw panic text', fence(r.panic.panicString.split('\n'))));
  if (r.panic?.secondaryPanicString) out.push(...details('Secondary panic text', fence(r.panic.secondaryPanicString.split('\n'))));
  if (r.warnings.length > 0) out.push('### Warnings', '', ...r.warnings.map((w) => `- ${esc(w)}`), '');
  return out;
}

function exceptionSection(r: Report): string[] {
  const rows: [string, string | undefined][] = [
    ['Exception', exceptionLine(r)],
    ['Message', r.exception?.message],
    ['Termination', terminationLine(r)],
    ...(r.applicationSpecific ?? []).map((l): [string, string] => ['Application info', l]),
  ];
  const shown = rows.filter((row): row is [string, string] => !!row[1]);
  if (shown.length === 0) return [];
  return ['### What happened', '', '| Fact | Value |', '| --- | --- |', ...shown.map(([k, v]) => `| ${k} | ${cell(v)} |`), ''];
}

function panicSection(r: Report): string[] {
  const p = r.panic;
  if (!p) return [];
  const culprit = r.diagnoses?.find((d) => d.culprit)?.culprit;
  const rows: [string, string | undefined][] = [
    ['Panic', panicLine(r)],
    ['Caller', p.callerAddress !== undefined ? `${hex(p.callerAddress)}${p.cpu !== undefined ? ` on cpu ${p.cpu}` : ''}` : undefined],
    ['Panicked task', p.panickedProcess && `${p.panickedProcess}${p.panickedPid !== undefined ? ` [${p.panickedPid}]` : ''}`],
    ['Culprit', culprit && culpritText(culprit)],
    ['Kernel UUID', p.kernelUuid],
    ['Kernel text exec base', p.kernelTextExecBase !== undefined ? hex(p.kernelTextExecBase) : undefined],
    ['Kernel slide', p.kernelSlide !== undefined ? hex(p.kernelSlide) : undefined],
    ['Last started kext', p.lastStartedKext && `${p.lastStartedKext.bundleId}${p.lastStartedKext.version ? ` ${p.lastStartedKext.version}` : ''}`],
    ['Compressor', p.compressorInfo],
  ];
  const out = ['### Panic details', '', '| Fact | Value |', '| --- | --- |', ...rows.filter((row): row is [string, string] => !!row[1]).map(([k, v]) => `| ${k} | ${cell(v)} |`), ''];
  if (p.kexts.length > 0) {
    out.push('Kernel extensions in the backtrace:', '', '| Bundle id | Version | UUID | Range |', '| --- | --- | --- | --- |');
    for (const k of p.kexts) {
      const range = k.start !== undefined ? `${hex(k.start)}${k.end !== undefined ? `–${hex(k.end)}` : ''}` : '';
      out.push(`| ${cell(k.bundleId)} | ${cell(k.version ?? '')} | ${cell(k.uuid ?? '')} | ${range} |`);
    }
    out.push('');
  }
  return out;
}

function threadTitle(t: Thread): string {
  const name = [t.name, t.queue].filter(Boolean).join(', ');
  return `Thread ${t.index}${name ? ` (${name})` : ''}${t.crashed ? ' crashed' : ''}`;
}

function frameRows(frames: Frame[]): string[] {
  const w = Math.min(36, Math.max(5, ...frames.map((f) => (f.image ?? '???').length)));
  return frames.map((f) => `${String(f.index).padEnd(3)} ${(f.image ?? '???').padEnd(w)}  ${frameLocation(f)}`);
}

/** A fenced block that no backtick run inside the text can close early. */
function fence(lines: string[]): string[] {
  const longest = Math.max(2, ...lines.map((l) => Math.max(0, ...[...l.matchAll(/`+/g)].map((m) => m[0].length))));
  const f = '`'.repeat(longest + 1);
  // Tabs are expanded so the block looks the same in every viewer (markdownlint MD010).
  return [`${f}text`, ...lines.map((l) => l.replace(/\t/g, '    ').trimEnd()), f];
}

function details(summary: string, body: string[]): string[] {
  return ['<details>', `<summary>${escHtml(summary)}</summary>`, '', ...body, '', '</details>', ''];
}

/** An inline code span that survives backticks and, in tables, pipes. */
export function code(s: string): string {
  const runs = [...s.matchAll(/`+/g)].map((m) => m[0].length);
  const ticks = '`'.repeat(runs.length > 0 ? Math.max(...runs) + 1 : 1);
  const pad = s.startsWith('`') || s.endsWith('`') ? ' ' : '';
  return `${ticks}${pad}${s.replace(/\|/g, '\\|')}${pad}${ticks}`;
}

function link(u: string): string {
  return /^https?:\/\/[^\s<>]+$/.test(u) ? `<${u}>` : esc(u);
}

/**
 * Escape text so Markdown shows it as written: emphasis, code, links, autolinks, HTML and table pipes.
 * Underscores inside words stay (GFM never reads them as emphasis), so IOService_Start_ID reads well.
 */
export function esc(s: string): string {
  return s
    .replace(/\n/g, ' ')
    .replace(/[\\`*[\]<|]/g, (c) => `\\${c}`)
    .replace(/(?<![A-Za-z0-9])_|_(?![A-Za-z0-9])/g, '\\_')
    // GFM links bare URLs, www. names and e-mail addresses (markdownlint MD034): a log's text is quoted, not linked.
    .replace(/:\/\//g, '\\://')
    .replace(/\bwww\./gi, (m) => `${m.slice(0, 3)}\\.`)
    .replace(/(?<=[A-Za-z0-9._%+-])@(?=[A-Za-z0-9-])/g, '\\@');
}

const cell = esc;

/** Headings: escaped, without the trailing punctuation markdownlint (MD026) refuses. */
function heading(s: string): string {
  return esc(s).replace(/[.,;:!]+$/, '');
}

const escHtml = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
