import { describe, expect, it, onTestFinished } from 'vitest';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../helpers/run-cli.js';
import { findLlvmSymbolizer } from '../../src/symbolicate/find-tool.js';
import { markerLine } from '../helpers/macho-fixtures.js';

const REPORTS = 'test/fixtures/symbolicate/reports';
const SYMBOLS = ['--symbols', 'test/fixtures/macho/out'];
const llvm = findLlvmSymbolizer() !== undefined;
const sha = (p: string): string => createHash('sha256').update(readFileSync(p)).digest('hex');

interface IpsFrame {
  symbol?: string;
  sourceFile?: string;
  sourceLine?: number;
  symbolLocation?: number;
  inline?: boolean;
  imageOffset?: number;
}
function ipsBody(text: string): { threads: { frames: IpsFrame[] }[]; panicString?: string } {
  return JSON.parse(text.slice(text.indexOf('\n') + 1)) as { threads: { frames: IpsFrame[] }[] };
}

describe.skipIf(!llvm)('paniclens symbolicate (llvm-symbolizer)', () => {
  it('fills symbol, symbolLocation, sourceFile and sourceLine into an .ips, inlined frames before their frame, input untouched', () => {
    const input = `${REPORTS}/App-arm64.ips`;
    const before = sha(input);
    const r = runCli(['symbolicate', '--symbolicator', 'llvm', ...SYMBOLS, input]);
    expect(r.status).toBe(0);
    expect(sha(input)).toBe(before);
    expect(r.stdout.split('\n')[0]).toBe(readFileSync(input, 'utf8').split('\n')[0]);
    const [main, worker] = ipsBody(r.stdout).threads;
    expect(main!.frames.map((f) => [f.symbol, f.sourceFile, f.sourceLine])).toEqual([
      ['store_value', 'crash.c', markerLine('crash.c', 'store_null')],
      ['main', 'main.c', markerLine('main.c', 'main_store')],
      ['die_now', 'crash.c', markerLine('crash.c', 'die_call')],
      ['start', undefined, undefined],
    ]);
    // symbolLocation counts from the reported return address, as Apple's reports do.
    expect(main!.frames[1]!.symbolLocation).toBe(24);
    expect(worker!.frames.map((f) => [f.symbol, f.inline ?? false, f.sourceLine])).toEqual([
      ['geo::clamp_index(int, int)', true, markerLine('lib.cpp', 'clamp_read')],
      ['geo::Parser::step(int)', false, markerLine('lib.cpp', 'step_clamp')],
      ['example_entry', false, markerLine('lib.cpp', 'entry_step')],
      ['mach_msg2_trap', false, undefined],
    ]);
    expect(r.stderr).toContain('5 frames symbolicated with llvm-symbolizer, 0 unresolved');
  });

  it('annotates Apple-silicon panic rows with kernel and kext functions, and names the kext it has no symbols for', () => {
    const r = runCli(['symbolicate', ...SYMBOLS, '--symbolicator', 'llvm', `${REPORTS}/Kernel-arm64.panic`]);
    expect(r.status).toBe(0);
    const rows = r.stdout.split('\n').filter((l) => l.includes('lr: 0x'));
    expect(rows[0]).toMatch(/kernel : panic_trap_to_debugger \+ 0x20 \(kernel\.c:\d+\)$/);
    expect(rows[2]).toContain(`com.example.driver.FooDriver : check_status(unsigned int) + 0x24 (kext.cpp:${markerLine('kext.cpp', 'kext_panic_call')})`);
    expect(rows[3]).toContain(`FooDriver::handleInterrupt(unsigned int) + 0x20 (kext.cpp:${markerLine('kext.cpp', 'kext_read_regs')})`);
    expect(rows[6]).toMatch(/fp: 0x0000000000000000$/);
    expect(r.stderr).toContain('no symbols for com.apple.driver.AppleExampleBus 6E2D9B14-3A70-3C58-8F41-0D7E2A9C5B63 (arm64e): UUID not found (1 frame)');
  });

  it('annotates Intel panic rows through the kernel slide and the kext load address', () => {
    const r = runCli(['symbolicate', ...SYMBOLS, '--symbolicator', 'llvm', `${REPORTS}/Kernel-intel.panic`]);
    const rows = r.stdout.split('\n').filter((l) => / : 0xffffff/.test(l));
    expect(rows.length).toBe(5);
    expect(rows[0]).toMatch(/: 0xffffff801c8003a0 {2}kernel : panic_trap_to_debugger \+ 0x10 \(kernel\.c:\d+\)$/);
    expect(rows[1]).toContain(`kernel : kernel_start + 0x24 (kernel.c:${markerLine('kernel.c', 'kernel_start')})`);
    expect(rows[2]).toContain(`com.example.driver.FooDriver : FooDriver::handleInterrupt(unsigned int) + 0x16 (kext.cpp:${markerLine('kext.cpp', 'kext_read_regs')})`);
    expect(rows[3]).toContain('FooDriver::start(void*) + 0x24');
    expect(rows[4]).toMatch(/: 0xffffff7f9b0012c0$/);
  });

  it('annotates the panic string of an .ips panic (bug_type 210)', () => {
    const r = runCli(['symbolicate', ...SYMBOLS, '--symbolicator', 'llvm', `${REPORTS}/Kernel-arm64.ips`]);
    expect(r.status).toBe(0);
    const panic = ipsBody(r.stdout).panicString!;
    expect(panic).toContain('lr: 0xfffffe001c2d4f08  fp: 0xfffffe8f0c6f2f90  com.example.driver.FooDriver : FooDriver::start(void*) + 0x30');
  });

  it('substitutes symbols into a legacy x86_64 crash report, callers looked up at return address − 1', () => {
    const r = runCli(['symbolicate', ...SYMBOLS, '--symbolicator', 'llvm', `${REPORTS}/App-x86_64.crash`]);
    expect(r.status).toBe(0);
    const rows = r.stdout.split('\n').filter((l) => /^\d+\s+(App|dyld)\s/.test(l));
    expect(rows.map((l) => l.replace(/^.*0x[0-9a-f]+ /, ''))).toEqual([
      `store_value + 4 (crash.c:${markerLine('crash.c', 'store_null')})`,
      `main + 18 (main.c:${markerLine('main.c', 'main_store')})`,
      `die_now + 32 (crash.c:${markerLine('crash.c', 'die_call')})`,
      'start + 1903',
    ]);
  });

  it('symbolicates in analyze when --symbols is given', () => {
    const r = runCli(['analyze', '--format', 'json', ...SYMBOLS, `${REPORTS}/App-arm64.ips`]);
    expect(r.stdout).toContain('"symbolSource": "llvm-symbolizer"');
  });
});

