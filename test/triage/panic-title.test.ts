import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot, runCli } from '../helpers/run-cli.js';

/**
 * A panic's bucket is keyed by its message with numbers masked, but titled by the message as written
 * (the smallest of its reports' titles, so the order they are read in does not matter).
 */
let dir: string;
let a: string;
let b: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'paniclens-panic-title-'));
  const text = readFileSync(join(repoRoot, 'samples/panic-intel.panic'), 'utf8');
  // The same panic at another request address: one bucket, two spellings of its message.
  a = join(dir, 'a.panic');
  b = join(dir, 'b.panic');
  writeFileSync(a, text.replace('request 0xffffff8035a1c200', 'request 0xffffff80aa000000'));
  writeFileSync(b, text);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const title = (...paths: string[]) => {
  const doc = JSON.parse(runCli(['triage', '--jobs', '1', '--format', 'json', ...paths]).stdout) as { buckets: { title: string; count: number; fingerprint: string }[] };
  expect(doc.buckets).toHaveLength(1);
  return doc.buckets[0] as { title: string; count: number; fingerprint: string };
};

describe('a panic bucket title', () => {
  it('reads the message with its numbers, the same whichever report comes first or which shard merges first', () => {
    const both = title(a, b);
    expect(both.count).toBe(2);
    expect(both.fingerprint).toContain('ExampleUSBSerial: completion for unknown request 0x? (pipe 0x?)');
    // The smaller spelling (0xffffff80 35… < 0xffffff80 aa…), cut as titles are.
    expect(both.title).toMatch(/^ExampleUSBSerial: completion for unknown request 0xffffff8035a1c200 \(pipe 0x2\) \/ com\.example\.driver\.USBSerial in com\.example\.driver\.USBSerial: /);
    expect(title(b, a).title).toBe(both.title);
    const shard = (name: string, path: string) => {
      const f = join(dir, name);
      writeFileSync(f, runCli(['triage', '--jobs', '1', '--format', 'json', path]).stdout);
      return f;
    };
    const sa = shard('sa.json', a);
    const sb = shard('sb.json', b);
    for (const order of [[sa, sb], [sb, sa]]) {
      const merged = JSON.parse(runCli(['triage', '--merge', '--format', 'json', ...order]).stdout) as { buckets: { title: string }[] };
      expect(merged.buckets[0]?.title).toBe(both.title);
    }
  });
});
