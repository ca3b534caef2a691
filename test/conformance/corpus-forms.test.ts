/**
 * Corpus documents that show the forms of issue 9 section 5 read as those forms (the corpus is read in
 * place and the suite skips when it is absent).
 */
import { describe, expect, it } from 'vitest';
import { ingestBytes } from '../../src/ingest/index.js';
import type { Report } from '../../src/model/report.js';
import { corpusBytes, corpusManifest, hasCorpus } from '../helpers/corpus.js';

function only(file: string): Report | undefined {
  if (!corpusManifest().some((e) => e.file === file)) return undefined;
  const { reports } = ingestBytes(corpusBytes(file), file);
  return reports[0];
}

describe.skipIf(!hasCorpus)('corpus documents in the forms users paste', () => {
  it('a pasted Last Exception Backtrace alone is a crash with that backtrace', () => {
    const r = only('crash-text-ios-arm64-pushkit-unhandled-voip-push-last-exception-backtrace-issue-excerpt.crash');
    if (!r) return;
    expect(r.kind).toBe('crash');
    expect(r.lastExceptionBacktrace?.[3]?.symbol).toBe('-[PKPushRegistry _terminateAppIfThereAreUnhandledVoIPPushes]');
  });

  it('a fragment of an .ips body keeps its termination', () => {
    const r = only('other-ios-arm64-ips309-body-fragment-frontboard-8badf00d-scene-update-issue-excerpt.txt');
    if (!r) return;
    expect(r.termination).toMatchObject({ namespace: 'FRONTBOARD', code: '0x8badf00d' });
  });

  it("KSCrash's native JSON is a crash written by KSCrash with its exit reason", () => {
    const r = only('other-ios-simulator-arm64e-ios26-kscrash-json-hang-watchdog-8badf00d.json');
    if (!r) return;
    expect(r.source).toMatchObject({ format: 'reporter-json', producer: 'KSCrash' });
    expect(r.termination?.code).toBe('0x8badf00d');
    expect(r.threads.length).toBeGreaterThan(1);
  });

  it('a binary spindump is recognised as a stall report that must be decoded first', () => {
    const r = only('other-macos-x86_64-shutdown-stall-binary-spindump.shutdownStall');
    if (!r) return;
    expect(r.kind).toBe('other');
    expect(r.notes?.join('\n')).toMatch(/binary spindump/);
  });

  it('an article embedding a 109 report gives that report, with its bug_type', () => {
    const r = only('other-ips109-ios-arm64-cocos-game-segv-in-chinese-markdown-article.md');
    if (!r) return;
    expect(r.source.bugType).toBe('109');
    expect(r.process.name).toBe('cyqp');
  });

  it('a Lilu-family kext debug log is a kernel log', () => {
    const r = only('kernlog-macos-intel-hackintosh-lilu-nvmefix-kext-debug-log.txt');
    if (!r) return;
    expect(r.kind).toBe('kernel-log');
    expect(r.events.length).toBeGreaterThan(800);
  });
});
