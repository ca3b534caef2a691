import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeBytes } from '../../src/ingest/decode.js';
import { detectForm, LOG_TIMESTAMP } from '../../src/ingest/detect.js';
import { splitDocuments } from '../../src/ingest/split.js';
import { unwrapPaste } from '../../src/ingest/unwrap-paste.js';
import { bigIntegerTokens } from '../../src/ingest/ips/lossless-json.js';
import { hasCollapsedCrashReport } from '../../src/ingest/crash-text/collapsed.js';
import { looksLikeKernelLog } from '../../src/ingest/kernel-log/detect.js';
import { looksLikePanicText } from '../../src/ingest/panic-text/detect.js';
import { parseFrameLine } from '../../src/ingest/crash-text/frame-line.js';
import { BINARY_SPINDUMP } from '../../src/ingest/crash-text/text-kind.js';
import { isHeaderLine } from '../../src/ingest/ips/envelope.js';

/**
 * The common front of ingest decides most lines by their first character and substring searches
 * instead of regexes. These properties hold it to the plain regex formulations it replaced (kept
 * below as the reference), on texts built from the very line shapes the patterns look for, with
 * every kind of leading whitespace JavaScript's `\s` knows.
 */

const LINES = [
  '', '   ', '\t', ' \u2028 ', '\u00a0', 'Incident Identifier: 1', '*** Panic Report ***', 'Anonymous UUID: 1',
  'panic(cpu 0 caller 0x1): boom', 'Process: App [1]', 'Process:x', 'Heavy format: yes', 'Data Source: Stackshots',
  'Data Source:   Microstackshots', 'Powerstats for: x', 'Filtered syslog:', '2026-03-01 10:21:07.123 kernel[0]: x',
  '2026-03-01T10:21:07 x', '1234-5', 'Exception Type: EXC_CRASH', 'Thread 0 Crashed:', 'Thread 3 name: x', 'Binary Images:',
  'Backtrace (CPU 0)', 'lr: 0x1', 'Panicked task x', 'Command: x', '{"bug_type":"309","name":"x"}',
  '{"bug_type" : "210"} ', '{"a":1, "bug_type":1', '{"a":1}', '{', '  "key" : 1,', '"bug_type" : "309",', '}', '],',
  '-----', '# Title', '<hr>', 'Translated Report (Full Report Below)', '## Full Report', 'Full Report',
  '0   libfoo.dylib   0x1 0x0 + 1', 'prose text here', '> quoted', '> > Process: x', '```text', '~~~', '<pre>x</pre>',
  '<br>', '<CODE>', 'Crashed: com.x', 'NSInvalidArgumentException', '(', 'Last Exception Backtrace:',
];
const INDENT = ['', ' ', '  ', '\t', '\u00a0', '\u3000', '\ufeff', '\v'];
const line = fc.oneof(
  { weight: 6, arbitrary: fc.tuple(fc.constantFrom(...INDENT), fc.constantFrom(...LINES)).map(([a, b]) => a + b) },
  { weight: 1, arbitrary: fc.string({ maxLength: 12 }) },
);
const text = fc.array(line, { maxLength: 60 }).map((ls) => ls.join('\n'));

