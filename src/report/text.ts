import Table from 'cli-table3';
import type { Diagnosis, Evidence, Incident } from '../model/diagnosis.js';
import type { Frame, Report } from '../model/report.js';
import { hex } from '../model/numbers.js';
import { codeLines, frameLocation, headline, keyFrames, namedComponents, systemLine } from './describe.js';
import type { AnalysisResult } from './json.js';
import {
  culpritText,
  exceptionLine,
  incidentByReport,
  incidentHeadline,
  loopWhen,
  ownEvidence,
  panicLine,
  pct,
  shownIncidents,
  sourceLine,
  terminationLine,
} from './summary.js';

export { duration } from './summary.js';

/** Frames shown per report in the terminal (all with --verbose; the JSON output has them all). */
const FRAMES_SHOWN = 8;
/** Table width when the output is not a terminal (a file or a pipe). */
const DEFAULT_WIDTH = 120;

export interface TextOptions {
  /** Colour and box drawing for a terminal; plain ASCII otherwise. */
  color?: boolean;
  /** Every candidate diagnosis with all its evidence, every frame of the crashed thread. */
  verbose?: boolean;
  /** Terminal columns: tables fit them and prose wraps. Without it (a pipe), tables fit 120 columns and prose is not wrapped. */
  width?: number;
}

/**
 * The terminal report, answer first. An incident (several reports tied together, or a crash loop)
 * says what happened, the likely cause, the culprit and the next steps once; each of its reports
 * then gives only what is its own (facts, its evidence, the crashed thread) and points back to it.
 * A report outside any incident leads with its own answer the same way.
 */
export function renderText(result: AnalysisResult, opts: TextOptions = {}): string {
  const incidents = shownIncidents(result);
  const owner = incidentByReport(incidents);
  const parts: string[] = incidents.map((inc, i) => renderIncident(inc, i + 1, incidents.length, result.reports, opts));
  result.reports.forEach((r, i) => parts.push(renderReport(r, owner.get(i), opts)));
  if (result.redactions && result.redactions.length > 0) {
    parts.push(dim(wrap(`Redacted: ${result.redactions.join(', ')} (replaced by placeholders; the same value has the same placeholder).`, opts), opts));
  }
  return `${parts.map((p) => p.trimEnd()).join('\n\n')}\n`;
}

function renderIncident(inc: Incident, n: number, of: number, reports: Report[], opts: TextOptions): string {
  const out: string[] = [];
  const label = of > 1 ? `Incident ${n}: ` : 'Incident: ';
  out.push(bold(`${label}${incidentHeadline(inc, reports)}`, opts));
  const when = loopWhen(inc);
  if (when) out.push(dim(`  ${when}`, opts));
  const members = inc.reports.map((i) => reports[i]).filter((r): r is Report => !!r);
  out.push(dim(`  ${members.length} report${members.length === 1 ? '' : 's'}: ${[...new Set(members.map((r) => r.source.path))].join(', ')}`, opts));
  out.push(...answer(inc.diagnoses, opts, 'incident'));
  return out.join('\n');
}

/** Likely cause with confidence, culprit, causes, next steps, other candidates. */
function answer(diagnoses: Diagnosis[], opts: TextOptions, scope: 'incident' | 'report'): string[] {
  const [top, ...rest] = diagnoses;
  if (!top) return ['  Likely cause: none known (no signature matched and no generic explanation applies)'];
  if (opts.verbose) return diagnoses.flatMap((d, i) => diagnosisBlock(d, i, opts, true));
  const out = diagnosisBlock(top, 0, opts, scope === 'report');
  if (rest.length > 0) {
    out.push(wrap(`  Also possible: ${rest.map((d) => `${d.title} (${pct(d.confidence)})`).join('; ')}`, opts, 4));
    out.push(dim('  (--verbose shows every candidate with all its evidence)', opts));
  }
  return out;
}

