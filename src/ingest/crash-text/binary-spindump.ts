/**
 * spindump's binary form (`.shutdownStall`, some `.spin` and hang files): a "Spindump binary format"
 * title and base64 samples. Nothing in it can be read without Apple's decoder, so the report says what
 * the document is and how to get its text form, instead of failing as unrecognised content.
 */
import type { Report } from '../../model/report.js';
import type { SourceLine } from './preface.js';

const BASE64_LINE = /^[A-Za-z0-9+/]{16,}={0,2}$/;

export function readBinarySpindump(lines: SourceLine[], r: Report): void {
  r.kind = 'other';
  let encoded = 0;
  for (const { text } of lines) if (BASE64_LINE.test(text.trim())) encoded += text.trim().length;
  r.notes = [
    'binary spindump: a hang, stall or watchdog sampling report whose stacks are encoded; it is not a crash',
    `its ${Math.round((encoded * 3) / 4 / 1024)} KiB of encoded samples can only be read after decoding: run \`spindump -i <file>\` on a Mac to write the text report, then analyse that`,
  ];
}
