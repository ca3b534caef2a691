// namedCoprocessor keeps its answer for the last text it was asked about (the culprit and the panic
// facts of one report both ask): the answer must always be the text's own, whatever came before.
import { describe, expect, it } from 'vitest';
import { namedCoprocessor } from '../../src/diagnose/generic.js';

describe('namedCoprocessor', () => {
  it('answers for the text given, also when asked again or after another text', () => {
    const dcp = 'panic(cpu 2 caller 0xfffffe0012345678): DCPEXT1 PANIC - assertion failed\n';
    const ans = 'panic(cpu 0 caller 0xfffffe0012345678): ANS2 Recoverable Panic - firmware timeout\n';
    const none = 'panic(cpu 1 caller 0xfffffe0012345678): Kernel data abort.\n';
    const rtkit = 'panic(cpu 1 caller 0xfffffe0012345678): RTKit: crash in ASC\n';
    const seq = [dcp, dcp, ans, none, dcp, none, none, rtkit, ans];
    const got = seq.map((t) => {
      const c = namedCoprocessor(t);
      return c ? `${c.row.name}/${c.word}` : 'none';
    });
    expect(got).toEqual(['DCP/DCPEXT', 'DCP/DCPEXT', 'ANS/ANS', 'none', 'DCP/DCPEXT', 'none', 'none', 'RTKit/RTKit', 'ANS/ANS']);
    // A text equal to an earlier one but built anew gets the same answer.
    expect(namedCoprocessor(`${dcp.slice(0, 10)}${dcp.slice(10)}`)?.word).toBe('DCPEXT');
  });
});
