// decodeReportCodes scans each distinct log or application-specific text once per report and dedupes
// the codes it adds by field, table and name against the codes it holds: held here to the plain
// pass (referenceCodesPass: every text scanned, one set of "field NUL table NUL name" keys) on reports
// with repeated texts.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeReportCodes } from '../../src/codes/index.js';
import { emptyReport, type Report } from '../../src/model/report.js';
import { referenceCodesPass } from './reference-codes-pass.js';

const TEXTS = [
  '[trace] init', 'Start failed: 0xe00002c7 kr = 0x10000003 (iokit/common) not permitted', 'DK: X-0x1::start(Y-0x2) returned -308',
  'memorystatus: killing_specific_process pid 42 [Foo] (per-process-limit 10 3s rf:-) 123KB', 'exit reason namespace 15 subcode 0x8badf00d',
  'error -536870174 and E00002C7', 'Previous shutdown cause: -128', 'OSSystemExtensionErrorDomain Code=4', 'plain text',
];

describe('decodeReportCodes', () => {
  it('gives the codes of the plain pass', () => {
    const report = fc.record({
      type: fc.constantFrom(undefined, 'EXC_CRASH (SIGKILL)', 'EXC_BAD_ACCESS (SIGSEGV)', 'EXC_GUARD'),
      codes: fc.constantFrom('0x8badf00d', '0x0000000000000001, 0x0000000000000000', '0x10, 0x20'),
      ns: fc.constantFrom(undefined, 'FRONTBOARD', 'SIGNAL', '<0xF>'),
      code: fc.constantFrom(undefined, '0x8badf00d', '9', '0xdead10cc'),
      panic: fc.constantFrom(undefined, 'Kernel data abort. at pc 0x1 esr: 0x96000006', 'AOP PANIC - boom', 'type 14=page fault, registers:'),
      killed: fc.array(fc.constantFrom('per-process-limit', 'vm-pageshortage', 'highwater', ''), { maxLength: 6 }),
      triage: fc.array(fc.constantFrom('VM - (arg = 0x3) Found no valid range containing this address', 'nothing'), { maxLength: 3 }),
      asi: fc.array(fc.constantFrom(...TEXTS), { maxLength: 5 }),
      events: fc.array(fc.constantFrom(...TEXTS), { maxLength: 40 }),
    });
    fc.assert(
      fc.property(report, (r) => {
        const rep = emptyReport({ path: 'x', format: 'kernel-log' }, 'kernel-log');
        if (r.type) rep.exception = { type: r.type, codes: r.codes };
        if (r.ns || r.code) rep.termination = { ...(r.ns ? { namespace: r.ns } : {}), ...(r.code ? { code: r.code } : {}) };
        if (r.panic) rep.panic = { message: r.panic, kexts: [], backtrace: [] };
        if (r.killed.length > 0) rep.jetsam = { killed: r.killed.map((reason, i) => ({ name: `p${i}`, ...(reason ? { reason } : {}) })) } as Report['jetsam'];
        if (r.triage.length > 0) rep.kernelTriage = r.triage;
        if (r.asi.length > 0) rep.applicationSpecific = r.asi;
        rep.events = r.events.map((message, i) => ({ message, line: i + 1 }));
        expect(decodeReportCodes(rep).codes).toEqual(referenceCodesPass(rep));
      }),
      { numRuns: 1500 },
    );
  });
});

describe('codeTable byValue', () => {
  it('finds the first row of a value in its scope, else the first range holding it (the key-string index it replaces)', async () => {
    const { TABLE_IDS } = await import('../../src/codes/code-schema.js');
    const { codeTable, rowValue } = await import('../../src/codes/tables.js');
    for (const id of TABLE_IDS) {
      const t = codeTable(id);
      const rows = t.rows;
      const reference = (value: bigint, scope?: string) => {
        const want = (scope ?? '').toLowerCase();
        // Unscoped, the first row of the value whatever its scope; scoped, the first row of the value in that scope.
        const exact = rows.find((r) => r.value !== undefined && rowValue(r.value) === value && (want === '' || (r.scope ?? '').toLowerCase() === want));
        if (exact) return exact;
        return rows.find((r) => r.max !== undefined && (r.scope ?? '').toLowerCase() === want && value >= rowValue(r.value as string) && value <= rowValue(r.max));
      };
      const scopes = [undefined, '', ...new Set(rows.map((r) => r.scope).filter((s): s is string => s !== undefined))];
      const values = [-1n, 0n, 1n, 0xffffffffn, ...rows.flatMap((r) => [r.value, r.max].filter((v): v is string => v !== undefined).map((v) => rowValue(v)))].flatMap((v) => [v - 1n, v, v + 1n]);
      for (const scope of scopes.flatMap((s) => (s === undefined ? [s] : [s, s.toUpperCase()]))) {
        for (const v of values) expect(t.byValue(v, scope), `${id} ${v} ${scope}`).toBe(reference(v, scope));
      }
    }
  });
});
