/** `triage --explain`: how each report of a file got its bucket, as text. Core code. */
import type { BucketExplanation } from './fingerprint.js';
import { FINGERPRINT_VERSION } from './fingerprint.js';

export function renderExplanation(path: string, list: BucketExplanation[]): string {
  const out: string[] = [];
  list.forEach((e, i) => {
    out.push(`${path}${list.length > 1 ? ` (report ${i + 1} of ${list.length})` : ''}`);
    out.push(`  bucket:      ${e.key.id}  (fingerprint rule v${FINGERPRINT_VERSION})`);
    out.push(`  title:       ${e.key.title}`);
    if (e.diagnosis) {
      const d = e.diagnosis;
      out.push(`  diagnosis:   ${d.id} (confidence ${d.confidence}${d.generic ? ', generic' : ''}${d.grouping ? ', grouping' : ''})${d.noFailure ? '; shows no failure: listed after the failures' : ''}`);
    }
    out.push(`  rule:        ${e.rule}: ${e.reason}`);
    if (e.rule === 'fingerprint') {
      out.push(`  problem:     ${e.problem || '(none)'}`);
      out.push(`  stack:       ${e.stackSource ?? '(no stack)'}${e.responsibleImage ? `; responsible image ${e.responsibleImage}` : '; no non-system image: top frames used'}`);
      for (const f of e.frames) out.push(`    ${f.use.padEnd(11)} ${f.text}${f.why ? `  — ${f.why}` : ''}`);
    }
    out.push(`  fingerprint: ${e.key.fingerprint}`, '');
  });
  return out.join('\n');
}
