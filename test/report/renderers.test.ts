import { describe, expect, it } from 'vitest';
import { emptyReport, type Report } from '../../src/model/report.js';
import { renderHtml, renderJson, renderMarkdown, renderText } from '../../src/report/index.js';
import { expectValidReportJson } from '../helpers/report-schema.js';

function dextCrash(): Report {
  const r = emptyReport({ path: 'dext.ips', format: 'ips', bugType: '309' }, 'crash');
  r.process = { name: 'com.example.driver.SCSIController', pid: 412, bundleId: 'com.example.driver.SCSIController' };
  r.os = { platform: 'macOS', version: '15.4', build: '24E248' };
  r.hardware = { model: 'Mac14,3', arch: 'arm64e' };
  r.exception = { type: 'EXC_CRASH', signal: 'SIGABRT', codes: '0x0000000000000000, 0x0000000000000000' };
  r.crashedThread = 0;
  r.threads = [
    {
      index: 0,
      crashed: true,
      queue: 'com.apple.main-thread',
      frames: [
        { index: 0, image: 'libsystem_kernel.dylib', address: 0x1a2b3c4d0n, symbol: '__pthread_kill', symbolOffset: 8 },
        { index: 1, image: 'libDriverKit.dylib', address: 0x1a2b3d000n, imageOffset: 0x1234n },
      ],
    },
  ];
  r.images = [{ name: 'libDriverKit.dylib', uuid: '0B3B580D-98BD-38CF-B435-B91EA38FF0F0', base: 0x1a2b2b000n, size: 0x20000n }];
  r.diagnoses = [
    {
      id: 'dk-uioserver-invoke-onqueue-assert',
      title: 'DriverKit runtime assertion in OSMetaClassBase::Invoke',
      category: 'driverkit',
      confidence: 0.9,
      evidence: [{ field: 'applicationSpecific[0]', text: 'Assertion failed: (notsync || …) | queue->OnQueue()', line: 40 }],
      causes: ['IOClass is IOService instead of the family class'],
      nextSteps: ['Set IOClass to IOUserSCSIParallelInterfaceController'],
      references: ['https://developer.apple.com/forums/thread/829434'],
    },
  ];
  return r;
}