describe('ingest front: same results as the regex formulations', () => {
  it('splitDocuments', () => {
    fc.assert(fc.property(text, (t) => {
      expect(splitDocuments(t)).toEqual(referenceSplit(t));
    }), { numRuns: 3000 });
  });

  it('detectForm, on whole texts and on every slice', () => {
    fc.assert(
      fc.property(text, (t) => {
        expect(detectForm(t)).toBe(referenceDetect(t));
        for (const s of referenceSplit(t)) expect(detectForm(s.text)).toBe(referenceDetect(s.text));
      }),
      { numRuns: 2000 },
    );
  });

  it('unwrapPaste', () => {
    fc.assert(fc.property(text, (t) => {
      expect(unwrapPaste(t)).toBe(referenceUnwrap(t));
    }), { numRuns: 3000 });
    for (const t of ['a\n  > b', '>', 'x > y', '\r> x', 'a\u2028\u00a0>b', 'a\n\t\tb > c']) expect(unwrapPaste(t)).toBe(referenceUnwrap(t));
  });

  it('decodeBytes', () => {
    const bytes = fc.array(fc.oneof(fc.integer({ min: 0, max: 255 }), fc.constantFrom(0xef, 0xbf, 0xbd, 0x0d, 0x0a, 0xc2, 0xa0, 0x41)), { maxLength: 300 });
    fc.assert(fc.property(bytes, (b) => {
      expect(decodeBytes(Uint8Array.from(b))).toEqual(referenceDecode(Uint8Array.from(b)));
    }), { numRuns: 2000 });
  });

  it('big integer tokens', () => {
    const piece = fc.oneof(
      fc.stringMatching(/^-?[0-9]{1,24}$/),
      fc.constantFrom(':', ',', '[', ']', '{', '}', ' ', '\n', '\t', '\r', '"', 'x', '-', '.5', 'e3', '\\'),
    );
    const json = fc.array(piece, { maxLength: 40 }).map((p) => p.join(''));
    fc.assert(fc.property(json, (t) => {
      expect(bigIntegerTokens(t) ?? []).toEqual(referenceTokens(t));
    }), { numRuns: 5000 });
    // Runs just short of and just over 16 digits, packed close: every skip and walk boundary of the scan.
    const near = fc.oneof(fc.stringMatching(/^[0-9]{13,18}$/), fc.constantFrom(',', ':', 'a', ' ', '-', '1'));
    fc.assert(fc.property(fc.array(near, { maxLength: 30 }).map((p) => p.join('')), (t) => {
      expect(bigIntegerTokens(t) ?? []).toEqual(referenceTokens(t));
      expect(bigIntegerTokens(t) === undefined).toBe(!/\d{16}/.test(t));
    }), { numRuns: 5000 });
    // undefined exactly when there is no run of 16 digits at all (JSON.parse may then read the text as it is).
    fc.assert(fc.property(json, (t) => {
      expect(bigIntegerTokens(t) === undefined).toBe(!/\d{16}/.test(t));
    }), { numRuns: 2000 });
  });

  // Quadratic work would blow the test timeout; speed itself is measured in bench/ips.bench.ts.
  it('agrees on large hostile shapes, in bounded time', () => {
    const shapes = [
      `${' '.repeat(200_000)}>\n`.repeat(5) + `x${'  >'.repeat(100_000)}`,
      Array.from({ length: 20_000 }, (_, i) => (i % 3 === 0 ? '{"bug_type":"309"}' : i % 3 === 1 ? 'prose' : '')).join('\n'),
      Array.from({ length: 20_000 }, (_, i) => (i % 2 === 0 ? '' : `Process: p${i}`)).join('\n'),
      `Translated Report (Full Report Below)\n${'-----\n'.repeat(50_000)}`,
      `${'\u00a0'.repeat(300_000)}panic(cpu 0 caller 0x1): x`,
    ];
    for (const t of shapes) {
      expect(splitDocuments(t)).toEqual(referenceSplit(t));
      expect(unwrapPaste(t)).toBe(referenceUnwrap(t));
    }
    for (const t of ['7'.repeat(2_000_000), '123456789012345,'.repeat(100_000), `[${'12345678901234567890,'.repeat(50_000)}1]`]) {
      expect(bigIntegerTokens(t) ?? []).toEqual(referenceTokens(t));
    }
  });
});

// ---- the formulations replaced (main before the ingest-front rewrite) ----

function referenceTokens(text: string): number[] {
  const re = /((?:^|[:,[])[ \t\r\n]*)(-?\d{16,})(?=[ \t\r\n]*(?:[,}\]]|$))/g;
  const out: number[] = [];
  for (let m = re.exec(text); m; m = re.exec(text)) out.push(m.index + (m[1] as string).length, m.index + m[0].length);
  return out;
}

function referenceDecode(bytes: Uint8Array): { text: string; encoding: string } {
  const utf8 = new TextDecoder('utf-8', { fatal: false }).decode(bytes);
  let replacements = 0;
  for (let i = 0; i < utf8.length; i++) if (utf8.charCodeAt(i) === 0xfffd) replacements++;
  const normalize = (t0: string): string => {
    let t = t0.charCodeAt(0) === 0xfeff ? t0.slice(1) : t0;
    if (t.includes('\r')) t = t.replace(/\r\n?/g, '\n');
    if (t.includes('\u00a0')) t = t.replace(/\u00a0/g, ' ');
    return t;
  };
  if (replacements > 0 && replacements / Math.max(1, utf8.length) > 0.01) return { text: normalize(new TextDecoder('latin1').decode(bytes)), encoding: 'latin1' };
  return { text: normalize(utf8), encoding: 'utf-8' };
}

function referenceUnwrap(text: string): string {
  if (!/```|~~~|<pre|<br|<\/?code|^\s*>/im.test(text)) return text;
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    let l = lines[i] as string;
    if (/^\s*(```|~~~)[\w+-]*\s*$/.test(l)) {
      lines[i] = '';
      continue;
    }
    if (l.includes('<')) l = l.replace(/<\/?(pre|code)[^>]*>/gi, '').replace(/<br\s*\/?>/gi, '');
    if (l.trimStart().startsWith('>')) l = l.replace(/^(\s*>)+ ?/, '');
    lines[i] = l;
  }
  return lines.join('\n');
}

