/**
 * Old stackshot text (bug_type 188; FORMATS §2.3): `Exception Code: 0xbaaaaaad`, `Reason: Manually
 * triggered stackshot via backboardd`. A user-requested snapshot of every process, not a failure.
 */
import type { Report } from '../../model/report.js';
import type { SourceLine } from './preface.js';
import { applyCommonHeader, readHeader } from './report-header.js';

export function parseStackshotText(lines: SourceLine[], r: Report): void {
  r.kind = 'stackshot';
  const f = readHeader(lines);
  applyCommonHeader(r, f);
  const hw = f.get('Hardware Model');
  if (hw) r.hardware.model = hw;
  const notes: string[] = [];
  const reason = f.get('Reason');
  if (reason) notes.push(`stackshot reason: ${reason}`);
  const code = f.get('Exception Code');
  if (code) {
    notes.push(
      /^0xbaaaaaad$/i.test(code)
        ? 'Exception Code 0xbaaaaaad: a stackshot requested by the user or the system, not a crash'
        : `Exception Code: ${code}`,
    );
  }
  r.notes = notes;
}
