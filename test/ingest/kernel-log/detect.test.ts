import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { looksLikeKernelLog } from '../../../src/ingest/kernel-log/detect.js';

const read = (rel: string) => readFileSync(new URL(`../../../${rel}`, import.meta.url), 'utf8');

describe('looksLikeKernelLog', () => {
  it('accepts every kernel-log sample and fixture shape', () => {
    expect(looksLikeKernelLog(read('samples/founding-case/kernel.log'))).toBe(true);
    for (const f of ['syslog-style.log', 'compact-style.log', 'ndjson-style.log', 'json-array-truncated.json', 'console-copy.txt', 'dmesg-forum-paste.txt', 'bsd-syslog.log']) {
      expect(looksLikeKernelLog(read(`test/fixtures/kernel-log/${f}`)), f).toBe(true);
    }
  });

  it('rejects .ips JSON, legacy crash text and a plain panic string', () => {
    expect(looksLikeKernelLog('{"bug_type":"309","app_name":"x"}\n{"procName":"x"}')).toBe(false);
    expect(looksLikeKernelLog('Incident Identifier: 1\nProcess: Foo [12]\nException Type: EXC_CRASH\n')).toBe(false);
    expect(looksLikeKernelLog(read('samples/panic-intel.panic'))).toBe(false);
  });
});