interface RefDoc { start: number; state: string; body: boolean; translated: boolean; sampling?: boolean; syslog?: boolean }

function referenceSplit(text: string): Array<{ text: string; startLine: number }> {
  const IPS_HEADER = /^\s*\{.*"bug_type"\s*:.*\}\s*$/;
  const TRANSLATED_TITLE = /Translated Report \(Full Report Below\)/;
  const RULE = /^\s*(-{5,}|#+\s|<hr)/;
  const TEXT_START = /^\s*(Incident Identifier:|\*\*\* Panic Report \*\*\*|Anonymous UUID:|panic\(cpu \d)/;
  const PROCESS_START = /^\s*Process:\s/;
  const SAMPLING_MARK = /^\s*(Heavy format:|Data Source:\s+(Micro)?[Ss]tackshots|Powerstats for:)/;
  const BODY_MARK = /^\s*(Exception Type:|Thread \d+( Crashed)?:|Thread \d+ name:|Binary Images:|panic\(cpu |Backtrace \(|lr: 0x|Panicked task|Command:)/;
  const lines = text.split('\n');
  const starts: number[] = [];
  let doc: RefDoc | undefined;
  let prevBlank = true;
  const open = (i: number, state: string, translated = false): void => {
    if (starts[starts.length - 1] !== i) starts.push(i);
    doc = { start: i, state, body: false, translated };
  };
  const uuidAbove = (i: number): number => {
    for (let k = i - 1; k >= Math.max(0, i - 6); k--) if (/^\s*Anonymous UUID:/.test(lines[k] as string)) return k;
    return i;
  };
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i] as string;
    if (l.trim() === '') {
      prevBlank = true;
      continue;
    }
    const cur = doc as RefDoc | undefined;
    if (TRANSLATED_TITLE.test(l)) {
      const ruleAbove = i > 0 && RULE.test(lines[i - 1] as string) ? i - 1 : i;
      if (!cur || cur.body || cur.state !== 'text' || !cur.translated) open(ruleAbove, 'text', true);
      prevBlank = false;
      continue;
    }
    if (IPS_HEADER.test(l)) {
      if (cur?.translated && !cur.body) {
        /* same incident */
      } else if (cur?.translated) {
        cur.state = 'ips-header';
        cur.body = false;
      } else if (cur && cur.state === 'text' && !cur.body && i - cur.start <= 40) cur.state = 'ips-header';
      else open(i, 'ips-header');
      prevBlank = false;
      continue;
    }
    if (cur?.state === 'ips-header') {
      cur.state = l.trimStart().startsWith('{') ? 'ips-json' : 'text';
      cur.body = cur.state === 'ips-json';
      prevBlank = false;
      continue;
    }
    if (cur && SAMPLING_MARK.test(l)) cur.sampling = true;
    const textStart = TEXT_START.test(l) || (prevBlank && PROCESS_START.test(l) && !cur?.sampling);
    if (textStart) {
      if (!cur || cur.body || cur.state === 'log') open(uuidAbove(i), 'text');
    } else if (/^\s*Filtered syslog:/.test(l)) {
      if (cur) cur.syslog = true;
    } else if (LOG_TIMESTAMP.test(l)) {
      if (!cur || (cur.state !== 'log' && cur.body && !cur.syslog)) open(i, 'log');
      else if (cur.state !== 'log' && cur.start === i) cur.state = 'log';
    } else if (!cur) open(i, 'text');
    const d = doc as RefDoc | undefined;
    if (d && (BODY_MARK.test(l) || d.state === 'log')) d.body = true;
    prevBlank = false;
  }
  if (starts.length <= 1) return [{ text, startLine: 1 }];
  starts[0] = 0;
  return starts.map((s, k) => {
    const end = k + 1 < starts.length ? (starts[k + 1] as number) : lines.length;
    return { text: lines.slice(s, end).join('\n'), startLine: s + 1 };
  });
}

function referenceDetect(text: string): string | undefined {
  const IPS_HEADER = /^\s*\{.*"bug_type"/;
  const JSON_BODY_KEYS = /"(crashReporterKey|procName|panicString|macOSPanicString|bug_type|processByPid|largestProcess|incident)"\s*:/;
  const KSCRASH_KEYS = /"(binary_images|kscrash)"\s*:|"report"\s*:\s*\{[^}]*"process_name"/;
  const JSON_KEY_LINE = /^\s*"[A-Za-z_][\w]{0,60}"\s*:/;
  const IPS_FRAGMENT_KEYS = /"(termination|faultingThread|usedImages|procName|procPath|exception|threads|panicString|legacyInfo|asi|ktriageinfo|vmRegionInfo|lastExceptionBacktrace)"\s*:/;
  const CRASH_HEAD = /^\s*(Incident Identifier|CrashReporter Key|Hardware Model|Process|Exception Type|Date\/Time|Command|Data Source):/;
  const CRASH_ANYWHERE = /^\s*(Exception Type|Crashed Thread|Triggered by Thread|Termination Reason|Data Source|Heavy format):/m;
  const BACKTRACE_HEAD = /^\s*(Last Exception Backtrace:|Application Specific Backtrace \d{1,4}:|Thread \d{1,6}( Crashed)?::?(\s+Dispatch queue:.*|\s+\S.*)?$|Thread \d{1,6} name:)/;
  const REPORTER_HEAD = /^\s*(Crashed: \S|Fatal Exception: [A-Za-z]|Non-fatal Exception: [A-Za-z]|Application received signal SIG[A-Z]|#\d{1,4} Thread\s*$|dSYM UUID: )/;
  const PANIC_HEAD = /^\s*(\*\*\* Panic Report \*\*\*|Anonymous UUID:|panic\(cpu )/;
  const PANIC_ANYWHERE = /panic\(cpu \d+ caller /;
  const LOG_MARKERS = /(^|\s)(kernel(\[\d+\])?:|DK: |\.dext\) |has crashed \d+ time|ClientCrashed_Impl|IOUserServer\()/;
  const NDJSON_LOG = /^\s*\{.*"(eventMessage|timestamp)"/;
  const head: string[] = [];
  let start = 0;
  while (head.length < 60 && start <= text.length) {
    const end = text.indexOf('\n', start);
    head.push(text.slice(start, end === -1 ? text.length : end));
    if (end === -1) break;
    start = end + 1;
  }
  const first = head.find((l) => l.trim() !== '') ?? '';
  if (/Translated Report \(Full Report Below\)/.test(head.join('\n'))) return 'translated-report';
  if (IPS_HEADER.test(first)) return 'ips';
  const firstJson = head.slice(0, 40).find((l) => l.trimStart().startsWith('{'));
  if (firstJson !== undefined && isHeaderLine(firstJson)) return 'ips';
  if (NDJSON_LOG.test(first) || /^\s*\[\s*(\{|$)/.test(first)) {
    if (head.some((l) => /"eventMessage"\s*:/.test(l))) return 'kernel-log';
    return JSON_BODY_KEYS.test(head.join('\n')) ? 'ips' : undefined;
  }
  if (first.trimStart().startsWith('{') && JSON_BODY_KEYS.test(head.join('\n'))) return 'ips';
  if (first.trimStart().startsWith('{') && KSCRASH_KEYS.test(head.join('\n').slice(0, 64 * 1024))) return 'reporter-json';
  if (JSON_KEY_LINE.test(first) && IPS_FRAGMENT_KEYS.test(head.join('\n'))) return 'ips';
  const meaningful = head.filter((l) => l.trim() !== '');
  if (meaningful.slice(0, 8).some((l) => PANIC_HEAD.test(l))) return 'panic-text';
  if (meaningful.slice(0, 8).some((l) => CRASH_HEAD.test(l)) && !PANIC_ANYWHERE.test(head.join('\n'))) return 'crash-text';
  const firstBt = meaningful.slice(0, 8).findIndex((l) => BACKTRACE_HEAD.test(l));
  if (firstBt >= 0 && meaningful.slice(firstBt + 1, firstBt + 6).some((l) => parseFrameLine(l) !== undefined)) return 'crash-text';
  if (meaningful.slice(0, 8).some((l) => REPORTER_HEAD.test(l))) return 'crash-text';
  if (meaningful.slice(0, 8).some((l, i) => /^\s*[A-Z]\w{2,80}(Exception|Error)\s*$/.test(l) && meaningful[i + 1]?.trim() === '(')) return 'crash-text';
  if (meaningful.slice(0, 4).some((l) => BINARY_SPINDUMP.test(l.trim()))) return 'crash-text';
  let logLines = 0;
  for (const l of meaningful) if (LOG_TIMESTAMP.test(l) || LOG_MARKERS.test(l)) logLines++;
  if (logLines >= Math.min(2, meaningful.length)) return 'kernel-log';
  if (PANIC_ANYWHERE.test(text) || looksLikePanicText(text)) return 'panic-text';
  if (CRASH_ANYWHERE.test(text)) return 'crash-text';
  if (hasCollapsedCrashReport(head)) return 'crash-text';
  if (looksLikeKernelLog(text)) return 'kernel-log';
  return undefined;
}
