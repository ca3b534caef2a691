import { describe, expect, it } from 'vitest';
import { ingestText } from '../../../src/ingest/index.js';
import { fixture, one } from './helpers.js';

describe('parts of crash reports and their sections', () => {
  it('reads a paste that starts at "Thread 0 Crashed:" and holds only threads and Binary Images', () => {
    const r = one('thread-start-paste.txt');
    expect(r.kind).toBe('crash');
    expect(r.source.format).toBe('crash-text');
    expect(r.crashedThread).toBe(0);
    expect(r.threads.map((t) => t.frames.length)).toEqual([5, 1]);
    expect(r.images.map((i) => i.name)).toEqual(['Larkspur', 'libsystem_kernel.dylib']);
    expect(r.threads[0]?.frames[3]).toMatchObject({ image: 'Larkspur', imageOffset: 0x442d8n, symbol: '-[LKStore flush]' });
  });

  it('reads a paste that starts at a plain "Thread 0:" as an excerpt', () => {
    const r = one('thread-plain-paste.txt');
    expect(r.kind).toBe('crash');
    expect(r.threads[0]?.frames.map((f) => f.symbol)).toEqual(['__pthread_kill', '-[LKStore flush]']);
    expect(r.warnings).toEqual(['excerpt without the report header or Binary Images section']);
  });

  it('reads a paste of only a Last Exception Backtrace', () => {
    const text = [
      'Last Exception Backtrace:',
      '0   CoreFoundation                	0x1d2716248 __exceptionPreprocess + 164 (NSException.m:202)',
      '1   libobjc.A.dylib               	0x1cbae3a68 objc_exception_throw + 60 (objc-exception.mm:356)',
      '2   Larkspur                      	0x100a5c2d8 -[LKStore flush] + 120 (LKStore.m:88)',
    ].join('\n');
    const { reports, errors } = ingestText(text, 'leb.txt');
    expect(errors).toEqual([]);
    expect(reports[0]?.kind).toBe('crash');
    expect(reports[0]?.lastExceptionBacktrace?.map((f) => f.symbol)).toEqual(['__exceptionPreprocess', 'objc_exception_throw', '-[LKStore flush]']);
  });

  it('trusts the thread the body marks Crashed over the header, with a warning', () => {
    const r = one('crashed-thread-disagrees.crash');
    expect(r.crashedThread).toBe(3);
    expect(r.threads.find((t) => t.index === 3)?.crashed).toBe(true);
    expect(r.threads.find((t) => t.index === 0)?.crashed).toBe(false);
    expect(r.warnings).toContain('the header says thread 0 crashed but the body marks thread 3 as Crashed; thread 3 is used');
  });

  it('keeps an Application Specific Backtrace as frames and as the exception backtrace when there is no other', () => {
    const r = one('app-specific-backtrace.crash');
    expect(r.applicationSpecificBacktraces).toHaveLength(1);
    const asb = r.applicationSpecificBacktraces?.[0];
    expect(asb?.map((f) => f.symbol)).toEqual([
      '__exceptionPreprocess',
      'objc_exception_throw',
      '-[NSObject(NSObject) doesNotRecognizeSelector:]',
      '-[QPWindowController rename:]',
      '-[NSApplication(NSResponder) sendAction:to:from:]',
    ]);
    expect(asb?.[3]).toMatchObject({ image: 'Quillpad', imageOffset: 0x41f0n, sourceLine: 20 });
    expect(r.lastExceptionBacktrace).toBe(asb);
  });

  it('reads a bare "Thread State" block with Rosetta registers into the crashed thread, and skips one damaged frame line alone', () => {
    const r = one('app-specific-backtrace.crash');
    const t = r.threads[0];
    expect(t?.frames.map((f) => f.index)).toEqual([0, 1, 2, 3, 4]);
    expect(t?.frames[4]?.symbol).toBe('_objc_terminate()');
    expect(r.warnings).toContain('1 line(s) inside a backtrace could not be read as frames and were skipped');
    expect(t?.registers).toMatchObject({ rax: 0n, rbx: 0x7fffa3b0f380n, rfl: 0x246n, tmp0: 0xffn, tmp1: 1n, tmp2: 0x10a2c41f0n });
    expect(t?.registers?.rip).toBeUndefined();
  });

  it('reads application-specific backtraces that an .ips carries as text', () => {
    const r = one('asi-backtraces-309.ips');
    expect(r.applicationSpecificBacktraces?.[0]?.map((f) => f.symbol)).toEqual([
      '__exceptionPreprocess',
      'objc_exception_throw',
      '-[NSObject(NSObject) doesNotRecognizeSelector:]',
      '-[QPWindowController rename:]',
    ]);
    expect(r.applicationSpecificBacktraces?.[0]?.[3]).toMatchObject({ image: 'Quillpad', imageOffset: 0x41f0n });
    expect(r.lastExceptionBacktrace).toBe(r.applicationSpecificBacktraces?.[0]);
  });

  it('gives an article its one complete report and names the excerpts it quotes', () => {
    const { reports } = ingestText(fixture('article-with-excerpt.md'), 'article.md');
    expect(reports).toHaveLength(1);
    expect(reports[0]?.process.name).toBe('Larkspur');
    expect(reports[0]?.warnings).toContain(
      'the text also quotes 1 crash report excerpt(s) without Binary Images or frames (from line 27); they were not analysed separately: give each one alone to analyse it',
    );
  });

  it('still splits two complete reports in one paste', () => {
    const full = fixture('crashed-thread-disagrees.crash');
    const { reports } = ingestText(`${full}\n\n${full.replace('[2211]', '[2212]')}`, 'two.txt');
    expect(reports.map((r) => r.process.pid)).toEqual([2211, 2212]);
  });
});
