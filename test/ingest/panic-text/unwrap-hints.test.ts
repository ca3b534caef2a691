import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toSourceLines } from '../../../src/ingest/panic-text/lines.js';
import { unwrapPanicText, wrapperHints } from '../../../src/ingest/panic-text/unwrap.js';

/**
 * parsePanicText tests a line for a paste wrapper only when the whole text holds the wrapper's
 * literal. This holds it to testing every line, on texts built from wrapper pieces, including tags
 * that join a "panicString" key, a `\n` escape or the legacy banner once removed.
 */
describe('panic unwrap: whole-text hints change nothing', () => {
  it('unwrapPanicText with the text hints equals it with every test on', () => {
    const pieces = [
      '', ' ', '\u00a0', '\ufeff', '```', '~~~', '```text', '<pre>', '</pre>', '<br>', '<br/>', '<code x>', '>', '> ', ' > >', '"panicString" : "',
      '"pani<br>cString" : "', 'p<code>anicString', '"macOSpanicString":"', '\\n', '\\<br>n', '\\n\\n\\n', 'panic(cpu 0 caller 0xff): boom',
      'Anonymous UUID: 1234', '*** Panic Report ***', 'TITLE: x', '*** Panic', ' Report ***', '\u00a0Report ***', '\\u002a** Panic Report ***', 'Backtrace (CPU 0), Frame : Return Address', '",', 'x',
    ];
    const line = fc.array(fc.constantFrom(...pieces), { maxLength: 5 }).map((p) => p.join(''));
    const text = fc.array(line, { maxLength: 20 }).map((ls) => ls.join('\n'));
    fc.assert(fc.property(text, (t) => {
      expect(unwrapPanicText(toSourceLines(t), wrapperHints(t))).toEqual(unwrapPanicText(toSourceLines(t)));
    }), { numRuns: 4000 });
  });
});
