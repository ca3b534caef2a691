import { describe, expect, it } from 'vitest';
import { byteOffset, mergeScanned, tolerantScan } from '../../../src/ingest/ips/tolerant-scan.js';

describe('tolerantScan', () => {
  it('finds scalar pairs in broken JSON, first occurrence of a key winning, big integers exact', () => {
    const found = tolerantScan('{"procName" : "a\\"b", @@ "pid":12, "base": 18446741874823331840, "procName":"later", "ok" : true,');
    expect(found).toEqual({ procName: 'a"b', pid: 12, base: 18446741874823331840n, ok: true });
  });

  it('lifts only known top-level keys into a partial body', () => {
    const target = { procName: 'kept' };
    const added = mergeScanned(target as never, { procName: 'x', pid: 3, symbol: 'nested' });
    expect(added).toEqual(['pid']);
    expect(target).toEqual({ procName: 'kept', pid: 3 });
  });

  it('counts byte offsets in UTF-8', () => {
    expect(byteOffset('é€x', 2)).toBe(5);
  });
});
