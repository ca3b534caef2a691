import { describe, expect, it } from 'vitest';
import { emptyReport } from '../../src/model/report.js';
import { writeBackText } from '../../src/symbolicate/writeback/text.js';
import { stringifyLossless } from '../../src/symbolicate/writeback/lossless-stringify.js';

const crashText = [
  'Thread 0 Crashed::  Dispatch queue: com.apple.main-thread',
  '0   App                           \t       0x102a4c598 0x102a4c000 + 1432',
  '1   libExample.dylib              \t       0x1031f03f8 0x1031f0000 + 1016',
  '2   libsystem_kernel.dylib        \t       0x18d2e4f2c mach_msg2_trap + 8',
  '',
].join('\n');

describe('text write-back', () => {
  it('substitutes symbols into crash rows and inserts inlined rows marked [inlined]', () => {
    const r = emptyReport({ path: 'App.crash', format: 'crash-text' }, 'crash');
    r.threads = [
      {
        index: 0,
        crashed: true,
        frames: [
          { index: 0, sourceLine: 2, symbol: 'store_value', symbolOffset: 0, file: '/src/crash.c', line: 11, symbolSource: 'llvm-symbolizer' },
          { index: 1, sourceLine: 3, symbol: 'geo::clamp_index(int, int)', file: '/src/lib.cpp', line: 11, inlined: true, symbolSource: 'llvm-symbolizer' },
          { index: 1, sourceLine: 3, symbol: 'geo::Parser::step(int)', symbolOffset: 24, file: '/src/lib.cpp', line: 22, symbolSource: 'llvm-symbolizer' },
          { index: 2, sourceLine: 4, symbol: 'mach_msg2_trap', symbolOffset: 8, symbolSource: 'report' },
        ],
      },
    ];
    expect(writeBackText(crashText, [r]).split('\n')).toEqual([
      'Thread 0 Crashed::  Dispatch queue: com.apple.main-thread',
      '0   App                           \t       0x102a4c598 store_value + 0 (crash.c:11)',
      '1   libExample.dylib              \t       0x1031f03f8 geo::clamp_index(int, int) (lib.cpp:11) [inlined]',
      '1   libExample.dylib              \t       0x1031f03f8 geo::Parser::step(int) + 24 (lib.cpp:22)',
      '2   libsystem_kernel.dylib        \t       0x18d2e4f2c mach_msg2_trap + 8',
      '',
    ]);
  });

  it('leaves rows alone that symbolication did not resolve', () => {
    const r = emptyReport({ path: 'App.crash', format: 'crash-text' }, 'crash');
    r.threads = [{ index: 0, crashed: true, frames: [{ index: 0, sourceLine: 2, unresolvedReason: 'UUID not found' }] }];
    expect(writeBackText(crashText, [r])).toBe(crashText);
  });
});

describe('lossless JSON output', () => {
  it('writes bigints as exact digits', () => {
    expect(stringifyLossless({ lr: 18446741874686296020n, a: [1, 'x'] })).toBe('{\n  "lr" : 18446741874686296020,\n  "a" : [\n    1,\n    "x"\n  ]\n}');
  });
});
