import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { allFixtureFiles, here } from '../fixtures/lint/make-fixtures.js';

describe('lint rule fixtures', () => {
  it('match what make-fixtures.ts generates (rerun it after editing)', () => {
    const files = allFixtureFiles();
    expect(files.size).toBeGreaterThan(19 * 2);
    for (const [rel, bytes] of files) {
      expect(Buffer.from(readFileSync(join(here, rel))).equals(Buffer.from(bytes)), rel).toBe(true);
    }
  });
});
