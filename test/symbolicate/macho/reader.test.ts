import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { execFileSync } from 'node:child_process';
import { readMachO, imageForArch, SymbolTable, textVmaddr, codeSegment, looksLikeMachO, type MachOImage } from '../../../src/symbolicate/macho/index.js';
import { readFixture, APP, KERNEL_ARM, KERNEL_X86, KEXT, KEXT_DSYM, DEXT, DYLIB, dwarfOf, fixtureOut } from '../../helpers/macho-fixtures.js';

function images(rel: string): MachOImage[] {
  const r = readMachO(readFixture(rel), rel);
  if (!r.ok) throw new Error(`${r.error.path}: ${r.error.reason}`);
  return r.images;
}
const one = (rel: string, arch?: string): MachOImage => {
  const i = imageForArch(images(rel), arch);
  if (!i) throw new Error(`no ${arch} in ${rel}`);
  return i;
};

describe('Mach-O containers', () => {
  it('reads the three slices of a universal binary with their arch names', () => {
    expect(images('App/universal/App').map((i) => i.arch)).toEqual(['x86_64', 'arm64', 'arm64e']);
  });

  it('gives each slice of a fat file the same UUID as the thin file it was made from', () => {
    for (const arch of ['arm64', 'arm64e', 'x86_64']) {
      expect(one('App/universal/App', arch).uuid).toBe(one(`App/${arch}/App`).uuid);
    }
  });

  it('reads the same UUID from a binary and its dSYM, and distinct UUIDs per arch', () => {
    const uuids = ['arm64', 'arm64e', 'x86_64'].map((a) => one(`App/${a}/App`).uuid);
    expect(new Set(uuids).size).toBe(3);
    expect(one(dwarfOf(APP)).uuid).toBe(uuids[0]);
    expect(uuids[0]).toMatch(/^[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}$/);
  });

  it('agrees with llvm-dwarfdump on every fixture UUID', () => {
    let out: string;
    try {
      out = execFileSync('llvm-dwarfdump', ['--uuid', fixtureOut(KEXT_DSYM), fixtureOut(dwarfOf(KERNEL_ARM))], { encoding: 'utf8' });
    } catch {
      return; // tool absent: the other tests still pin the reader
    }
    const expected = [...out.matchAll(/UUID: (\S+) \((\w+)\)/g)].map((m) => `${m[2]} ${m[1]}`);
    const ours = [...images(KEXT_DSYM), ...images(dwarfOf(KERNEL_ARM))].map((i) => `${i.arch} ${i.uuid}`);
    expect(ours).toEqual(expected);
  });

  it('recognises arm64e by its cpusubtype, with or without the ptrauth ABI bit', () => {
    const img = one('App/arm64e/App');
    expect(img.arch).toBe('arm64e');
    expect(img.cpusubtype >>> 0).toBe(0x80000002);
  });

  it('reads platform and versions from LC_BUILD_VERSION, including DriverKit', () => {
    expect(one(DEXT)).toMatchObject({ platform: 'DriverKit', minOs: '20.0' });
    expect(one(APP)).toMatchObject({ platform: 'macOS', minOs: '11.0' });
  });

  it('reads kext file types and __TEXT_EXEC code segments', () => {
    const arm = one(KEXT, 'arm64e');
    const x86 = one(KEXT, 'x86_64');
    expect(arm.filetype).toBe(0xb);
    expect(codeSegment(arm)?.name).toBe('__TEXT_EXEC');
    expect(codeSegment(x86)?.name).toBe('__TEXT');
    expect(textVmaddr(arm)).toBe(0n);
  });

  it('keeps kernel addresses above 2^53 exact', () => {
    expect(textVmaddr(one(KERNEL_ARM))).toBe(0xfffffe0007004000n);
    expect(textVmaddr(one(KERNEL_X86))).toBe(0xffffff8000200000n);
    expect(codeSegment(one(KERNEL_ARM))?.vmaddr).toBe(0xfffffe000700c000n);
  });

  it('tells Mach-O bytes from other bytes', () => {
    expect(looksLikeMachO(readFixture(KEXT))).toBe(true);
    expect(looksLikeMachO(new TextEncoder().encode('{"bug_type":"309"}'))).toBe(false);
  });
});