function diagnosisBlock(d: Diagnosis, i: number, opts: TextOptions, withEvidence: boolean): string[] {
  const label = i === 0 ? 'Likely cause:' : `Candidate ${i + 1}:`;
  const out = [wrap(`  ${bold(label, opts)} ${d.title} — ${pct(d.confidence)} confidence${d.generic ? ' (generic)' : ''}${d.grouping ? ' (groups or phases the failure)' : ''}`, opts, 4)];
  if (d.culprit) out.push(wrap(`  Culprit:      ${culpritText(d.culprit)}`, opts, 16));
  for (const c of (d.implicated ?? []).slice(0, opts.verbose ? undefined : 3)) out.push(wrap(`  Implicated:   ${culpritText(c)}`, opts, 16));
  const causes = opts.verbose ? d.causes : d.causes.slice(0, 3);
  if (causes.length > 0) out.push('  Why:', ...causes.map((c, k) => wrap(`    ${k + 1}. ${c}`, opts, 7)));
  const steps = opts.verbose ? d.nextSteps : d.nextSteps.slice(0, 5);
  if (steps.length > 0) out.push('  Next steps:', ...steps.map((s, k) => wrap(`    ${k + 1}. ${s}`, opts, 7)));
  if (withEvidence && opts.verbose) out.push(...evidenceLines(d.evidence, opts, 'Evidence:'));
  if (opts.verbose && d.references.length > 0) out.push('  References:', ...d.references.map((u) => `    ${u}`));
  return out;
}

function evidenceLines(evidence: Evidence[], opts: TextOptions, title: string): string[] {
  if (evidence.length === 0) return [];
  const shown = opts.verbose ? evidence : evidence.slice(0, 8);
  const out = [`  ${title}`];
  for (const e of shown) {
    // Evidence quotes keep the log's indentation and tabs; one line reads better without them.
    const flat = e.text.replace(/\s+/g, ' ').trim();
    const text = opts.verbose ? flat : clip(flat, 200);
    out.push(wrap(`    - ${e.line !== undefined ? `line ${e.line}: ` : ''}${text}${opts.verbose ? ` [${e.field}]` : ''}`, opts, 6));
  }
  if (shown.length < evidence.length) out.push(`    … ${evidence.length - shown.length} more (--verbose)`);
  return out;
}

function renderReport(r: Report, owner: { incident: Incident; number: number } | undefined, opts: TextOptions): string {
  const out: string[] = [bold(headline(r), opts), dim(`  ${sourceLine(r)}${owner ? ` · part of incident ${owner.number} above` : ''}`, opts)];
  if (!owner) out.push(...answer(r.diagnoses ?? [], opts, 'report'));
  out.push(...facts(r, opts));
  if (owner) out.push(...ownDiagnosis(r, owner.incident, opts));
  else {
    const top = r.diagnoses?.[0];
    if (top && !opts.verbose) out.push(...evidenceLines(top.evidence, opts, 'Evidence:'));
  }
  const key = keyFrames(r, opts.verbose ? Number.MAX_SAFE_INTEGER : FRAMES_SHOWN);
  if (key) {
    const all = r.threads.find((t) => t.crashed)?.frames.length ?? r.panic?.backtrace.length ?? key.frames.length;
    out.push(`  ${key.title}${key.frames.length < all ? ` (top ${key.frames.length} of ${all} frames)` : ''}:`);
    out.push(indent(frameTable(key.frames, opts), 2));
  }
  for (const line of missingSymbolLines(r)) out.push(`  ${line}`);
  if (r.kind === 'kernel-log') out.push(...driverKitLines(r, opts));
  const warnings = opts.verbose ? r.warnings : r.warnings.slice(0, 5);
  for (const w of warnings) out.push(dim(wrap(`  warning: ${w}`, opts, 4), opts));
  if (warnings.length < r.warnings.length) out.push(dim(`  … ${r.warnings.length - warnings.length} more warnings (--verbose)`, opts));
  return out.join('\n');
}

/** Within an incident: the report's own evidence for the incident's cause, and its own cause when that differs. */
function ownDiagnosis(r: Report, inc: Incident, opts: TextOptions): string[] {
  const lead = inc.diagnoses[0];
  const mine = r.diagnoses ?? [];
  const out: string[] = [];
  if (opts.verbose) {
    for (const d of mine) out.push(...evidenceLines(d.evidence, opts, `Evidence for ${d.title} (${pct(d.confidence)}):`));
    return out;
  }
  const { evidence } = ownEvidence(r, lead?.id);
  if (lead && evidence.length > 0) {
    out.push(...evidenceLines(evidence, opts, 'Its evidence for the incident\'s likely cause:'));
  } else if (mine[0]) {
    // The report reads differently from the incident as a whole: say what it shows on its own.
    out.push(wrap(`  On its own: ${mine[0].title} — ${pct(mine[0].confidence)} confidence`, opts, 4));
    out.push(...evidenceLines(mine[0].evidence, opts, 'Evidence:'));
  }
  return out;
}

