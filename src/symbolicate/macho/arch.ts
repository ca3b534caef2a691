/** CPU type/subtype ↔ architecture names, as atos, llvm-symbolizer and crash reports spell them. */

export const CPU_TYPE_X86 = 7;
export const CPU_TYPE_ARM = 12;
export const CPU_TYPE_POWERPC = 18;
const ABI64 = 0x01000000;
const ABI64_32 = 0x02000000;
export const CPU_TYPE_X86_64 = CPU_TYPE_X86 | ABI64;
export const CPU_TYPE_ARM64 = CPU_TYPE_ARM | ABI64;
export const CPU_TYPE_ARM64_32 = CPU_TYPE_ARM | ABI64_32;

const ARM_SUBTYPES: Record<number, string> = { 5: 'armv4t', 6: 'armv6', 7: 'armv5', 9: 'armv7', 10: 'armv7f', 11: 'armv7s', 12: 'armv7k', 14: 'armv6m', 15: 'armv7m', 16: 'armv7em' };

/** The arch name for a cputype/cpusubtype pair ("arm64e" for ARM64 subtype 2, with or without the ptrauth ABI bit). */
export function archName(cputype: number, cpusubtype: number): string {
  const sub = cpusubtype & 0x00ffffff;
  switch (cputype) {
    case CPU_TYPE_ARM64:
      return (sub & 0xff) === 2 ? 'arm64e' : 'arm64';
    case CPU_TYPE_ARM64_32:
      return 'arm64_32';
    case CPU_TYPE_X86_64:
      return sub === 8 ? 'x86_64h' : 'x86_64';
    case CPU_TYPE_X86:
      return 'i386';
    case CPU_TYPE_ARM:
      return ARM_SUBTYPES[sub] ?? 'arm';
    case CPU_TYPE_POWERPC:
      return 'ppc';
    case CPU_TYPE_POWERPC | ABI64:
      return 'ppc64';
    default:
      return `cpu${cputype}`;
  }
}

/**
 * Normalise an arch as written in a report ("X86-64 (Native)", "ARM-64", "arm64e", "x86_64h") to a Mach-O arch name;
 * undefined when it names none.
 */
export function normalizeArch(raw: string | undefined): string | undefined {
  if (!raw) return undefined;
  const s = raw.replace(/\(.*?\)/g, '').trim().toLowerCase().replace(/-/g, '_');
  if (s === '') return undefined;
  if (s === 'x86_64' || s === 'x86_64h' || s === 'i386' || s.startsWith('arm')) return s === 'arm_64' ? 'arm64' : s;
  if (s === 'x86') return 'i386';
  if (s === 'ppc' || s === 'ppc64') return s;
  return undefined;
}

/** True when an image built for `have` can answer for a report that says `want` (arm64 vs arm64e are different slices). */
export function archMatches(want: string, have: string): boolean {
  if (want === have) return true;
  // x86_64h slices serve x86_64 reports and back; reports rarely say "h".
  return (want === 'x86_64' && have === 'x86_64h') || (want === 'x86_64h' && have === 'x86_64');
}

/** How far back the call instruction lies from a return address: 4 on arm64, 1 on x86_64 (atos/lldb's rule). */
export function returnAddressAdjustment(arch: string): bigint {
  if (arch.startsWith('x86') || arch === 'i386') return 1n;
  if (arch.startsWith('arm')) return arch === 'armv7' || arch === 'armv7s' || arch === 'armv7k' ? 2n : 4n;
  return 1n;
}
