import { describe, expect, it } from 'vitest';
import { parseLlvmJsonLine } from '../../src/symbolicate/llvm-output.js';
import { llvmRequestLine, llvmSymbolizerArgs } from '../../src/symbolicate/llvm-symbolizer.js';

describe('llvm-symbolizer JSON lines', () => {
  it('returns the inline chain innermost first, with the offset on the concrete function only', () => {
    const line = JSON.stringify({
      Address: '0x3f8', ModuleName: 'libExample.dylib:arm64',
      Symbol: [
        { Column: 22, FileName: '/src/lib.cpp', FunctionName: '_ZN3geoL11clamp_indexEii', Line: 11, StartAddress: '0x3ec' },
        { Column: 11, FileName: '/src/lib.cpp', FunctionName: '_ZN3geo6Parser4stepEi', Line: 22, StartAddress: '0x3e0' },
      ],
    });
    expect(parseLlvmJsonLine(line)).toEqual({
      frames: [
        { name: '_ZN3geoL11clamp_indexEii', file: '/src/lib.cpp', line: 11, column: 22 },
        { name: '_ZN3geo6Parser4stepEi', file: '/src/lib.cpp', line: 22, column: 11, offset: 0x18 },
      ],
    });
  });

  it('keeps kernel addresses above 2^53 exact when computing offsets', () => {
    const line = '{"Address":"0xfffffe000700c020","Symbol":[{"FunctionName":"panic","FileName":"","Line":0,"Column":0,"StartAddress":"0xfffffe000700c014"}]}';
    expect(parseLlvmJsonLine(line).frames[0]).toEqual({ name: 'panic', offset: 12 });
  });

  it('treats an empty function, ?? and the image header as no symbol, and Error lines as errors', () => {
    expect(parseLlvmJsonLine('{"Address":"0x1","Symbol":[{"FunctionName":"","StartAddress":"","Line":0}]}')).toEqual({ frames: [] });
    expect(parseLlvmJsonLine('{"Address":"0x1","Symbol":[{"FunctionName":"_mh_execute_header","StartAddress":"0x100000000"}]}')).toEqual({ frames: [] });
    expect(parseLlvmJsonLine('{"Address":"0x10","Error":{"Message":"No such file or directory"},"ModuleName":"/x"}')).toEqual({ frames: [], error: 'No such file or directory' });
    expect(parseLlvmJsonLine('not json').error).toMatch(/unreadable/);
  });

  it('builds quoted path:arch requests and refuses paths it cannot quote', () => {
    const file = { path: '/My Symbols/App.dSYM/Contents/Resources/DWARF/App', arch: 'arm64e', uuid: 'U', kind: 'dsym' as const, segments: [] };
    expect(llvmRequestLine({ file, address: 0x100003f2cn })).toBe('"/My Symbols/App.dSYM/Contents/Resources/DWARF/App:arm64e" 0x100003f2c');
    expect(llvmRequestLine({ file: { ...file, path: '/a"b' }, address: 1n })).toBeUndefined();
  });

  it('asks for JSON, inlines, raw linkage names and passes dSYM hints', () => {
    expect(llvmSymbolizerArgs({ dsymHints: ['/s/Foo.kext.dSYM'] })).toEqual(['--output-style=JSON', '--inlines', '--no-demangle', '--functions=linkage', '--dsym-hint=/s/Foo.kext.dSYM']);
  });
});
