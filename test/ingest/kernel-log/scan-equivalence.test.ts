import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT, readLinePrefix, splitProcess } from '../../../src/ingest/kernel-log/line-styles.js';
import { senderOf } from '../../../src/ingest/kernel-log/index.js';

/**
 * The `log show` default-style prefix, the process before ": " and the "(sender)" prefix are read by
 * hand instead of by their patterns. These properties hold the scans to the patterns they replaced
 * (kept below verbatim), on lines built from the pieces real logs print and from near misses.
 */

/** readLinePrefix's default branch as it was: DEFAULT.exec, then the process split by its pattern. */
function defaultBefore(head: string): { time: string; level: string; pid: number; process?: string; message: string } | undefined {
  const m = DEFAULT.exec(head);
  if (!m) return undefined;
  const { process, message } = splitProcessBefore(m[7] as string);
  const p: { time: string; level: string; pid: number; process?: string; message: string } = { time: m[1] as string, level: m[3] as string, pid: Number(m[5]), message };
  if (process) p.process = process;
  return p;
}

function splitProcessBefore(rest: string): { process?: string; message: string } {
  const m = /^([^\s:][^:]{0,79}?)(?:\[(\d+)\])?:\s(.*)$/.exec(rest);
  if (!m || /\s/.test(m[1] as string)) return { message: rest };
  return { process: m[1] as string, message: m[3] as string };
}

function senderBefore(message: string): { sender: string; message: string } | undefined {
  const m = /^\(([\w.\-]{1,200})\)\s?(.*)$/s.exec(message);
  return m ? { sender: m[1] as string, message: m[2] as string } : undefined;
}

const ws = fc.constantFrom(' ', '  ', '\t', '     ', '\u00a0', '\u2028', '');

describe('kernel-log scans: same results as the patterns they replaced', () => {
  it('the default-style prefix', () => {
    const time = fc.constantFrom('2026-03-01 10:21:07.123456-0800', '2026-03-01 10:21:07', '2026-03-01T10:21:07Z', '2026-03-01 10:21:07.1+00:00',
      '2026-03-01 10:21:07.1234567890-0800', '2026-03-01 10:21:07.-0800', '2026-03-01 10:21:07.123-08:0', '2026-03-01 10:21:07.123-080',
      '2026-03-01 10:21:07.123Zx', '2026-3-01 10:21:07', '2026-03-01x10:21:07', '2026-03-01 10:21:07.123456+08:00', '2026-03-01 10:21:07.123456789');
    const hex = fc.constantFrom('0x1a2b', '0x0', '0x', '0xZZ', '1a2b', '0x1a2bq');
    const level = fc.constantFrom('Default', 'Error', 'Fault', 'x', '', 'De1', 'Info');
    const num = fc.constantFrom('0', '-1', '123', '-', '--1', '1a', '');
    const message = fc.constantFrom('kernel: (AppleACPIPlatform) ACPI up', 'kernel[0]: x', 'launchd: y', 'a b: c', 'x\u2028y', '', 'kernel:', ':x', 'p[12]:  m',
      '[12]: z', 'name[]: x', 'name[1a]: x', 'x'.repeat(85) + ': y', 'x'.repeat(78) + '[1]: y', 'q: \u2029', 'q:\u2029z');
    const line = fc.tuple(time, ws, hex, ws, level, ws, hex, ws, num, ws, num, ws, message).map((p) => p.join(''));
    fc.assert(fc.property(line, (l) => {
      const got = readLinePrefix(l);
      const want = defaultBefore(l);
      if (want) expect(got).toEqual({ style: 'default', ...want });
      else expect(got.style).not.toBe('default');
    }), { numRuns: 6000 });
  });

  it('the process before ": "', () => {
    const piece = fc.constantFrom('kernel', 'a', ' ', ':', ': ', '[', ']', '12', '[12]', '\t', '\u2028', 'x'.repeat(40), '.', 'é');
    fc.assert(fc.property(fc.array(piece, { maxLength: 8 }).map((p) => p.join('')), (rest) => {
      expect(splitProcess(rest)).toEqual(splitProcessBefore(rest));
    }), { numRuns: 6000 });
  });

  it('the "(sender)" prefix', () => {
    const piece = fc.constantFrom('(', ')', 'com.example.driver', 'IOPCIFamily', '-', '_', ' ', '\n', '\u2028', 'x', 'é', 'a'.repeat(100), '');
    fc.assert(fc.property(fc.array(piece, { maxLength: 8 }).map((p) => p.join('')), (m) => {
      expect(senderOf(m)).toEqual(senderBefore(m));
    }), { numRuns: 6000 });
  });
});
