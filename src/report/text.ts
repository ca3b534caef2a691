import Table from 'cli-table3';
import type { Diagnosis, Incident } from '../model/diagnosis.js';
import type { Report } from '../model/report.js';
import { hex } from '../model/numbers.js';
import { codeLines, frameLocation, headline, keyFrames, namedComponents, systemLine } from './describe.js';
import type { AnalysisResult } from './json.js';

/** Frames shown per report in the terminal; the JSON output has them all. */
const FRAMES_SHOWN = 8;

export interface TextOptions {
  /** Colour and box drawing for a terminal; plain ASCII otherwise. */
  color?: boolean;
}

/** The terminal report: per report what happened, the likely cause with evidence, next steps, key frames. */
export function renderText(result: AnalysisResult, opts: TextOptions = {}): string {
  // An incident that ties several inputs together (or a crash loop) is the one explanation the
  // reader came for, so it leads; the per-report details follow.
  const incidents = (result.incidents ?? []).filter((inc) => inc.reports.length > 1 || inc.loop);
  const parts = incidents.map((inc) => renderIncident(inc, result.reports, opts));
  parts.push(...result.reports.map((r) => renderReport(r, opts)));
  return parts.join('\n');
}

function renderReport(r: Report, opts: TextOptions): string {
  const out: string[] = [];
  const where = `${r.source.path}${r.source.startLine && r.source.startLine > 1 ? `:${r.source.startLine}` : ''}`;
  out.push(bold(`${headline(r)}`, opts), dim(`  ${where} · ${r.source.format}${r.source.bugType ? ` (bug_type ${r.source.bugType})` : ''}`, opts));
  const sys = systemLine(r);
  if (sys) out.push(`  System:    ${sys}`);
  if (r.process.bundleId || r.process.path) out.push(`  Process:   ${[r.process.bundleId, r.process.version, r.process.path].filter(Boolean).join(' · ')}`);
  if (r.exception?.type || r.exception?.codes) {
    out.push(`  Exception: ${[r.exception.type, r.exception.signal && `(${r.exception.signal})`, r.exception.codes].filter(Boolean).join(' ')}`);
  }
  if (r.exception?.message) out.push(`  Message:   ${r.exception.message}`);
  if (r.termination?.namespace || r.termination?.code) {
    out.push(`  Termination: ${[r.termination.namespace, r.termination.code].filter(Boolean).join(' ')}${r.termination.reasons?.length ? ` — ${r.termination.reasons.join('; ')}` : ''}`);
  }
  for (const line of codeLines(r)) out.push(`  Code:      ${clip(line, 220)}`);
  for (const line of (r.applicationSpecific ?? []).slice(0, 3)) out.push(`  App info:  ${clip(line, 200)}`);
  if (r.panic?.message) out.push(`  Panic:     ${clip(r.panic.message.split('\n')[0] ?? '', 240)}${r.panic.file ? ` @${r.panic.file}${r.panic.line ? `:${r.panic.line}` : ''}` : ''}`);
  if (r.panic?.callerAddress !== undefined) out.push(`  Caller:    ${hex(r.panic.callerAddress)}${r.panic.cpu !== undefined ? ` on cpu ${r.panic.cpu}` : ''}`);
  const comps = namedComponents(r);
  if (comps.length > 0) out.push(`  Named:     ${comps.slice(0, 6).join(', ')}`);
  const top = r.diagnoses?.[0];
  if (top) out.push(...renderDiagnosis(top, opts));
  for (const other of (r.diagnoses ?? []).slice(1, 3)) out.push(`  Also possible: ${other.title} (${pct(other.confidence)})`);
  const key = keyFrames(r, FRAMES_SHOWN);
  if (key) {
    out.push(`  ${key.title}:`);
    out.push(indent(frameTable(key.frames, opts), 2));
  }
  for (const line of missingSymbolLines(r)) out.push(`  ${line}`);
  if (r.kind === 'kernel-log') {
    for (const e of r.events.filter((e) => e.driverKit).slice(0, FRAMES_SHOWN)) {
      // A dext's own output line says little without the dext's name in front of it.
      const who = e.sender && !e.message.includes(e.sender) ? `(${e.sender}) ` : '';
      out.push(`  ${e.line !== undefined ? `line ${e.line}: ` : ''}${clip(who + e.message, 160)}`);
    }
  }
  for (const w of r.warnings.slice(0, 5)) out.push(dim(`  warning: ${w}`, opts));
  return `${out.join('\n')}\n`;
}