describe('renderers', () => {
  it('JSON writes addresses as hex strings and drops absent fields', () => {
    const doc = expectValidReportJson(renderJson({ reports: [dextCrash()], errors: [] })) as { schemaVersion: number; reports: Record<string, unknown>[] };
    expect(doc.schemaVersion).toBe(1);
    const r = doc.reports[0] as { threads: { frames: Record<string, unknown>[] }[]; images: Record<string, unknown>[]; errors?: unknown };
    expect(r.threads[0]?.frames[0]).toEqual({ index: 0, image: 'libsystem_kernel.dylib', address: '0x1a2b3c4d0', symbol: '__pthread_kill', symbolOffset: 8 });
    expect(r.images[0]).toMatchObject({ base: '0x1a2b2b000', size: '0x20000' });
    expect('errors' in doc).toBe(false);
  });

  it('text leads with what happened, then the likely cause and next steps, then frames', () => {
    const text = renderText({ reports: [dextCrash()] });
    const lines = text.split('\n');
    expect(lines[0]).toBe('com.example.driver.SCSIController crashed (EXC_CRASH / SIGABRT)');
    expect(lines[2]).toBe('  Likely cause: DriverKit runtime assertion in OSMetaClassBase::Invoke — 90% confidence');
    expect(text).toContain('    1. Set IOClass to IOUserSCSIParallelInterfaceController');
    expect(text.indexOf('Next steps')).toBeLessThan(text.indexOf('System:'));
    expect(text.indexOf('Likely cause')).toBeLessThan(text.indexOf('Thread 0 (com.apple.main-thread) crashed'));
    expect(text).toContain('__pthread_kill + 8');
    expect(text).toContain('libDriverKit.dylib + 0x1234');
    expect(text).not.toContain('\u001b[');
    expect(text.endsWith('\n')).toBe(true);
  });

  it('text leads with an incident that ties inputs together, with the loop span, and says its cause once', () => {
    const crash = dextCrash();
    const log = emptyReport({ path: 'kernel.log', format: 'kernel-log' }, 'kernel-log');
    const text = renderText({
      reports: [crash, log],
      incidents: [
        {
          reports: [0, 1],
          subject: 'com.example.driver.SCSIController',
          diagnoses: crash.diagnoses ?? [],
          loop: { subject: 'com.example.driver.SCSIController', count: 5, spanSeconds: 320, firstTime: '10:21:07', lastTime: '10:26:27' },
        },
      ],
    });
    const lines = text.split('\n');
    expect(lines.slice(0, 4)).toEqual([
      'Incident: com.example.driver.SCSIController crash loop: 5 crashes over 5 min 20 s',
      '  10:21:07 → 10:26:27',
      '  2 reports: dext.ips, kernel.log',
      '  Likely cause: DriverKit runtime assertion in OSMetaClassBase::Invoke — 90% confidence',
    ]);
    expect(text.indexOf('Incident:')).toBeLessThan(text.indexOf('com.example.driver.SCSIController crashed'));
    expect(text.split('Likely cause:').length).toBe(2);
    expect(text.split('Set IOClass to IOUserSCSIParallelInterfaceController').length).toBe(2);
    expect(text).toContain('dext.ips · ips (bug_type 309) · part of incident 1 above');
    expect(text).toContain("  Its evidence for the incident's likely cause:\n    - line 40: Assertion failed");
  });

  it('text fits its tables to the terminal width and wraps prose with a hanging indent', () => {
    const r = dextCrash();
    const f = r.threads[0]?.frames[0];
    if (f) f.symbol = 'OSMetaClassBase::Invoke(IORPC) uiomachchannel(void*, dispatch_mach_reason_t, dispatch_mach_msg_s*, int)';
    const text = renderText({ reports: [r] }, { width: 60 });
    const tableLines = text.split('\n').filter((l) => /^\s+[+|]/.test(l));
    expect(tableLines.length).toBeGreaterThan(4);
    for (const l of tableLines) expect(l.length).toBeLessThanOrEqual(60);
    expect(text).toContain('dispatch_mach_reason_t');
    expect(text).toContain('  Likely cause: DriverKit runtime assertion in\n    OSMetaClassBase::Invoke — 90% confidence');
  });

  it('every human format shows the decoded codes next to their raw value', () => {
    const r = dextCrash();
    r.codes = [{ table: 'ioreturn', raw: '0xe00002c7', name: 'kIOReturnUnsupported', meaning: 'unsupported function', field: 'termination.code' }];
    const line = '0xe00002c7 = kIOReturnUnsupported: unsupported function (termination.code)';
    expect(renderText({ reports: [r] })).toContain(`  Code:         ${line}`);
    expect(renderMarkdown({ reports: [r] })).toContain(`### Decoded codes\n\n- ${line}`);
    expect(renderHtml({ reports: [r] })).toContain(`<li>${line}</li>`);
    expectValidReportJson(renderJson({ reports: [r] }));
  });

  it('text leaves a lone report without an incident heading', () => {
    const text = renderText({ reports: [dextCrash()], incidents: [{ reports: [0], diagnoses: [] }] });
    expect(text).not.toContain('Incident');
  });

  it('says which frames stayed unresolved, why, and which symbol files to fetch', () => {
    const r = dextCrash();
    const f = r.threads[0]?.frames[1];
    if (f) f.unresolvedReason = 'UUID not found';
    r.missingSymbols = [{ name: 'libDriverKit.dylib', uuid: '0B3B580D-98BD-38CF-B435-B91EA38FF0F0', arch: 'arm64e', reason: 'UUID not found', frames: 1 }];
    const text = renderText({ reports: [r] });
    expect(text).toContain('libDriverKit.dylib + 0x1234 (UUID not found)');
    expect(text).toContain('  Missing symbols (fetch these dSYMs or KDKs and pass them with --symbols):\n    libDriverKit.dylib 0B3B580D-98BD-38CF-B435-B91EA38FF0F0 arm64e — UUID not found (1 frame)');
    expect(renderMarkdown({ reports: [r] })).toContain('- libDriverKit.dylib `0B3B580D-98BD-38CF-B435-B91EA38FF0F0` arm64e: UUID not found (1 frame)');
  });

  it('Markdown: summary line, likely cause with evidence and next steps, environment table, crashed thread; escapes pipes', () => {
    const md = renderMarkdown({ reports: [dextCrash()] });
    const lines = md.split('\n');
    expect(lines[0]).toBe('# paniclens report');
    expect(lines[2]).toBe('**com.example.driver.SCSIController crashed (EXC_CRASH / SIGABRT)** (1 report). Likely cause: DriverKit runtime assertion in OSMetaClassBase::Invoke (90% confidence).');
    expect(md).toContain('## Report 1: com.example.driver.SCSIController crashed (EXC_CRASH / SIGABRT)\n');
    expect(md).toContain('| OS | macOS 15.4 (24E248) |\n| Model | Mac14,3 |\n| Architecture | arm64e |');
    expect(md).toContain('**DriverKit runtime assertion in OSMetaClassBase::Invoke** — 90% confidence');
    expect(md).toContain('- `Assertion failed: (notsync \\|\\| …) \\| queue->OnQueue()` (line 40)');
    expect(md).toContain('#### Next steps\n\n1. Set IOClass to IOUserSCSIParallelInterfaceController');
    expect(md).toContain('- <https://developer.apple.com/forums/thread/829434>');
    expect(md).toContain('### Thread 0 (com.apple.main-thread) crashed\n\n```text\n0   libsystem_kernel.dylib  __pthread_kill + 8');
    expect(md.endsWith('\n')).toBe(true);
  });
});
