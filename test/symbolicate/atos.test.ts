import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { AtosBackend, atosArgs } from '../../src/symbolicate/atos.js';
import { parseAtosLine, parseAtosOutput } from '../../src/symbolicate/atos-output.js';
import type { SymbolFile } from '../../src/symbolicate/types.js';

const recorded = (name: string): string => readFileSync(new URL(`../fixtures/symbolicate/atos/${name}`, import.meta.url), 'utf8');
const seg = (name: string, vmaddr: bigint) => ({ name, vmaddr, vmsize: 0x4000n, fileoff: 0n, filesize: 0n, sections: [] });
const dylib: SymbolFile = { path: '/s/libExample.dylib.dSYM/Contents/Resources/DWARF/libExample.dylib', arch: 'arm64', uuid: 'U', kind: 'dsym', segments: [seg('__TEXT', 0n)] };
const kernel: SymbolFile = { path: '/KDKs/kernel.release.t8112', arch: 'arm64e', uuid: 'K', kind: 'binary', segments: [seg('__TEXT', 0xfffffe0007004000n), seg('__TEXT_EXEC', 0xfffffe000700c000n)] };

describe('atos arguments', () => {
  it('passes the file, the arch, __TEXT.vmaddr as load address, -i and every address of one image', () => {
    expect(atosArgs(kernel, [0xfffffe000700c020n, 0xfffffe000700c040n])).toEqual([
      '-o', '/KDKs/kernel.release.t8112', '-arch', 'arm64e', '-l', '0xfffffe0007004000', '-i', '-fullPath', '0xfffffe000700c020', '0xfffffe000700c040',
    ]);
  });

  it('runs one atos per symbol file with all its addresses, and maps answers back to query order', async () => {
    const calls: string[][] = [];
    const backend = new AtosBackend('atos', async (_cmd, args) => {
      calls.push(args);
      return args[1] === dylib.path ? recorded('libExample-inlines.txt') : 'panic_trap_to_debugger (in kernel.release.t8112) (kernel.c:15)\n\n';
    });
    const answers = await backend.symbolize([
      { file: dylib, address: 0x3f8n },
      { file: kernel, address: 0xfffffe000700c020n },
      { file: dylib, address: 0x434n },
      { file: dylib, address: 0x478n },
      { file: dylib, address: 0x100n },
    ]);
    expect(calls.length).toBe(2);
    expect(calls[0]!.slice(-4)).toEqual(['0x3f8', '0x434', '0x478', '0x100']);
    expect(answers.map((a) => a.frames.map((f) => f.name))).toEqual([
      ['geo::clamp_index(int, int)', 'geo::Parser::step(int)'],
      ['panic_trap_to_debugger'],
      ['example_entry'],
      ['Example.Parser.step(Swift.Int) -> Swift.Int'],
      [],
    ]);
    expect(answers[0]!.frames[0]).toEqual({ name: 'geo::clamp_index(int, int)', file: '/fixture/src/lib.cpp', line: 11 });
    expect(answers[3]!.frames[0]!.offset).toBe(8);
  });

  it('turns an atos failure into an error answer for each of its addresses', async () => {
    const backend = new AtosBackend('atos', async () => {
      throw new Error('atos: could not load inserted library\nmore');
    });
    const answers = await backend.symbolize([{ file: dylib, address: 1n }, { file: dylib, address: 2n }]);
    expect(answers).toEqual([
      { frames: [], error: 'atos failed: atos: could not load inserted library' },
      { frames: [], error: 'atos failed: atos: could not load inserted library' },
    ]);
  });
});

describe('atos output', () => {
  it('reads recorded output without inlines: one line per address, bare addresses unresolved', () => {
    const answers = parseAtosOutput(recorded('kernel-noinlines.txt'), 3, false);
    expect(answers.map((a) => a.frames[0]?.line)).toEqual([15, 20, undefined]);
    expect(answers[2]!.frames).toEqual([]);
  });

  it('reports a count mismatch instead of shifting answers onto the wrong addresses', () => {
    expect(parseAtosOutput(recorded('kernel-noinlines.txt'), 4, false)[0]!.error).toMatch(/3 answers for 4/);
  });

  it('parses names that contain parentheses, columns and full paths with colons', () => {
    expect(parseAtosLine('closure #1 in App.run() (in App) (/Users/me/My Project/App.swift:42:7)')).toEqual({
      name: 'closure #1 in App.run()', file: '/Users/me/My Project/App.swift', line: 42, column: 7,
    });
    expect(parseAtosLine('-[ExampleParser step:] (in libExample.dylib) + 12')).toEqual({ name: '-[ExampleParser step:]', offset: 12 });
    expect(parseAtosLine('0x1000 (in App)')).toBeUndefined();
  });
});
