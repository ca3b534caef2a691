import { describe, expect, it } from 'vitest';
import { parseSince } from '../../src/triage/since.js';

const now = Date.parse('2026-12-08T12:00:00Z');

describe('--since', () => {
  it('reads a span back from now', () => {
    expect(parseSince('30m', now)).toBe(now - 30 * 60_000);
    expect(parseSince('12h', now)).toBe(now - 12 * 3_600_000);
    expect(parseSince('7d', now)).toBe(Date.parse('2026-12-01T12:00:00Z'));
    expect(parseSince('2w', now)).toBe(Date.parse('2026-11-24T12:00:00Z'));
    expect(parseSince('3 D', now)).toBe(Date.parse('2026-12-05T12:00:00Z'));
  });

  it('reads ISO 8601 dates and times, with a space or a T', () => {
    expect(parseSince('2026-01-31', now)).toBe(Date.parse('2026-01-31T00:00:00Z'));
    expect(parseSince('2026-01-31T12:00:00Z', now)).toBe(Date.parse('2026-01-31T12:00:00Z'));
    expect(parseSince('2026-01-31 12:00:00+01:00', now)).toBe(Date.parse('2026-01-31T11:00:00Z'));
  });

  it('refuses what is neither, including what Date.parse would take as another date', () => {
    for (const bad of ['7', 'yesterday', '2026-13-45', '7y', 'd', '', '12/31/2025', '2026-01-31junk']) expect(parseSince(bad, now)).toBeUndefined();
  });
});
