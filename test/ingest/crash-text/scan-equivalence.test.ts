import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { BinaryImage } from '../../../src/model/report.js';
import { normalizeUuid } from '../../../src/model/uuid.js';
import { normalizeArch } from '../../../src/ingest/ips/platform.js';
import { parseImageLine, uuidBetween } from '../../../src/ingest/crash-text/binary-images.js';
import { hexBigInt, hexNumber } from '../../../src/ingest/crash-text/chars.js';

/**
 * The crash-text line readers read numbers, UUIDs and columns by hand where they used BigInt() on
 * slices, regex replaces and whole-line trims. These properties hold them to the plain formulations
 * they replaced (kept below as the reference), on lines built from the shapes real reports print.
 */

const HEX = [...'0123456789abcdefABCDEF'];
const hexDigits = (min: number, max: number) => fc.array(fc.constantFrom(...HEX), { minLength: min, maxLength: max }).map((d) => d.join(''));

describe('crash-text scans: same results as the formulations they replaced', () => {
  it('hexNumber and hexBigInt read what BigInt reads', () => {
    const digits = fc.oneof(hexDigits(1, 20), fc.tuple(fc.constantFrom('', '0', '000', '00000000'), hexDigits(1, 16)).map(([z, d]) => z + d));
    fc.assert(fc.property(fc.string({ maxLength: 3 }), digits, fc.string({ maxLength: 3 }), (before, d, after) => {
      const s = `${before}${d}${after}`;
      const from = before.length;
      const to = from + d.length;
      const exact = BigInt(`0x${d}`);
      expect(hexBigInt(s, from, to)).toBe(exact);
      const n = hexNumber(s, from, to);
      if (n >= 0) expect(BigInt(n)).toBe(exact);
      else expect(exact >= 2n ** 52n).toBe(true);
    }), { numRuns: 5000 });
    for (const d of ['fffffffffffff', '10000000000000', '0000ffffffffffffff', 'ffffffffffffffff', '0']) expect(hexBigInt(d, 0, d.length)).toBe(BigInt(`0x${d}`));
  });

  it('uuidBetween is normalizeUuid of the slice', () => {
    const piece = fc.oneof(
      { weight: 8, arbitrary: fc.constantFrom(...HEX) },
      { weight: 1, arbitrary: fc.constantFrom('-', ' ', 'g', 'G', 'x', '\u00e9', '<', '>') },
    );
    const uuidish = fc.oneof(
      fc.array(piece, { minLength: 30, maxLength: 38 }).map((p) => p.join('')),
      fc.uuid().map((u) => u),
      fc.uuid().map((u) => u.toUpperCase()),
      fc.uuid().map((u) => u.replace(/-/g, '')),
      fc.uuid().map((u) => u.replace(/-/g, '').toUpperCase()),
    );
    fc.assert(fc.property(fc.string({ maxLength: 4 }), uuidish, fc.string({ maxLength: 4 }), (before, u, after) => {
      const s = `${before}${u}${after}`;
      expect(uuidBetween(s, before.length, before.length + u.length)).toBe(normalizeUuid(u));
    }), { numRuns: 5000 });
  });

  it('parseImageLine', () => {
    const addr = fc.oneof(hexDigits(1, 9), hexDigits(12, 18), fc.constantFrom('0', 'ffffffffffffffff', '00007fff20306000')).map((d) => `0x${d}`);
    const name = fc.constantFrom('dyld', 'libsystem_kernel.dylib', 'com.apple.AppKit', '+com.example.App', '+Name', '???', 'Google Chrome Framework', 'a.b.c', 'x-y.z.w', 'MyApp', '');
    const arch = fc.constantFrom('', ' arm64', ' arm64e', ' ARM64', ' x86_64h', ' arm64_32', ' ARM64_32', ' ppc', ' PPC64', ' armv7s', ' i386', ' word');
    const version = fc.constantFrom('', ' (1.0 - 1)', ' (*)', ' (539)', ' (x86_64)', ' (ARMv7)', ' ()', ' (???)', ' (a (b) c)', ' (x86_64) ');
    const uuid = fc.oneof(
      fc.constantFrom('', ' <>', ' <???>', ' <123>'),
      fc.uuid().map((u) => ` <${u}>`),
      fc.uuid().map((u) => ` <${u.toUpperCase()}>`),
      fc.uuid().map((u) => ` <${u.replace(/-/g, '')}>`),
    );
    const path = fc.constantFrom('', ' /usr/lib/dyld', ' /System/Library/Frameworks/AppKit.framework/Versions/C/AppKit', ' ???', ' /Applications/My App.app/Contents/MacOS/My App', ' /x/com.apple.AppKit');
    const space = fc.constantFrom(' ', '  ', '\t', '       ');
    const line = fc.tuple(space, addr, fc.constantFrom(' - ', '-', ' -  '), addr, space, name, arch, version, uuid, path, fc.constantFrom('', ' ', '\t'))
      .map((p) => p.join(''));
    fc.assert(fc.property(line, (l) => {
      expect(parseImageLine(l)).toEqual(referenceImageLine(l));
    }), { numRuns: 5000 });
    const pseudo = '0x0 - 0xffffffffffffffff ???';
    expect(parseImageLine(pseudo)).toBe(null);
    expect(referenceImageLine(pseudo)).toBe(null);
  });
});