describe('symbol lookup', () => {
  function nmSymbols(rel: string, arch: string): Map<bigint, string> | undefined {
    try {
      const out = execFileSync('llvm-nm', ['-n', '--defined-only', `--arch=${arch}`, fixtureOut(rel)], { encoding: 'utf8' });
      const m = new Map<bigint, string>();
      for (const line of out.split('\n')) {
        const f = /^([0-9a-f]+) [tTsS] (.+)$/.exec(line);
        if (f && f[1] && f[2]) m.set(BigInt(`0x${f[1]}`), f[2]);
      }
      return m;
    } catch {
      return undefined;
    }
  }

  it.each([
    [APP, 'arm64'],
    [DYLIB, 'arm64'],
    [KEXT, 'arm64e'],
    [KEXT, 'x86_64'],
    [KERNEL_ARM, 'arm64e'],
  ])('finds every code symbol that llvm-nm lists in %s (%s), at offset 0 and inside', (rel, arch) => {
    const nm = nmSymbols(rel, arch);
    if (!nm) return;
    const table = SymbolTable.fromImage(one(rel, arch));
    expect(nm.size).toBeGreaterThan(3);
    for (const [addr, name] of nm) {
      if (name.includes('mh_')) continue;
      expect(table.lookup(addr)).toMatchObject({ name, offset: 0, start: addr });
      expect(table.lookup(addr + 2n)).toMatchObject({ name, offset: 2 });
    }
  });

  it('bounds a symbol by the next function start so the last one does not swallow the stubs', () => {
    const table = SymbolTable.fromImage(one(APP));
    const main = [...Array(0x1000).keys()].map((k) => table.lookup(0x100000000n + BigInt(k))).find((h) => h?.name === '_main');
    expect(main).toBeDefined();
    const past = table.lookup(main!.end);
    expect(past?.name).not.toBe('_main');
  });

  it('resolves nothing for a stripped binary except unnamed function starts', () => {
    const full = SymbolTable.fromImage(one(APP));
    const stripped = SymbolTable.fromImage(one('App/arm64/App.stripped'));
    const mainAddr = [...Array(0x1000).keys()].map((k) => 0x100000000n + BigInt(k)).find((a) => full.lookup(a)?.name === '_main')!;
    const hit = stripped.lookup(mainAddr + 4n);
    expect(hit?.name).toBeUndefined();
    expect(hit?.start).toBe(mainAddr);
    expect(hit?.offset).toBe(4);
  });

  it('reads symbols from a dSYM, which has no function starts', () => {
    const bin = SymbolTable.fromImage(one(APP));
    const dsym = SymbolTable.fromImage(one(dwarfOf(APP)));
    for (let a = 0x100000598n; a < 0x100000630n; a += 4n) expect(dsym.lookup(a)?.name).toBe(bin.lookup(a)?.name);
  });

  it('returns nothing for addresses outside every symbol', () => {
    const table = SymbolTable.fromImage(one(KERNEL_ARM));
    expect(table.lookup(0n)).toBeUndefined();
    expect(table.lookup(0xffffffffffffffffn)).toBeUndefined();
  });
});

describe('hostile input', () => {
  it('returns an error value with a path for truncated files', () => {
    const bytes = readFixture(APP).subarray(0, 100);
    const r = readMachO(bytes, 'App');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.path).toMatch(/^App/);
  });

  it('rejects an implausible fat arch count without allocating', () => {
    const b = new Uint8Array(8);
    new DataView(b.buffer).setUint32(0, 0xcafebabe);
    new DataView(b.buffer).setUint32(4, 0xffffffff);
    expect(readMachO(b)).toMatchObject({ ok: false, error: { reason: expect.stringContaining('fat arch count') } });
  });

  it('never throws on random corruption of real files, and symbol tables stay bounded', () => {
    const sources = [readFixture(APP), readFixture(KEXT), readFixture(dwarfOf(KERNEL_ARM))];
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 }), fc.array(fc.tuple(fc.nat(), fc.nat({ max: 255 })), { maxLength: 24 }), (which, edits) => {
        const bytes = new Uint8Array(sources[which]!);
        for (const [pos, val] of edits) bytes[pos % Math.min(bytes.length, 4096)] = val; // headers and load commands
        const r = readMachO(bytes, 'fuzz');
        if (!r.ok) return;
        for (const img of r.images) {
          try {
            SymbolTable.fromImage(img).lookup(0x100000000n);
          } catch (e) {
            expect((e as Error).name).toBe('Error'); // MachOFormatError only
            expect((e as { path?: string }).path).toBeDefined();
          }
        }
      }),
      { numRuns: 300 },
    );
  });
});
