import { describe, expect, it } from 'vitest';
import { parseLogTime } from '../../../src/ingest/kernel-log/timestamp.js';

// parseLogTime remembers the last day it converted; these alternate days so a stale day would show.
describe('parseLogTime', () => {
  it('gives the same instant as Date.UTC for lines on changing days', () => {
    const cases: [string, number][] = [
      ['2026-03-01 10:21:07.123456-0800', Date.UTC(2026, 2, 1, 10, 21, 7) + 123.456 + 8 * 3_600_000],
      ['2026-03-02 00:00:00Z', Date.UTC(2026, 2, 2, 0, 0, 0)],
      ['2026-03-01 23:59:60+01:00', Date.UTC(2026, 2, 1, 23, 59, 60) - 3_600_000],
      ['2024-02-31T12:00:00Z', Date.UTC(2024, 1, 31, 12, 0, 0)],
      ['0099-01-01 01:02:03Z', Date.UTC(99, 0, 1, 1, 2, 3)],
      ['2026-03-01 10:21:08Z', Date.UTC(2026, 2, 1, 10, 21, 8)],
    ];
    for (const [raw, epochMs] of cases) expect(parseLogTime(raw), raw).toEqual({ epochMs });
  });

  it('keeps a time without a zone as local milliseconds and refuses impossible fields', () => {
    expect(parseLogTime('2025-12-31 23:59:59.5')).toEqual({ localMs: Date.UTC(2025, 11, 31, 23, 59, 59) + 500 });
    expect(parseLogTime('2026-01-01 00:00:00')).toEqual({ localMs: Date.UTC(2026, 0, 1) });
    expect(parseLogTime('2026-13-01 00:00:00')).toEqual({});
    expect(parseLogTime('10:21:07.123')).toEqual({});
  });
});
