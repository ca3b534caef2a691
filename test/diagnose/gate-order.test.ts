// gateIdsOf reorders a gate (disjunctions, and atoms within each) so the long fields are read last:
// the same conjunction of the same disjunctions, so no gate can pass or fail differently.
import { describe, expect, it } from 'vitest';
import { builtinSignatures } from '../../src/diagnose/read-signatures.js';
import { gateIdsOf, preparePrefilter } from '../../src/diagnose/compile-rules.js';

/** The flat array back as sorted disjunctions of sorted atom ids, themselves sorted. */
function disjunctions(ids: Int32Array): number[][] {
  const out: number[][] = [];
  for (let i = 0; i < ids.length; ) {
    const n = ids[i] as number;
    out.push([...ids.subarray(i + 1, i + 1 + n)].sort((a, b) => a - b));
    i += 1 + n;
  }
  return out.sort((a, b) => a.join().localeCompare(b.join()));
}

describe('gateIdsOf', () => {
  it('gives every disjunction of every built-in gate, each with all its atoms, and nothing else', () => {
    let gates = 0;
    for (const s of builtinSignatures().signatures) {
      preparePrefilter(s);
      if (!s.gate) continue;
      gates++;
      const want = s.gate.map((any) => any.map((a) => a.id).sort((a, b) => a - b)).sort((a, b) => a.join().localeCompare(b.join()));
      expect(disjunctions(gateIdsOf(s.gate)), s.signature.id).toEqual(want);
    }
    expect(gates).toBeGreaterThan(50);
  });

  it('reads a disjunction of short fields before one that needs every image name', () => {
    const sig = builtinSignatures().signatures.find((s) => {
      preparePrefilter(s);
      return s.gate?.some((any) => any.some((a) => a.field === 'images.name' && a.literal !== undefined)) && s.gate.length > 1;
    });
    // The built-in set has such a gate (a DriverKit networking signature).
    expect(sig?.gate).toBeDefined();
    const gate = sig?.gate ?? [];
    const ids = gateIdsOf(gate);
    const first = [...ids.subarray(1, 1 + (ids[0] as number))];
    const images = new Set(gate.flat().filter((a) => a.field === 'images.name').map((a) => a.id));
    expect(first.some((id) => images.has(id))).toBe(false);
  });
});
