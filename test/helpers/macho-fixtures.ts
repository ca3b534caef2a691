// Paths into test/fixtures/macho (built by its build.sh, committed) and source-line markers of its sources.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const machoRoot = fileURLToPath(new URL('../fixtures/macho/', import.meta.url));
export const fixtureOut = (rel: string): string => `${machoRoot}out/${rel}`;
export const readFixture = (rel: string): Uint8Array => new Uint8Array(readFileSync(fixtureOut(rel)));

/** The 1-based line of `MARK:<name>` in a fixture source, so tests name lines instead of hard-coding numbers. */
export function markerLine(source: string, name: string): number {
  const lines = readFileSync(`${machoRoot}src/${source}`, 'utf8').split('\n');
  const i = lines.findIndex((l) => l.includes(`MARK:${name} `) || l.endsWith(`MARK:${name}`));
  if (i < 0) throw new Error(`marker ${name} not in ${source}`);
  return i + 1;
}

/** The source path as the fixture DWARF records it (-fdebug-prefix-map to /fixture). */
export const fixtureSource = (source: string): string => `/fixture/src/${source}`;

export const APP = 'App/arm64/App';
export const KERNEL_ARM = 'KDK_14.0_23A344.kdk/System/Library/Kernels/kernel.release.t8112';
export const KERNEL_X86 = 'KDK_13.6_22G120.kdk/System/Library/Kernels/kernel';
export const KEXT = 'kext/FooDriver.kext/Contents/MacOS/FooDriver';
export const KEXT_DSYM = 'kext/FooDriver.kext.dSYM/Contents/Resources/DWARF/FooDriver';
export const DEXT = 'dext/ExampleDriver.dext/ExampleDriver';
export const DYLIB = 'lib/libExample.dylib';
export const dwarfOf = (rel: string): string => {
  const name = rel.split('/').pop() ?? rel;
  return `${rel}.dSYM/Contents/Resources/DWARF/${name}`;
};
