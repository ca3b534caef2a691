import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { activationErrorIn, serverExitIn } from '../../../src/ingest/kernel-log/driver-day.js';

/**
 * activationErrorIn and serverExitIn return early when a line lacks a literal their pattern holds.
 * These properties hold them to the formulations without the early return (kept below verbatim).
 */

const HEAD = 600;
function head(line: string): string {
  return line.length > HEAD ? line.slice(0, HEAD) : line;
}

function activationBefore(line: string): { domain: string; code: number } | undefined {
  const m = /\bError Domain=(OSSystemExtensionErrorDomain|KMErrorDomain|OSKextErrorDomain) Code=(-?\d{1,10})\b/.exec(head(line));
  return m ? { domain: m[1] as string, code: Number(m[2]) } : undefined;
}

function serverExitBefore(line: string): { server: string; registryId?: string; reason?: string } | undefined {
  const h = head(line);
  const m = /\bIOUserServer\(([^()\s]{1,200}?)(?:-0x([0-9a-fA-F]{1,16}))?\)::exit\(/.exec(h);
  if (!m) return undefined;
  const out: { server: string; registryId?: string; reason?: string } = { server: m[1] as string };
  if (m[2]) out.registryId = `0x${m[2]}`;
  const rest = h.slice(m.index + m[0].length);
  const reason = (rest.lastIndexOf(')') >= 0 ? rest.slice(0, rest.lastIndexOf(')')) : rest).trim();
  if (reason) out.reason = reason;
  return out;
}

describe('kernel-log driver-day prefilters', () => {
  it('agree with the patterns alone on any line', () => {
    const piece = fc.constantFrom(
      'Error Domain=', 'OSSystemExtensionErrorDomain', 'KMErrorDomain', ' Code=', '-', '4', '8', ' ', 'x', 'Error Domain',
      'IOUserServer(', 'com.example.driver', '-0x', '1000012ab', ')', ')::exit(', '::exit(', '(', 'reason', ')', 'x'.repeat(300),
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 12 }).map((a) => a.join('')), (line) => {
        expect(activationErrorIn(line)).toEqual(activationBefore(line));
        expect(serverExitIn(line)).toEqual(serverExitBefore(line));
      }),
      { numRuns: 4000 },
    );
  });
});
