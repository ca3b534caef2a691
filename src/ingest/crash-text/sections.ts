/**
 * Section starts of legacy crash text: lines that change what the following lines mean.
 * Matched on the trimmed line with anchored, linear patterns.
 */

export type SectionStart =
  | { kind: 'images' }
  | { kind: 'backtrace'; label: 'last' | 'app'; rest: string }
  | { kind: 'block'; target: BlockTarget; rest: string };

export type BlockTarget = 'asi' | 'signatures' | 'triage' | 'vm' | 'termination' | 'skip';

/** Labels that open a section (used by the collapsed-text splitter too). */
export const SECTION_LABELS = [
  'Binary Images',
  'Last Exception Backtrace',
  'Application Specific Information',
  'Application Specific Signatures',
  'Kernel Triage',
  'VM Region Info',
  'External Modification Summary',
  'External Modification Warnings',
  'VM Region Summary',
  'System Profile',
  'Extra Information',
  'Translated Code Information',
  'Error Formulating Crash Report',
];

const SKIP = /^(External Modification Summary|External Modification Warnings|VM Region Summary|System Profile|Extra Information|Notable Addresses|Translated Code Information|Error Formulating Crash Report|Filtered syslog|AppleInternal info|Stack Dump \(|Thread \d{1,6} instruction stream)/;

/** First characters of every section label above and of SKIP's alternatives. */
const SECTION_FIRST = new Uint8Array(128);
for (const c of 'ABEFKLNSTV') SECTION_FIRST[c.charCodeAt(0)] = 1;

export function sectionStart(trimmed: string): SectionStart | undefined {
  const c = trimmed.charCodeAt(0);
  // Every pattern is anchored and starts with a literal: other first characters match none.
  if (!(c < 128 && SECTION_FIRST[c] === 1)) return undefined;
  const first = trimmed.charAt(0);
  if (trimmed.startsWith('Binary Images')) {
    return /^Binary Images( Description)?:?\s*$/.test(trimmed) ? { kind: 'images' } : undefined;
  }
  let m: RegExpExecArray | null;
  if (first === 'L') {
    m = /^Last Exception Backtrace:\s*(.*)$/.exec(trimmed);
    if (m) return { kind: 'backtrace', label: 'last', rest: m[1] ?? '' };
  } else if (first === 'A' && trimmed.startsWith('Application Specific ')) {
    m = /^Application Specific Backtrace \d{1,4}:\s*(.*)$/.exec(trimmed);
    if (m) return { kind: 'backtrace', label: 'app', rest: m[1] ?? '' };
    m = /^Application Specific Information:\s*(.*)$/.exec(trimmed);
    if (m) return { kind: 'block', target: 'asi', rest: m[1] ?? '' };
    m = /^Application Specific Signatures:\s*(.*)$/.exec(trimmed);
    if (m) return { kind: 'block', target: 'signatures', rest: m[1] ?? '' };
  } else if (first === 'K') {
    m = /^Kernel Triage:\s*(.*)$/.exec(trimmed);
    if (m) return { kind: 'block', target: 'triage', rest: m[1] ?? '' };
  } else if (first === 'V') {
    m = /^VM Region Info:\s*(.*)$/.exec(trimmed);
    if (m) return { kind: 'block', target: 'vm', rest: m[1] ?? '' };
    // Older macOS: "VM Regions Near 0x1:" then the table; the heading names the address, so keep it.
    if (/^VM Regions Near [^:]{1,40}:/.test(trimmed)) return { kind: 'block', target: 'vm', rest: trimmed };
  }
  if (SKIP.test(trimmed)) return { kind: 'block', target: 'skip', rest: '' };
  return undefined;
}
