// The committed Mach-O fixtures are exactly what test/fixtures/macho/build.sh last wrote (out/SHA256SUMS), so a hand
// edit or a partial rebuild is caught; rebuilding with clang-19/ld64.lld-19 reproduces the same sums.
import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { machoRoot } from '../helpers/macho-fixtures.js';

function files(dir: string, prefix = '.'): string[] {
  return readdirSync(dir).flatMap((n) => (statSync(join(dir, n)).isDirectory() ? files(join(dir, n), `${prefix}/${n}`) : [`${prefix}/${n}`]));
}

describe('Mach-O fixtures', () => {
  it('match the sums build.sh recorded, file for file', () => {
    const sums = readFileSync(`${machoRoot}SHA256SUMS`, 'utf8').trim().split('\n').map((l) => l.split(/\s+/));
    const recorded = new Map(sums.map(([h, p]) => [p!, h!]));
    const present = files(`${machoRoot}out`).sort();
    expect(present).toEqual([...recorded.keys()].sort());
    for (const p of present) expect(createHash('sha256').update(readFileSync(join(`${machoRoot}out`, p))).digest('hex'), p).toBe(recorded.get(p));
  });
});
