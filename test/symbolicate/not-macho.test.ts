import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isNotMachO } from '../../src/symbolicate/discovery/symbol-index.js';

// The regex isNotMachO replaced (names in a report's folder that are never opened as Mach-O).
const OLD = /\.(?:ips|crash|panic|log|txt|json|ndjson|spin|hang|diag|shutdownStall|md|html?|plist|csv|gz|zip|tar|tgz|xz|bz2)$/i;
const EXT = ['ips', 'crash', 'panic', 'log', 'txt', 'json', 'ndjson', 'spin', 'hang', 'diag', 'shutdownStall', 'md', 'htm', 'html', 'plist', 'csv', 'gz', 'zip', 'tar', 'tgz', 'xz', 'bz2', 'dylib', 'kext', 'o', 'tar.gz', ''];

describe('isNotMachO', () => {
  it('answers as the extension regex it replaced', () => {
    const caseMix = (s: string, flips: boolean[]): string => [...s].map((c, i) => (flips[i % Math.max(1, flips.length)] ? c.toUpperCase() : c.toLowerCase())).join('');
    const name = fc.tuple(fc.string({ maxLength: 6 }), fc.constantFrom('.', '.', '/', 'x.'), fc.constantFrom(...EXT), fc.array(fc.boolean(), { maxLength: 6 }), fc.constantFrom('', '', 'x', '.', '\n', '\u212a', ' '))
      .map(([head, dot, ext, flips, tail]) => head + dot + caseMix(ext, flips) + tail);
    const any = fc.oneof(name, fc.string({ maxLength: 12 }), fc.string({ unit: 'binary', maxLength: 10 }));
    fc.assert(fc.property(any, (s) => isNotMachO(s) === OLD.test(s)), { numRuns: 30000 });
    for (const s of ['a/b.IPS', 'x.ShutdownStall', 'x.htm', 'x.tar.gz', 'x.dylib', 'crash', '.log', 'x.lo\u212a', 'x.ips\n', 'x.\u0130ps']) expect(isNotMachO(s)).toBe(OLD.test(s));
  });
});