// ---- reference formulations (the code before the hand scans) ----

const ARCHES = new Set(['arm64', 'arm64e', 'arm64_32', 'armv6', 'armv7', 'armv7s', 'armv7k', 'armv8', 'x86_64', 'x86_64h', 'i386', 'ppc', 'ppc64']);
const RANGE = /^\s*(0x[0-9a-fA-F]{1,16})\s*-\s*(0x[0-9a-fA-F]{1,16})\s/;

function referenceImageLine(line: string): BinaryImage | null | undefined {
  const m = RANGE.exec(line);
  if (!m?.[1] || !m[2]) return undefined;
  const start = BigInt(m[1]);
  const end = BigInt(m[2]);
  const img: BinaryImage = { base: start };
  if (end >= start) img.size = end - start + 1n;
  let rest = line.slice(m[0].length).trim();
  const lt = rest.indexOf('<');
  const gt = lt >= 0 ? rest.indexOf('>', lt) : -1;
  let path: string | undefined;
  if (lt >= 0 && gt > lt) {
    const uuid = normalizeUuid(rest.slice(lt + 1, gt));
    if (uuid) img.uuid = uuid;
    path = rest.slice(gt + 1).trim();
    rest = rest.slice(0, lt).trim();
  } else {
    const slash = rest.indexOf(' /');
    if (slash >= 0) {
      path = rest.slice(slash + 1).trim();
      rest = rest.slice(0, slash).trim();
    }
  }
  if (path && path !== '???') img.path = path;
  if (rest.startsWith('+')) {
    img.apple = false;
    rest = rest.slice(1).trim();
  }
  if (rest.endsWith(')')) {
    let depth = 0;
    let open = -1;
    for (let i = rest.length - 1; i >= 0; i--) {
      if (rest[i] === ')') depth++;
      else if (rest[i] === '(' && --depth === 0) {
        open = i;
        break;
      }
    }
    if (open >= 0) {
      const inner = rest.slice(open + 1, -1).trim();
      rest = rest.slice(0, open).trim();
      if (ARCHES.has(inner.toLowerCase())) img.arch = normalizeArch(inner);
      else if (inner !== '*' && inner !== '' && inner !== '???') img.version = inner;
    }
  }
  const lastSpace = rest.lastIndexOf(' ');
  if (lastSpace > 0) {
    const word = rest.slice(lastSpace + 1);
    if (ARCHES.has(word.toLowerCase())) {
      img.arch = normalizeArch(word);
      rest = rest.slice(0, lastSpace).trim();
    }
  }
  const base = (p: string): string => p.slice(p.lastIndexOf('/') + 1);
  const name = rest || (img.path ? base(img.path) : '');
  if (name === '???' && start === 0n && end === 0xffffffffffffffffn) return null;
  if (name && name !== '???') img.name = name;
  if (img.name && img.path && base(img.path) !== img.name && /^[A-Za-z][\w-]*(\.[\w-]+){2,}$/.test(img.name)) img.bundleId = img.name;
  return img;
}