describe('paniclens symbolicate', () => {
  it('works with no external tool through the Mach-O reader (symbols and offsets, no lines)', () => {
    const r = runCli(['symbolicate', '--symbolicator', 'macho', ...SYMBOLS, `${REPORTS}/App-arm64.ips`]);
    expect(r.status).toBe(0);
    const [main, worker] = ipsBody(r.stdout).threads;
    expect(main!.frames.map((f) => [f.symbol, f.symbolLocation, f.sourceLine])).toEqual([
      ['store_value', 0, undefined],
      ['main', 24, undefined],
      ['die_now', 40, undefined],
      ['start', 2360, undefined],
    ]);
    expect(worker!.frames[0]!.symbol).toBe('geo::Parser::step(int)');
  });

  it('writes -o FILE and refuses to overwrite its input', () => {
    const dir = mkdtempSync(join(tmpdir(), 'paniclens-sym-'));
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
    const out = join(dir, 'out.panic');
    expect(runCli(['symbolicate', '--symbolicator', 'macho', ...SYMBOLS, '-o', out, `${REPORTS}/Kernel-intel.panic`]).status).toBe(0);
    expect(readFileSync(out, 'utf8')).toMatch(/0xffffff801c8003a0 {2}kernel : panic_trap_to_debugger \+ 0x10$/m);
    const same = runCli(['symbolicate', '-o', `${REPORTS}/Kernel-intel.panic`, `${REPORTS}/Kernel-intel.panic`]);
    expect(same.status).toBe(2);
    expect(same.stderr).toBe(`paniclens: ${REPORTS}/Kernel-intel.panic: refusing to overwrite the input; choose another -o file\n`);
  });

  it('exits 2 with one line for a missing file', () => {
    const r = runCli(['symbolicate', 'no/such.ips']);
    expect([r.status, r.stderr]).toEqual([2, 'paniclens: no/such.ips: no such file or directory\n']);
  });

  it('says which dSYM is missing when no symbols are found', () => {
    const r = runCli(['symbolicate', '--symbolicator', 'macho', `${REPORTS}/App-arm64.ips`]);
    expect(r.status).toBe(0);
    expect(r.stderr).toContain('no symbols for App 4C4C44A0-5555-3144-A1E1-8026AEF91DD6 (arm64): UUID not found (3 frames)');
  });
});
