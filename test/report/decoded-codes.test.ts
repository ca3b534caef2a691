import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ingestText } from '../../src/ingest/index.js';
import { renderJson, renderMarkdown, renderText } from '../../src/report/index.js';
import type { DecodedCode, Report } from '../../src/model/report.js';

const read = (rel: string): string => readFileSync(new URL(rel, import.meta.url), 'utf8');
const FIXTURES = [
  '../fixtures/codes/dext-start-failed.log',
  '../fixtures/codes/codes-in-lines.log',
  '../fixtures/codes/guard-fd.crash',
  '../fixtures/codes/watchdog-8badf00d.crash',
  '../fixtures/codes/resource-memory.ips',
  '../fixtures/codes/dyld-missing.txt',
  '../fixtures/codes/panic-arm64-brk-aop.panic',
  '../fixtures/codes/panic-aop.panic',
  '../fixtures/codes/panic-intel-page-fault.panic',
  '../../samples/jetsam-ios.ips',
  '../../samples/crash-ios-arm64.crash',
  '../../samples/crash-macos-arm64.ips',
];

const reports: Report[] = FIXTURES.flatMap((f) => ingestText(read(f), f).reports);
const all: DecodedCode[] = reports.flatMap((r) => r.codes ?? []);

describe('decoded codes in every output format', () => {
  it('a code from each table a report can hold is decoded into the model', () => {
    const byTable = new Map<string, string>();
    for (const c of all) if (!byTable.has(c.table)) byTable.set(c.table, c.name);
    expect(Object.fromEntries([...byTable].sort())).toMatchObject({
      brk: 'PTRAUTH',
      coprocessor: 'AOP',
      esr_class: 'ESR_EC_BRK_AARCH64',
      exc_bad_access: expect.any(String),
      exc_guard: 'EXC_GUARD / GUARD_TYPE_FD / kGUARD_EXC_CLOSE',
      machine_code: 'EXC_ARM_BREAKPOINT',
      exc_resource: 'EXC_RESOURCE / RESOURCE_TYPE_MEMORY / FLAVOR_HIGH_WATERMARK',
      iokit_family: 'iokit/usb 0x04F',
      jetsam: 'JETSAM_REASON_MEMORY_PERPROCESSLIMIT',
      jetsam_band: 'JETSAM_PRIORITY_IDLE_DEFERRED',
      kern_return: 'KERN_FAILURE',
      kernel_triage: 'KDBG_TRIAGE_VM_ADDRESS_NOT_FOUND',
      mach_exception: expect.any(String),
      mach_msg: 'MACH_SEND_INVALID_DEST',
      mig: 'MIG_SERVER_DIED',
      os_reason: expect.any(String),
      os_reason_code: 'DYLD_EXIT_REASON_DYLIB_MISSING',
      osreturn: 'kOSKextReturnStartStopError',
      panic: expect.stringContaining('Break 0x%04X'),
      shutdown_cause: 'shutdown cause -128',
      signal: expect.any(String),
      sysext: 'OSSystemExtensionErrorCodeSignatureInvalid',
      termination: '0x8badf00d (ate bad food)',
      x86_trap: 'T_PAGE_FAULT',
    });
    expect(all.find((c) => c.table === 'ioreturn' && c.raw === '0xe00002c7')).toMatchObject({ name: 'kIOReturnUnsupported', field: 'events[1].message', line: 4 });
    expect(all.find((c) => c.raw === '2343432205')).toMatchObject({ field: 'termination.code', meaning: expect.stringContaining('watchdog') });
  });

  it.each(reports.map((r) => [r.source.path, r] as const))('%s shows each decoded name next to its raw value in text, Markdown and JSON', (_path, r) => {
    const codes = r.codes ?? [];
    expect(codes.length).toBeGreaterThan(0);
    const text = renderText({ reports: [r] });
    const md = renderMarkdown({ reports: [r] });
    const json = JSON.parse(renderJson({ reports: [r] })) as { reports: { codes: DecodedCode[] }[] };
    for (const c of codes) {
      const shown = c.raw === c.name ? c.name : `${c.raw} = ${c.name}`;
      expect(text).toContain(shown.length > 150 ? c.name.slice(0, 60) : shown);
      expect(md).toContain(shown.replace(/\|/g, '\\|').length > 150 ? c.name.slice(0, 60) : shown.replace(/\|/g, '\\|'));
    }
    expect(json.reports[0]?.codes).toEqual(codes);
  });
});