function facts(r: Report, opts: TextOptions): string[] {
  const rows: [string, string | undefined][] = [
    ['System', systemLine(r)],
    ['Process', [r.process.name !== r.process.bundleId ? r.process.name : undefined, r.process.bundleId, r.process.version, r.process.path].filter(Boolean).join(' · ') || undefined],
    ['Exception', exceptionLine(r)],
    ['Message', r.exception?.message],
    ['Termination', terminationLine(r)],
    ...codeLines(r, opts.verbose ? Number.MAX_SAFE_INTEGER : undefined).map((l): [string, string] => ['Code', opts.verbose ? l : clip(l, 220)]),
    ...(r.applicationSpecific ?? []).slice(0, opts.verbose ? undefined : 3).map((l): [string, string] => ['App info', opts.verbose ? l : clip(l, 240)]),
    ['Panic', panicLine(r) && (opts.verbose ? panicLine(r) : clip(panicLine(r) as string, 240))],
    ['Caller', r.panic?.callerAddress !== undefined ? `${hex(r.panic.callerAddress)}${r.panic.cpu !== undefined ? ` on cpu ${r.panic.cpu}` : ''}` : undefined],
    ['Named', namedComponents(r).slice(0, 6).join(', ') || undefined],
    ['Incident id', r.incident],
    ['Time', r.time],
  ];
  return rows.filter(([, v]) => v).map(([k, v]) => wrap(`  ${`${k}:`.padEnd(13)} ${v}`, opts, 16));
}

/** The kernel log's DriverKit lines, minus those already quoted as evidence. */
function driverKitLines(r: Report, opts: TextOptions): string[] {
  const quoted = new Set((r.diagnoses ?? []).flatMap((d) => d.evidence.map((e) => e.line)).filter((l) => l !== undefined));
  const lines = r.events.filter((e) => e.driverKit && !(e.line !== undefined && quoted.has(e.line)));
  if (lines.length === 0) return [];
  const shown = opts.verbose ? lines : lines.slice(0, FRAMES_SHOWN);
  const out = ['  DriverKit lines:'];
  for (const e of shown) {
    // A dext's own output line says little without the dext's name in front of it.
    const who = e.sender && !e.message.includes(e.sender) ? `(${e.sender}) ` : '';
    out.push(wrap(`    ${e.line !== undefined ? `line ${e.line}: ` : ''}${opts.verbose ? who + e.message : clip(who + e.message, 200)}`, opts, 6));
  }
  if (shown.length < lines.length) out.push(`    … ${lines.length - shown.length} more (--verbose)`);
  return out;
}

function frameTable(frames: Frame[], opts: TextOptions): string {
  // 2 columns of indent, 4 border characters for 3 columns, 1 space of padding each side of a cell.
  const avail = Math.max(40, (opts.width ?? DEFAULT_WIDTH) - 2 - 4);
  const rows = frames.map((f) => [String(f.index), f.image ?? '???', frameLocation(f)] as const);
  const idxW = Math.max(1, ...rows.map((r) => r[0].length)) + 2;
  const imgW = Math.min(Math.max(5, ...rows.map((r) => r[1].length)) + 2, Math.max(12, Math.floor(avail * 0.3)));
  const locW = Math.min(Math.max(8, ...rows.map((r) => r[2].length)) + 2, Math.max(12, avail - idxW - imgW));
  const cells = rows.map((r) => [r[0], fitCell(r[1], imgW - 2), fitCell(r[2], locW - 2)]);
  const widths = [idxW, imgW, locW];
  const plain = opts.color ? undefined : plainTable(FRAME_HEAD, cells, widths);
  if (plain !== undefined) return plain;
  const table = new Table({
    head: [...FRAME_HEAD],
    colWidths: widths,
    wordWrap: false,
    style: { head: opts.color ? ['cyan'] : [], border: opts.color ? ['grey'] : [], compact: true },
    chars: opts.color ? {} : ASCII_CHARS,
  });
  for (const c of cells) table.push(c);
  return table.toString();
}

