import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { codeTable } from '../../src/codes/index.js';
import { codeDiagnoses } from '../../src/diagnose/code-diagnoses.js';
import { diagnoseReport, loadSignatureSet } from '../../src/diagnose/index.js';
import { builtinSignatures } from '../../src/diagnose/read-signatures.js';
import { ingestText } from '../../src/ingest/index.js';
import { decodeReportCodes } from '../../src/codes/report-pass.js';
import { emptyReport, type Report } from '../../src/model/report.js';

const sigs = builtinSignatures().signatures;
const fixture = (name: string): Report => {
  const r = ingestText(readFileSync(new URL(`../fixtures/codes/${name}`, import.meta.url), 'utf8'), name).reports[0];
  if (!r) throw new Error(name);
  return r;
};
const crash = (fill: Partial<Report>): Report => decodeReportCodes({ ...emptyReport({ path: 't', format: 'crash-text' }, 'crash'), ...fill });
const ids = (r: Report): string[] => codeDiagnoses(r).map((d) => d.id);
const slug = (s: string): string => s.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');

describe('diagnoses from the code tables', () => {
  it('every well-known termination code gets its own diagnosis with meaning, cause and next steps', () => {
    for (const row of codeTable('termination').rows) {
      const d = codeDiagnoses(crash({ termination: { namespace: 'SPRINGBOARD', code: row.value as string } }))[0];
      expect(d?.id).toBe(`code-termination-${row.value}`);
      expect(d?.causes[0]).toBe(`${row.cause}.`);
      expect(d?.nextSteps).toEqual(row.nextSteps);
      expect(d?.evidence[0]?.text).toContain(row.meaning.slice(0, 40));
    }
  });

  it('every per-namespace exit-reason code gets a diagnosis, from its row or its namespace', () => {
    for (const row of codeTable('os_reason_code').rows) {
      const d = codeDiagnoses(crash({ termination: { namespace: row.scope as string, code: row.value as string } }))[0];
      expect([row.name, d?.id]).toEqual([row.name, `code-termination-${slug(row.name)}`]);
      expect(d?.causes.length).toBeGreaterThan(0);
      expect(d?.nextSteps.length).toBeGreaterThan(0);
    }
    expect(ids(crash({ termination: { namespace: 'TCC', code: '0' } }))).toEqual(['code-termination-tcc']);
    expect(ids(crash({ termination: { namespace: 'SIGNAL', code: '11' } }))).toEqual([]);
  });

  it('every jetsam cause, current and older strings, gets a diagnosis', () => {
    for (const row of codeTable('jetsam').rows.filter((r) => r.text)) {
      const r = decodeReportCodes({ ...emptyReport({ path: 'j', format: 'ips' }, 'jetsam'), jetsam: { killed: [{ name: 'App', reason: row.text as string }] } });
      const d = codeDiagnoses(r)[0];
      expect([row.text, d?.id]).toEqual([row.text, `code-jetsam-${slug(row.text as string)}`]);
      expect(d?.causes[0]).toBe(`${row.cause}.`);
    }
    const old = decodeReportCodes({ ...emptyReport({ path: 'j', format: 'ips' }, 'jetsam'), jetsam: { killed: [{ reason: 'vm-thrashing' }] } });
    expect(ids(old)).toEqual(['code-jetsam-proc-thrashing']);
  });

  it('every guard flavor of every guard type gets a diagnosis from the full code', () => {
    const tables = { 1: 'guard_mach_port', 2: 'guard_fd', 4: 'guard_vn', 5: 'guard_virt_memory' } as const;
    for (const [type, table] of Object.entries(tables)) {
      const typeRow = codeTable('exc_guard').byValue(BigInt(type));
      for (const row of codeTable(table).rows) {
        const code = (BigInt(type) << 61n) | (BigInt(row.value as string) << 32n) | 0x17n;
        const d = codeDiagnoses(crash({ exception: { type: 'EXC_GUARD', signal: 'SIGKILL', codes: `0x${code.toString(16)}, 0x0` } }))[0];
        expect(d?.id).toBe(`code-guard-${slug((typeRow?.name ?? '').replace('GUARD_TYPE_', ''))}-${slug(row.name.replace('kGUARD_EXC_', ''))}`);
        expect(d?.causes[0]).toBe(`${row.cause}.`);
        expect(d?.nextSteps).toEqual(typeRow?.nextSteps);
      }
    }
    expect(ids(crash({ exception: { type: 'EXC_GUARD', codes: '0x6000000000000000, 0x0' } }))).toEqual(['code-guard-user']);
  });

  it('every resource flavor gets a diagnosis, and a type without a readable flavor still gets one', () => {
    for (const row of codeTable('exc_resource_flavor').rows) {
      const type = codeTable('exc_resource').byName(row.scope as string);
      const code = (BigInt(type?.value as string) << 61n) | (BigInt(row.value as string) << 58n) | 0x30n;
      const d = codeDiagnoses(crash({ exception: { type: 'EXC_RESOURCE', codes: `0x${code.toString(16)}, 0x0` } }))[0];
      expect(d?.id).toBe(`code-resource-${slug((row.scope as string).replace('RESOURCE_TYPE_', ''))}-${slug(row.name.replace('FLAVOR_', ''))}`);
      expect(d?.causes[0]).toBe(`${row.cause}.`);
      expect(d?.nextSteps).toEqual(type?.nextSteps);
    }
    expect(ids(crash({ exception: { type: 'EXC_RESOURCE', subtype: 'IO', message: '(Limit 2147 MB) Observed 2150 MB over 86400 secs' } }))).toEqual(['code-resource-io']);
  });

  it('ranks a table-driven diagnosis below the hand-written signature that also fires', () => {
    const guard = diagnoseReport(fixture('guard-fd.crash'), sigs);
    expect(guard.map((d) => d.id).slice(0, 2)).toEqual(['exc-guard', 'code-guard-fd-close']);
    expect(guard[1]?.causes[0]).toMatch(/close\(\) was called on a guarded descriptor/);
    const res = diagnoseReport(fixture('resource-memory.ips'), sigs);
    expect(res.map((d) => d.id).slice(0, 2)).toEqual(['exc-resource', 'code-resource-memory-high-watermark']);
    // watchdog-8badf00d now also matches the decoded name of "FRONTBOARD 2343432205"; the table's repeat is left out.
    const wd = diagnoseReport(fixture('watchdog-8badf00d.crash'), sigs);
    expect(wd[0]?.id).toBe('watchdog-8badf00d');
    expect(wd.map((d) => d.id)).not.toContain('code-termination-0x8badf00d');
  });

  it('lets watchdog-8badf00d read the decimal form through the decoded code, and only at termination.code', () => {
    const d = diagnoseReport(crash({ exception: { type: 'EXC_CRASH', signal: 'SIGKILL' }, termination: { namespace: 'FRONTBOARD', code: '2343432205' } }), sigs);
    expect(d[0]?.id).toBe('watchdog-8badf00d');
    expect(d[0]?.evidence[0]).toMatchObject({ field: 'termination.code', text: expect.stringContaining('= 2343432205 @termination.code') });
    const prose = diagnoseReport(crash({ applicationSpecific: ['0x8badf00d means the watchdog killed the app'] }), sigs);
    expect(prose.map((x) => x.id)).not.toContain('watchdog-8badf00d');
  });

  it('stands alone when no signature fires', () => {
    const none = loadSignatureSet([]).signatures;
    const alone = diagnoseReport(fixture('watchdog-8badf00d.crash'), none)[0];
    expect(alone?.id).toBe('code-termination-0x8badf00d');
    expect(alone?.generic).toBeUndefined();
    expect(diagnoseReport(fixture('guard-fd.crash'), none)[0]?.id).toBe('code-guard-fd-close');
  });
});

