import { describe, expect, it } from 'vitest';
import { ingestText } from '../../../src/ingest/index.js';
import { parsePanicText } from '../../../src/ingest/panic-text/index.js';
import { fixture, one } from './helpers.js';

describe('.ips, panic and other documents in unusual forms', () => {
  it('reads a panic under a forced-reset bug_type, whatever key holds the panic string', () => {
    const r = one('forced-reset-151.ips');
    expect(r.kind).toBe('panic');
    expect(r.source.bugType).toBe('151');
    expect(r.panic?.message).toMatch(/^userspace watchdog timeout: no successful checkins from com\.apple\.backboardd/);
    expect(r.panic?.backtrace.map((f) => f.address)).toEqual([0xfffffff01a0c1d24n, 0xfffffff01a2b3c4dn]);
    expect(r.notes).toContain('bug_type 151 carries a panic string: read as a kernel panic');
  });

  it('reads a panic in the text body of any type, even far below the header', () => {
    const header = '{"bug_type":"115","timestamp":"2026-02-11 09:14:02.00 +0000","os_version":"iPhone OS 18.3 (22D63)"}';
    const preface = Array.from({ length: 60 }, (_, i) => `reset reason detail ${i}: 0x0`).join('\n');
    const { reports } = ingestText(`${header}\n${preface}\n${fixture('panic-no-backtrace.txt')}`, 'reset.ips');
    expect(reports[0]?.kind).toBe('panic');
    expect(reports[0]?.notes).toContain('bug_type 115 carries a panic string: read as a kernel panic');
  });

  it('says an analytics summary of any type is not a crash', () => {
    const r = one('analytics-summary-225.ips');
    expect(r.kind).toBe('other');
    expect(r.notes?.[0]).toBe(
      'not a crash: an analytics summary (bug_type 225), the periodic log of usage and diagnostic events a device collects for Apple; it records no crash, panic or hang',
    );
  });

  it('reads a fragment of an .ips body pasted without its braces', () => {
    const r = one('ips-body-fragment.txt');
    expect(r.source.format).toBe('ips');
    expect(r.termination).toMatchObject({ namespace: 'RUNNINGBOARD', code: '0xdead10cc' });
    expect(r.crashedThread).toBe(0);
    expect(r.threads[0]?.frames[0]?.symbol).toBe('__psynch_mutexwait');
    expect(r.truncated).toBe(true);
    expect(r.warnings[0]).toBe('a fragment of an .ips JSON body (it starts inside the object): only what it holds was read');
  });

  it('reads an .ips pasted under a title and inside a code fence', () => {
    const r = one('ips-under-title.md');
    expect(r.source).toMatchObject({ format: 'ips', bugType: '309' });
    expect(r.exception?.type).toBe('EXC_BREAKPOINT');
    expect(r.notes).toContain("3 line(s) of text above the report's header line were skipped");
  });

  it('recognises a binary spindump and says how to read it', () => {
    const r = one('binary-spindump.shutdownStall');
    expect(r.kind).toBe('other');
    expect(r.notes?.[0]).toBe('binary spindump: a hang, stall or watchdog sampling report whose stacks are encoded; it is not a crash');
    expect(r.notes?.[1]).toMatch(/run `spindump -i <file>` on a Mac/);
  });

  it('skips one damaged backtrace row alone and keeps the rows after it', () => {
    const text = [
      'panic(cpu 0 caller 0xfffffe0012a1b2c4): Kernel data abort. at pc 0xfffffe0012a1b2c4, lr 0xfffffe0012a0c1d0',
      'Panicked thread: 0xfffffe1a2b3c4d50, backtrace: 0xfffffe8f1a2b3c0, tid: 612',
      '\t\t  lr: 0xfffffe0012a0c1d0  fp: 0xfffffe8f1a2b3c40',
      '\t\t  lr: 0xfffffe00 [line cut by the forum]',
      '\t\t  lr: 0xfffffe0012b9e5f4  fp: 0xfffffe8f1a2b3cd0',
      '\t\t  lr: 0xfffffe0012b9f0a8  fp: 0x0000000000000000',
    ].join('\n');
    const r = parsePanicText(text, { path: 'p.txt', startLine: 1, documentIndex: 0 });
    expect(r.panic?.backtrace.map((f) => [f.index, f.address])).toEqual([
      [0, 0xfffffe0012a0c1d0n],
      [1, 0xfffffe0012b9e5f4n],
      [2, 0xfffffe0012b9f0a8n],
    ]);
    expect(r.warnings).toContain('1 line(s) inside the backtrace could not be read as frames and were skipped');
  });

  it('keeps the caller of a panic pasted without its backtrace as the one frame', () => {
    const r = parsePanicText(fixture('panic-no-backtrace.txt'), { path: 'p.txt', startLine: 1, documentIndex: 0 });
    expect(r.panic?.backtrace).toEqual([{ index: 0, address: 0xfffffe002a1b2c3dn, sourceLine: 1 }]);
    expect(r.notes).toContain('the text has no backtrace; the caller address of the panic line is its only frame');
  });
});
