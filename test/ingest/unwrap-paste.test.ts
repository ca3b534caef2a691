import { describe, expect, it } from 'vitest';
import { unwrapPaste } from '../../src/ingest/unwrap-paste.js';

describe('unwrapPaste', () => {
  it('removes code fences and quote markers but keeps line numbers', () => {
    const paste = 'I got this:\n```text\n> panic(cpu 0 caller 0xfffffe0001): boom\n> > Debugger message: panic\n```\nthanks';
    const out = unwrapPaste(paste);
    expect(out.split('\n')).toEqual(['I got this:', '', 'panic(cpu 0 caller 0xfffffe0001): boom', 'Debugger message: panic', '', 'thanks']);
  });

  it('strips <pre> and <br> wrappers from HTML pastes', () => {
    expect(unwrapPaste('<pre>Process: App [12]<br>\nPath: /A</pre>')).toBe('Process: App [12]\nPath: /A');
  });

  it('leaves text without wrappers untouched', () => {
    const t = 'Thread 0 Crashed:\n0   libsystem_kernel.dylib  0x1 0x0 + 1';
    expect(unwrapPaste(t)).toBe(t);
  });
});