function renderDiagnosis(d: Diagnosis, opts: TextOptions): string[] {
  const out = [`  ${bold('Likely cause:', opts)} ${d.title} — ${pct(d.confidence)} confidence${d.generic ? ' (generic)' : ''}`];
  if (d.culprit) out.push(`  Culprit:   ${d.culprit.name}${d.culprit.bundleId && d.culprit.bundleId !== d.culprit.name ? ` (${d.culprit.bundleId})` : ''}`);
  for (const c of d.causes.slice(0, 2)) out.push(`    cause: ${c}`);
  for (const e of d.evidence.slice(0, 4)) out.push(`    evidence: ${clip(e.text, 160)}${e.line !== undefined ? ` (line ${e.line})` : ''}`);
  d.nextSteps.slice(0, 4).forEach((s, i) => out.push(`    ${i + 1}. ${s}`));
  return out;
}

function renderIncident(inc: Incident, reports: Report[], opts: TextOptions): string {
  const names = [...new Set(inc.reports.map((i) => reports[i]?.source.path ?? `#${i}`))];
  const out = [bold(`Incident${inc.subject ? `: ${inc.subject}` : ''}`, opts), dim(`  from ${names.join(', ')}`, opts)];
  if (inc.loop) {
    const span = inc.loop.spanSeconds !== undefined ? ` over ${duration(inc.loop.spanSeconds)}` : '';
    const when = inc.loop.firstTime && inc.loop.lastTime ? ` (${inc.loop.firstTime} → ${inc.loop.lastTime})` : '';
    out.push(`  Crash loop: ${inc.loop.count} crashes${span}${when}`);
  }
  const d = inc.diagnoses[0];
  if (d) out.push(...renderDiagnosis(d, opts));
  return `${out.join('\n')}\n`;
}

/** "5 min 20 s", "2 h 3 min", "45 s". */
export function duration(seconds: number): string {
  const s = Math.round(seconds);
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min${s % 60 ? ` ${s % 60} s` : ''}`;
  return `${Math.floor(s / 3600)} h${Math.floor((s % 3600) / 60) ? ` ${Math.floor((s % 3600) / 60)} min` : ''}`;
}

function frameTable(frames: Report['threads'][number]['frames'], opts: TextOptions): string {
  const table = new Table({
    head: ['#', 'image', 'location'],
    style: { head: opts.color ? ['cyan'] : [], border: opts.color ? ['grey'] : [], compact: true },
    chars: opts.color ? {} : ASCII_CHARS,
    wordWrap: false,
  });
  for (const f of frames) table.push([String(f.index), clip(f.image ?? '???', 36), clip(frameLocation(f), 100)]);
  return table.toString();
}

const ASCII_CHARS = {
  top: '-', 'top-mid': '+', 'top-left': '+', 'top-right': '+', bottom: '-', 'bottom-mid': '+', 'bottom-left': '+',
  'bottom-right': '+', left: '|', 'left-mid': '+', mid: '-', 'mid-mid': '+', right: '|', 'right-mid': '+', middle: '|',
};

/** Which dSYM or KDK to fetch: "Missing symbols: FastRAID <UUID> arm64e — UUID not found (3 frames)". */
export function missingSymbolLines(r: Report): string[] {
  const missing = r.missingSymbols ?? [];
  if (missing.length === 0) return [];
  return [
    'Missing symbols (fetch these dSYMs or KDKs and pass them with --symbols):',
    ...missing.slice(0, 8).map((m) => `  ${m.name}${m.uuid ? ` ${m.uuid}` : ''}${m.arch ? ` ${m.arch}` : ''} — ${m.reason} (${m.frames} frame${m.frames === 1 ? '' : 's'})`),
  ];
}

const pct = (c: number): string => `${Math.round(c * 100)}%`;
const clip = (s: string, n: number): string => (s.length > n ? `${s.slice(0, n - 1)}…` : s);
const indent = (s: string, n: number): string => s.split('\n').map((l) => ' '.repeat(n) + l).join('\n');
const bold = (s: string, o: TextOptions): string => (o.color ? `\u001b[1m${s}\u001b[22m` : s);
const dim = (s: string, o: TextOptions): string => (o.color ? `\u001b[2m${s}\u001b[22m` : s);
