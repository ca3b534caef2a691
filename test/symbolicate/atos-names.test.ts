// The names a Mac's atos prints (simplified Swift, C++, Objective-C untouched) come out of both backends
// that run off the Mac: symbols resolved from the libExample.dylib fixture, demangled in the simplified style.
import { describe, expect, it } from 'vitest';
import { emptyReport, type Report } from '../../src/model/report.js';
import { symbolicateReports } from '../../src/symbolicate/index.js';
import { LlvmSymbolizerBackend } from '../../src/symbolicate/llvm-symbolizer.js';
import { MachoBackend } from '../../src/symbolicate/macho-backend.js';
import { findLlvmSymbolizer } from '../../src/symbolicate/find-tool.js';
import { loadFileBytes } from '../../src/symbolicate/select-backend.js';
import type { SymbolBackend } from '../../src/symbolicate/types.js';
import { loadFixture } from '../helpers/code-scan.js';
import { fixtureOut, DYLIB } from '../helpers/macho-fixtures.js';

const llvmPath = findLlvmSymbolizer();
const backends: [string, () => SymbolBackend, boolean][] = [
  ['llvm-symbolizer', () => new LlvmSymbolizerBackend(llvmPath!), llvmPath !== undefined],
  ['macho', () => new MachoBackend(loadFileBytes), true],
];
const lib = loadFixture(DYLIB);
const base = 0x1031f0000n;

/** Return addresses of calls between the fixture's functions, as a crash report would carry them. */
function report(): Report {
  const r = emptyReport({ path: 'App.ips', format: 'ips', bugType: '309' }, 'crash');
  r.hardware.arch = 'arm64';
  r.images = [{ name: 'libExample.dylib', uuid: lib.image.uuid, base, size: 0x8000n, arch: 'arm64' }];
  const [swiftCallsEntry] = lib.returnAddresses('_$s7Example6ParserV4stepyS2iF', '_example_entry');
  const [objcCallsSwift] = lib.returnAddresses('-[ExampleParser step:]', '_$s7Example6ParserV4stepyS2iF');
  const [entryCallsStep] = lib.returnAddresses('_example_entry', '__ZN3geo6Parser4stepEi');
  r.threads = [
    {
      index: 0,
      crashed: true,
      frames: [
        { index: 0, address: base + lib.sym('__ZN3geo6Parser4stepEi'), image: 'libExample.dylib' },
        { index: 1, address: base + entryCallsStep!, image: 'libExample.dylib' },
        { index: 2, address: base + swiftCallsEntry!, image: 'libExample.dylib' },
        { index: 3, address: base + objcCallsSwift!, image: 'libExample.dylib' },
      ],
    },
  ];
  r.crashedThread = 0;
  return r;
}

describe.each(backends)('atos-style names with %s', (_name, make, available) => {
  it.skipIf(!available)('prints Swift simplified, C++ demangled and Objective-C as written, keeping the raw names', async () => {
    const backend = make();
    const [out] = await symbolicateReports([report()], { backend, symbols: [fixtureOut('')], defaultLocations: false, reportFolders: false });
    await backend.close();
    const physical = out!.threads[0]!.frames.filter((f) => !f.inlined);
    expect(physical.map((f) => f.symbol)).toEqual(['geo::Parser::step(int)', 'example_entry', 'Parser.step(_:)', '-[ExampleParser step:]']);
    expect(physical[2]!.rawSymbol).toMatch(/^_?\$s7Example6ParserV4stepyS2iF$/);
  });
});