describe('DriverKit Start failures with a decoded IOReturn', () => {
  it('says what the code means for a dext and points to paniclens lint', () => {
    const d = diagnoseReport(fixture('dext-start-failed.log'), sigs);
    expect(d[0]).toMatchObject({ id: 'dk-start-failed-unsupported', category: 'driverkit' });
    expect(d[0]?.causes[0]).toMatch(/IOClass or CFBundleIdentifierKernel/);
    expect(d[0]?.nextSteps[0]).toMatch(/paniclens lint/);
    expect(d[0]?.evidence.map((e) => [e.field, e.line])).toEqual([['events[1].message', 4], ['events[0].message', 3]]);
    // dk-start-result (a phase marker) stays, after the cause, with the decoded code as supporting evidence.
    const marker = d.find((x) => x.id === 'dk-start-result');
    expect(marker?.evidence.some((e) => e.text === 'ioreturn kIOReturnUnsupported = 0xe00002c7 @events[1].message')).toBe(true);
  });

  it.each([
    ['-536870174', 'dk-start-failed-notpermitted', /entitlement/],
    ['0xe00002be', 'dk-start-failed-noresources', /memory descriptors, interrupts/],
    ['(iokit/common) device not open', 'dk-start-failed-notopen', /Open\(\)/],
    ['0xe0004051', 'dk-start-failed-iokit-usb-0x051', /transaction timed out/],
    ['0xe0004099', 'dk-start-failed-sub-iokit-usb-code-0x99', /was returned while the dext started/],
  ])('Start failed: %s → %s', (code, id, cause) => {
    const log = `2026-05-02 09:14:01.100412-0700 0x2a02     Error       0x0                  0      0    kernel: (com.acme.driver.NVMe.dext) AcmeNVMeController::Start: Start failed: ${code}\n`;
    const r = ingestText(log, 'paste').reports[0] as Report;
    const d = diagnoseReport(r, sigs)[0];
    expect(d?.id).toBe(id);
    expect(d?.causes[0]).toMatch(cause);
  });

  it('does not take a kext start failure for a dext one', () => {
    const log = '2026-05-02 09:20:00.000200-0700 0x3a01     Error       0x0                  0      0    kernel: OSKext: kext com.acme.legacy start failed 0xe00002c7\n';
    expect(ids(ingestText(log, 'paste').reports[0] as Report)).toEqual([]);
  });
});

describe('signature rules over decoded codes', () => {
  it('code.name and code.table fields match a family of codes in one rule', () => {
    const { signatures, errors } = loadSignatureSet([
      {
        name: 'team.json',
        value: {
          signatures: [
            {
              id: 'team-iokit-access', title: 'IOKit access refused', category: 'driverkit', kinds: ['kernel-log'], confidence: 0.9,
              match: { all: [{ field: 'code.table', pattern: '^ioreturn$' }, { field: 'code.name', pattern: '^kIOReturn(Unsupported|NotPermitted)$' }] },
              causes: ['x'], nextSteps: ['y'], references: [],
            },
          ],
        },
      },
    ]);
    expect(errors).toEqual([]);
    const d = diagnoseReport(fixture('codes-in-lines.log'), signatures)[0];
    expect(d).toMatchObject({ id: 'team-iokit-access' });
    expect(d?.evidence.map((e) => e.text)).toContain('kIOReturnNotPermitted');
  });
});
