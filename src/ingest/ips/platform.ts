/**
 * Platform and architecture names: .ips `platform` numbers (FORMATS §2.2), OS strings
 * ("iPhone OS 16.0 (20A362)") and cpuType spellings ("ARM-64", "X86-64").
 */
import type { OsInfo } from '../../model/report.js';

const PLATFORMS: Record<number, string> = {
  1: 'macOS',
  2: 'iOS',
  3: 'tvOS',
  4: 'watchOS',
  5: 'bridgeOS',
  6: 'Mac Catalyst',
  7: 'iOS Simulator',
  8: 'tvOS Simulator',
  9: 'watchOS Simulator',
  10: 'DriverKit',
};

/** Platform name for an .ips `platform` number; unknown numbers are kept as "platform N". */
export function platformName(code: number): string {
  return PLATFORMS[code] ?? `platform ${code}`;
}

// OS name prefixes as reports write them, longest first so "Mac OS X" wins over "Mac".
const OS_NAMES: Array<[RegExp, string]> = [
  [/^(?:Mac OS X|OS X|macOS)\b/i, 'macOS'],
  [/^(?:iPhone OS|iOS)\b/i, 'iOS'],
  [/^iPadOS\b/i, 'iPadOS'],
  [/^(?:Apple TVOS|tvOS)\b/i, 'tvOS'],
  [/^watchOS\b/i, 'watchOS'],
  [/^(?:Bridge OS|bridgeOS)\b/i, 'bridgeOS'],
  [/^visionOS\b/i, 'visionOS'],
];

/** Platform name from the start of an OS string, when recognised. */
export function platformFromOsName(raw: string): string | undefined {
  const s = raw.trim();
  for (const [re, name] of OS_NAMES) if (re.test(s)) return name;
  return undefined;
}

/**
 * Read "macOS 12.4 (21F79)", "iPhone OS 16.0 (20A362)", "Bridge OS 2.4.1 (15P6703)",
 * "iPhone OS 14.2 (Build 18B5072f)" into version, build and platform.
 */
export function parseOsString(raw: string): OsInfo {
  // The same few OS strings come back in every report of a batch: each is read once (bounded cache),
  // and every caller gets its own copy.
  let os = OS_STRINGS.get(raw);
  if (os === undefined) {
    if (raw.length <= 256) {
      // Read from a copy of its own: the key and the parts cut from it stay in the cache, and a
      // slice of the report's text would keep the whole text alive there.
      const own = raw.length < 13 ? raw : ` ${raw}`.slice(1);
      os = parseOsStringOnce(own);
      if (OS_STRINGS.size >= OS_STRINGS_SIZE) OS_STRINGS.clear();
      OS_STRINGS.set(own, os);
    } else os = parseOsStringOnce(raw);
  }
  return { ...os };
}

const OS_STRINGS = new Map<string, OsInfo>();
/** An OS string says something when a letter or digit is left besides the word "Build". */
const PLACEHOLDER_FREE = /[0-9A-Za-z]/;
const OS_STRINGS_SIZE = 512;

function parseOsStringOnce(raw: string): OsInfo {
  // "??? ??? (Build ???)": the reporter could not read the version (a Hackintosh's sleep/wake report).
  if (!PLACEHOLDER_FREE.test(raw.replace(/\bBuild\b/gi, ''))) return {};
  const os: OsInfo = { raw: raw.trim() };
  const platform = platformFromOsName(raw);
  if (platform) os.platform = platform;
  const version = /(\d+(?:\.\d+){0,3})/.exec(raw.replace(/\(.*$/, ''));
  if (version?.[1]) os.version = version[1];
  const build = /\((?:Build\s+)?([0-9]+[A-Za-z][0-9A-Za-z]*)\)/.exec(raw);
  if (build?.[1]) os.build = build[1];
  return os;
}

/**
 * Answers of normalizeArch by spelling: every image of every report names one of a handful of
 * architectures. Bounded: cleared when full, long spellings (hostile input) not kept.
 */
const ARCHES = new Map<string, string | undefined>();
const ARCHES_SIZE = 256;

/** Normalised architecture from a cpuType/arch spelling ("ARM-64", "X86-64", "arm64e", "ARM"). */
export function normalizeArch(raw: string | undefined): string | undefined {
  if (!raw) return undefined;
  if (ARCHES.has(raw)) return ARCHES.get(raw);
  const arch = normalizeArchOnce(raw);
  if (raw.length <= 64) {
    if (ARCHES.size >= ARCHES_SIZE) ARCHES.clear();
    ARCHES.set(raw, arch);
  }
  return arch;
}

function normalizeArchOnce(raw: string): string | undefined {
  const s = raw.trim().toLowerCase().replace(/[\s_-]/g, '');
  if (s === '') return undefined;
  if (s.startsWith('arm64e')) return 'arm64e';
  if (s.startsWith('arm6432') || s === 'arm6432') return 'arm64_32';
  if (s.startsWith('arm64')) return 'arm64';
  if (s.startsWith('x8664') || s === 'amd64') return 'x86_64';
  if (s === 'x86' || s === 'i386') return 'i386';
  if (s.startsWith('armv7k')) return 'armv7k';
  if (s.startsWith('armv7s')) return 'armv7s';
  if (s.startsWith('armv7') || s === 'arm') return 'armv7';
  return raw.trim();
}

/** Architecture implied by a kernel version line ("…/RELEASE_ARM64_T8150", "…/RELEASE_X86_64"). */
export function archFromKernelVersion(kernel: string): string | undefined {
  if (/_ARM64/i.test(kernel)) return 'arm64';
  if (/_X86_64/i.test(kernel)) return 'x86_64';
  if (/_ARM_/i.test(kernel)) return 'armv7';
  return undefined;
}