const FRAME_HEAD = ['#', 'image', 'location'] as const;

/**
 * The table cli-table3 draws for frameTable without colour (ASCII_CHARS, compact, fixed column
 * widths, no word wrap), drawn directly: building and drawing it through cli-table3 was ~5% of the
 * instructions of `analyze` on one report. Only for cells whose every line is printable ASCII
 * (one column per character) and fits its column (cli-table3 would cut it); undefined otherwise,
 * and cli-table3 draws it (test/report/plain-table.test.ts compares both).
 */
export function plainTable(head: readonly string[], rows: readonly (readonly string[])[], widths: readonly number[]): string | undefined {
  const border = `+${widths.map((w) => '-'.repeat(w)).join('+')}+`;
  const out = [border];
  const addRow = (cells: readonly string[]): boolean => {
    const lines = cells.map((c) => c.split('\n'));
    const height = Math.max(...lines.map((l) => l.length));
    for (let i = 0; i < height; i++) {
      let line = '|';
      for (let c = 0; c < widths.length; c++) {
        const text = lines[c]?.[i] ?? '';
        const w = widths[c] as number;
        if (text.length > w - 2 || !printableAscii(text)) return false;
        line += ` ${text}${' '.repeat(w - 1 - text.length)}|`;
      }
      out.push(line);
    }
    return true;
  };
  if (!addRow(head)) return undefined;
  out.push(border);
  for (const r of rows) if (!addRow(r)) return undefined;
  if (rows.length > 0) out.push(border);
  return out.join('\n');
}

function printableAscii(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20 || c > 0x7e) return false;
  }
  return true;
}

/** Break a cell's text into lines of at most `w` characters, at spaces where it can (cli-table3 would cut long words). */
function fitCell(text: string, w: number): string {
  const lines: string[] = [];
  let cur = '';
  for (const word of text.split(' ')) {
    const candidate = cur ? `${cur} ${word}` : word;
    if (candidate.length <= w) {
      cur = candidate;
      continue;
    }
    if (cur) lines.push(cur);
    let rest = word;
    while (rest.length > w) {
      lines.push(rest.slice(0, w));
      rest = rest.slice(w);
    }
    cur = rest;
  }
  lines.push(cur);
  return lines.join('\n');
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

/**
 * Wrap a line to the terminal width with a hanging indent; unchanged without a width (a pipe keeps
 * one fact per line for grep). Breaks at spaces; a word longer than the line stays whole.
 */
function wrap(line: string, opts: TextOptions, hang = 2): string {
  const width = opts.width;
  if (!width || visibleLength(line) <= width) return line;
  const lead = /^ */.exec(line)?.[0] ?? '';
  const words = line.slice(lead.length).split(' ');
  const out: string[] = [];
  let cur = lead;
  let curLen = lead.length;
  let fresh = true;
  for (const w of words) {
    const wl = visibleLength(w);
    if (!fresh && curLen + 1 + wl > width) {
      out.push(cur);
      cur = ' '.repeat(hang) + w;
      curLen = hang + wl;
      continue;
    }
    cur += fresh ? w : ` ${w}`;
    curLen += fresh ? wl : wl + 1;
    fresh = false;
  }
  out.push(cur);
  return out.join('\n');
}

// eslint-disable-next-line no-control-regex
const visibleLength = (s: string): number => s.replace(/\u001b\[[0-9;]*m/g, '').length;
const clip = (s: string, n: number): string => (s.length > n ? `${s.slice(0, n - 1)}…` : s);
const indent = (s: string, n: number): string => s.split('\n').map((l) => ' '.repeat(n) + l).join('\n');
const bold = (s: string, o: TextOptions): string => (o.color ? `\u001b[1m${s}\u001b[22m` : s);
const dim = (s: string, o: TextOptions): string => (o.color ? `\u001b[2m${s}\u001b[22m` : s);
