import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { BinaryImage } from '../../../src/model/report.js';
import { normalizeUuid } from '../../../src/model/uuid.js';
import { normalizeArch } from '../../../src/ingest/ips/platform.js';
import { isImageLine, knownUuidCount, MAX_UUIDS, parseImageLine, uuidBetween } from '../../../src/ingest/crash-text/binary-images.js';
import { hexBigInt, hexNumber, splitLines } from '../../../src/ingest/crash-text/chars.js';
import { applySymbol, cleanSwiftArtifacts, frameLoadAddress, parseFrameLine, readFrameLine, type ParsedFrameLine } from '../../../src/ingest/crash-text/frame-line.js';
import type { Frame } from '../../../src/model/report.js';
import { linkFrames } from '../../../src/ingest/crash-text/link-images.js';
import { isLabel, splitLabel } from '../../../src/ingest/crash-text/label.js';
import { parseThreadHeader } from '../../../src/ingest/crash-text/threads.js';
import { parseStateHeader, readRegisterRow } from '../../../src/ingest/crash-text/thread-state.js';
import { baseName } from '../../../src/ingest/crash-text/binary-images.js';
import { isQuoted, prepareLines, sourceLines } from '../../../src/ingest/crash-text/preface.js';
import { BINARY_SPINDUMP, classifyTextReport, type TextKind } from '../../../src/ingest/crash-text/text-kind.js';
import { classifyReporterText, type ReporterText } from '../../../src/ingest/crash-text/reporter-text.js';
import { expandCollapsed, looksCollapsed, MIN_COLLAPSED_LENGTH } from '../../../src/ingest/crash-text/collapsed.js';
import { MAX_LINE_LENGTH, MAX_LINES } from '../../../src/ingest/crash-text/limits.js';
import { hasHtmlWrapper } from '../../../src/ingest/unwrap-paste.js';

/**
 * The crash-text line readers read numbers, UUIDs and columns by hand where they used BigInt() on
 * slices, regex replaces and whole-line trims. These properties hold them to the plain formulations
 * they replaced (kept below as the reference), on lines built from the shapes real reports print.
 */

const HEX = [...'0123456789abcdefABCDEF'];
const hexDigits = (min: number, max: number) => fc.array(fc.constantFrom(...HEX), { minLength: min, maxLength: max }).map((d) => d.join(''));

/** linkFrames links copies of `frames` to `imgs` exactly as the reference does. */
function linksLikeReference(imgs: BinaryImage[], frames: Frame[]): void {
  const a = structuredClone(frames);
  const b = structuredClone(frames);
  linkFrames(a, imgs);
  referenceLink(b, imgs);
  expect(a).toEqual(b);
  expect(a.map((f) => Object.keys(f))).toEqual(b.map((f) => Object.keys(f)));
}

/** The same frame, with its fields in the same order (JSON output lists them in the order they were set). */
function sameFrameLine(got: ParsedFrameLine | undefined, want: ParsedFrameLine | undefined): void {
  expect(got).toEqual(want);
  expect(Object.keys(got?.frame ?? {})).toEqual(Object.keys(want?.frame ?? {}));
}

/**
 * The crash reader's readFrameLine (source line given, commonest frames made by one literal) gives
 * the reference frame with the source line set last, as the reader set it, and its load address.
 */
function readsLikeReference(l: string): void {
  const want = referenceFrameLine(l);
  const got = readFrameLine(l, l.length - l.trimStart().length, 41);
  if (!want) {
    expect(got).toBeUndefined();
    return;
  }
  want.frame.sourceLine = 41;
  expect(got).toEqual(want.frame);
  expect(Object.keys(got ?? {})).toEqual(Object.keys(want.frame));
  expect(frameLoadAddress()).toBe(want.loadAddress);
}

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
      // Read again, the spelling is answered from the remembered ones: the same answer.
      expect(uuidBetween(`#${s}`, before.length + 1, before.length + 1 + u.length)).toBe(normalizeUuid(u));
    }), { numRuns: 5000 });
  });

  it('uuidBetween remembers a bounded number of spellings', () => {
    for (let i = 0; i < 10_000; i++) {
      const hex = i.toString(16).padStart(32, 'a');
      expect(uuidBetween(`<${hex}>`, 1, 33)).toBe(normalizeUuid(hex));
      expect(knownUuidCount()).toBeLessThanOrEqual(MAX_UUIDS);
    }
    // Spellings spread over every bucket (their first digits differ), more than the table holds.
    for (let i = 0; i < 2 * MAX_UUIDS; i++) {
      const hex = `${(i * 2654435761 >>> 0).toString(16).padStart(8, '0')}${i.toString(16).padStart(24, '0')}`;
      expect(uuidBetween(` <${hex}> `, 2, 34)).toBe(normalizeUuid(hex));
    }
    expect(knownUuidCount()).toBeLessThanOrEqual(MAX_UUIDS);
    expect(knownUuidCount()).toBeGreaterThan(MAX_UUIDS / 2);
  });

  it('uuidBetween: spellings sharing a bucket (same first digits), read in turn, in either case, in non-ASCII lines', () => {
    // Up to 8 spellings with the same first three digits (one bucket holds 4): each read gives normalizeUuid.
    const tail = fc.array(fc.constantFrom(...HEX), { minLength: 29, maxLength: 29 }).map((d) => d.join(''));
    const spelling = fc.tuple(fc.constantFrom('abc', 'ABC', '012', 'fff'), tail, fc.boolean(), fc.boolean()).map(([p, t, dashed, upper]) => {
      const hex = `${p}${t}`;
      const s = dashed ? `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}` : hex;
      return upper ? s.toUpperCase() : s;
    });
    const around = fc.constantFrom('', ' ', '\u00e9', '\u00a0', 'x\u2028');
    fc.assert(fc.property(fc.array(spelling, { minLength: 1, maxLength: 8 }), fc.array(fc.nat(), { minLength: 1, maxLength: 40 }), around, around, (spellings, order, before, after) => {
      for (const i of order) {
        const u = spellings[i % spellings.length] as string;
        expect(uuidBetween(`${before}<${u}>${after}`, before.length + 1, before.length + 1 + u.length)).toBe(normalizeUuid(u));
      }
    }), { numRuns: 1000 });
  });

  it('parseImageLine', () => {
    const addr = fc.oneof(hexDigits(1, 9), hexDigits(12, 18), fc.constantFrom('0', 'ffffffffffffffff', '00007fff20306000')).map((d) => `0x${d}`);
    const name = fc.constantFrom('dyld', 'libsystem_kernel.dylib', 'com.apple.AppKit', '+com.example.App', '+Name', '???', 'Google Chrome Framework', 'a.b.c', 'x-y.z.w', 'MyApp', '',
      'App\tarm64', 'Some Long Name x86_64h', 'com.x.y.z', '+ com.example.App', 'AppKit', 'x.y');
    // Every architecture name as reports spell it (read by a first-character and length test, then one
    // lookup), other spellings of them, and words that share a first character or a length with them.
    const arch = fc.constantFrom('', ' armv7\u212a', ' arm64', ' arm64e', ' ARM64', ' x86_64h', ' arm64_32', ' ARM64_32', ' ppc', ' PPC64', ' armv7s', ' i386', ' word',
      ' armv6', ' armv7', ' armv7k', ' armv8', ' x86_64', ' ppc64', ' Arm64', ' arm', ' arm64f', ' x86_64hh', ' i38', ' ia64', ' ppc6', ' axxxx');
    const version = fc.constantFrom('', ' (1.0 - 1)', ' (*)', ' (539)', ' (x86_64)', ' (ARMv7)', ' ()', ' (???)', ' (a (b) c)', ' (x86_64) ', ' (arm64e)', ' (i386)', ' (armv7k)');
    const uuid = fc.oneof(
      fc.constantFrom('', ' <>', ' <???>', ' <123>'),
      fc.uuid().map((u) => ` <${u}>`),
      fc.uuid().map((u) => ` <${u.toUpperCase()}>`),
      fc.uuid().map((u) => ` <${u.replace(/-/g, '')}>`),
    );
    const path = fc.constantFrom('', ' /usr/lib/dyld', ' /System/Library/Frameworks/AppKit.framework/Versions/C/AppKit', ' ???', ' /Applications/My App.app/Contents/MacOS/My App', ' /x/com.apple.AppKit',
      ' /x/com.x.y.z', ' /com.x.y.z', ' /a/xcom.x.y.z', ' /a.b.c/d');
    const space = fc.constantFrom(' ', '  ', '\t', '       ');
    const line = fc.tuple(space, addr, fc.constantFrom(' - ', '-', ' -  '), addr, space, name, arch, version, uuid, path, fc.constantFrom('', ' ', '\t'))
      .map((p) => p.join(''));
    fc.assert(fc.property(line, (l) => {
      const got = parseImageLine(l);
      const want = referenceImageLine(l);
      expect(got).toEqual(want);
      // The JSON output lists an image's fields in the order they were set: that order is kept too.
      if (got && want) expect(Object.keys(got)).toEqual(Object.keys(want));
      // The crash reader passes where the leading white space ends: the same image.
      expect(parseImageLine(l, l.length - l.trimStart().length)).toEqual(want);
    }), { numRuns: 5000 });
    // Lines with non-ASCII units (read on a byte copy where every such unit is 128, or 11 for white space,
    // so none may pass for an ASCII character), a bundle id whose path differs only by such a unit, and
    // lines longer than the reader's buffer.
    const wideSpace = fc.constantFrom(' ', '\u00a0', '\u2028', '\u3000', '\ufeff', '\t', '\u000b');
    const wideName = fc.constantFrom('Caf\u00e9', 'com.apple.Caf\u00e9', 'com.x.y', 'com.x.y\u00e9', '\u00e9.x.y', 'a\u00a0b', 'x86_64\u212a', '\u212aarm64', 'arm64', '+\u00a0com.x.y', '???',
      'App\u00a0arm64', 'App\u3000x86_64', 'com.x\u00e9y', 'App ARMV7\u212a', 'App arm64\u0130', 'App x86_64H', 'App PPC', 'App armV7S');
    const widePath = fc.constantFrom('/p/com.x.y', '/p/com.x.\u00fd', '/p\u00e9/com.x.y', '\u00e9com.x.y', '/p/Caf\u00e9', '???', '/x/y', '/a b/c\u2028d');
    const long = fc.constantFrom('', 'x'.repeat(1100), 'y'.repeat(9000));
    const wideLine = fc.tuple(wideSpace, addr, fc.constantFrom(' - ', '-', '\u00a0-\u00a0'), addr, wideSpace, wideName, arch, version, uuid, wideSpace, widePath, long, fc.constantFrom('', ' ', '\u00a0'))
      .map((p) => p.join(''));
    fc.assert(fc.property(wideLine, (l) => {
      const got = parseImageLine(l);
      const want = referenceImageLine(l);
      expect(got).toEqual(want);
      if (got && want) expect(Object.keys(got)).toEqual(Object.keys(want));
      expect(isImageLine(l)).toBe(want !== undefined);
    }), { numRuns: 3000 });
    const pseudo = '0x0 - 0xffffffffffffffff ???';
    expect(parseImageLine(pseudo)).toBe(null);
    expect(referenceImageLine(pseudo)).toBe(null);
  });

  it('parseFrameLine', () => {
    const ws = fc.constantFrom('', ' ', '  ', '\t', '\u00a0', '\u2028');
    const num = fc.constantFrom('0', '7', '12', '000123', '999999', '1234567', 'x');
    const image = fc.constantFrom('', 'libsystem_kernel.dylib', 'Google Chrome Framework', '???', '...ome Framework', '0x12 image', 'a\u00a0b');
    const addr = fc.oneof(hexDigits(1, 18), fc.constantFrom('00007fff20306946', '0')).map((d) => `0x${d}`);
    const location = fc.constantFrom('', '0x100000000 + 4242', '0x0 + 1', '0x100000000 + 12 (foo + 4)', '__pthread_kill + 10', 'main (main.swift:12)',
      '-[A b:] + 4 (A.m:3:5)', 'f (in Image) (F.swift:1)', '???', 'specialized f+ 2154236 (_:_:) + 440', 'sym + 1234567890123', 'x + ', '0xZZ',
      'sym + 123456789012', 'sym + 0012', 'sym  + 4', 'a + b + 7', ' + 5', 'sym + 4x', 'sym + \u0664', 'sym\u00a0 + 9', 'f + 1 (F.c:0)',
      // The load form read by hand (scanLoadForm): its bounds, its separators and the KSCrash symbol after it.
      '0x1009a8000 + 194248', '0x1 + 5   (sym + 3)', '0x1 + 5\t( a + 1 )', '0x1 + 5 \u2028(x)', '0x1 + 5\u2028 (x)', '0x1 + 5 (x\u2028y)',
      '0x12345678901234567 + 1', '0x1234567890123456 + 1', '0xfffffffffffff + 3', '0x10000000000000 + 3', '0x1 + 123456789012345678901',
      '0x1 + 12345678901234567890', '0x1 +5', '0x1 + 5x', '0x1  + 5', '0x + 5', '0x1 + ', '0x1 + 5 ()', '0x1 + 5 (', '0x1 + 5 )', '0x1 + 5 x (y)',
      '0x00000000 + 4', '0xffffffffff + 4', '0xFFFFFFFFFFFFFFFF + 9 (s)');
    const line = fc.tuple(ws, num, ws, fc.constantFrom(' ', '\t', '   '), image, ws, fc.constantFrom(' ', '\t', '\t '), addr, fc.constantFrom('', ' ', '  '), location, ws)
      .map((p) => p.join(''));
    fc.assert(fc.property(line, (l) => sameFrameLine(parseFrameLine(l), referenceFrameLine(l))), { numRuns: 5000 });
    fc.assert(fc.property(line, readsLikeReference), { numRuns: 5000 });
  });

  it('parseFrameLine reads a symbol location in place as the reference reads its slice', () => {
    // Locations built from the pieces applySymbol's test uses: the in-place reading of "<symbol> + <offset>" and its bounds.
    const piece = fc.constantFrom('sym', ' + ', '+ ', ' +', '12', '1234567890123', '0', ' (', '(', ')', 'F.swift:12', ':3', 'in Image',
      ' ', '\t', '\u00a0', '???', 'x', ':', '\u0664', 'f+ 2154236 (_:_:)', '+');
    const line = fc.array(piece, { maxLength: 8 }).map((p) => `3   App\t0x1000 ${p.join('')}`);
    fc.assert(fc.property(line, (l) => sameFrameLine(parseFrameLine(l), referenceFrameLine(l))), { numRuns: 6000 });
    fc.assert(fc.property(line, readsLikeReference), { numRuns: 6000 });
  });

  it('applySymbol reads what the slice-and-search formulation reads', () => {
    const piece = fc.constantFrom('sym', ' + ', '+ ', ' +', '12', '1234567890123', '0', ' (', '(', ')', 'F.swift:12', ':3', 'in Image', 'in ',
      ' ', '\t', '\u00a0', '???', 'x', ':', '\u0664', 'f+ 2154236 (_:_:)');
    fc.assert(fc.property(fc.array(piece, { maxLength: 10 }).map((p) => p.join('')), (loc) => {
      const a: Frame = { index: 0 };
      const b: Frame = { index: 0 };
      applySymbol(a, loc);
      referenceSymbol(b, loc);
      expect(a).toEqual(b);
    }), { numRuns: 6000 });
  });

  it('classifyTextReport', () => {
    const heads = ['Spindump binary format', 'Data Source:   Microstackshots', 'Data Source: Stackshots', 'Report Version: 29', 'Heavy format: yes',
      'Event: wakeups', 'Action taken: none', 'Command: x', 'Exception Type: EXC', 'crashed Thread: 1', 'Thread 3 Crashed:', 'reason: a STACKSHOT',
      'Exception Code: 0xBAAAAAAD', 'EXCEPTION CODE: 0xbaaaaaad', 'Triggered by Thread: 2', '0  foo 0x1 bar', '  0x1 - 0x2 x', 'Process: y', ''];
    const ws = fc.constantFrom('', ' ', '\t', '\u00a0', '\u3000');
    const lines = fc.array(fc.tuple(ws, fc.constantFrom(...heads), ws).map((p) => p.join('')), { maxLength: 90 });
    fc.assert(fc.property(lines, (ls) => {
      expect(classifyTextReport(ls)).toBe(referenceTextKind(ls));
    }), { numRuns: 4000 });
  });

  it('linkFrames', () => {
    const names = ['', 'Foo', 'libFoo.dylib', 'com.example.Foo', 'Google Chrome Framework', 'Chrome Framework', 'dyld'];
    const pick = (xs: string[]) => fc.constantFrom(...xs).map((x) => (x === '' ? undefined : x));
    const image = fc.record({
      name: pick(names), bundleId: pick(['', 'com.example.Foo', 'com.apple.x']),
      path: pick(['', '/usr/lib/dyld', '/x/Foo', '/x/libFoo.dylib', '/A/Google Chrome Framework', 'Foo', '/', '/x/Chrome Framework']),
      base: fc.integer({ min: 0, max: 20 }), size: fc.integer({ min: 1, max: 6 }),
    }).map(({ name, bundleId, path, base, size }) => {
      const img: BinaryImage = { base: BigInt(base * 4), size: BigInt(size) };
      if (path) img.path = path;
      if (name) img.name = name;
      if (bundleId) img.bundleId = bundleId;
      return img;
    });
    const frame = fc.record({ image: pick([...names, '...rome Framework', '...Framework', '...x', '...ple.x']), address: fc.integer({ min: 0, max: 90 }) })
      .map(({ image, address }) => {
        const f: Frame = { index: 0, address: BigInt(address) };
        if (image) f.image = image;
        return f;
      });
    fc.assert(fc.property(fc.array(image, { maxLength: 12 }), fc.array(frame, { maxLength: 12 }), linksLikeReference), { numRuns: 4000 });
  });

  it('linkFrames with many distinct image names (names compared first, then indexed in a map)', () => {
    const name = fc.integer({ min: 0, max: 80 }).map((n) => `lib${n}`);
    const image = fc.record({ name: fc.option(name, { nil: undefined }), bundleId: fc.option(name.map((n) => `com.x.${n}`), { nil: undefined }),
      path: fc.option(name.map((n) => `/p/${n}`), { nil: undefined }), base: fc.integer({ min: 0, max: 200 }) })
      .map(({ name, bundleId, path, base }) => {
        const img: BinaryImage = { base: BigInt(base * 4), size: 4n };
        if (path) img.path = path;
        if (name) img.name = name;
        if (bundleId) img.bundleId = bundleId;
        return img;
      });
    const frame = fc.record({ image: fc.option(fc.oneof(name, name.map((n) => `com.x.${n}`)), { nil: undefined }), address: fc.integer({ min: 0, max: 900 }) })
      .map(({ image, address }) => {
        const f: Frame = { index: 0, address: BigInt(address) };
        if (image) f.image = image;
        return f;
      });
    fc.assert(fc.property(fc.array(image, { maxLength: 90 }), fc.array(frame, { maxLength: 120 }), linksLikeReference), { numRuns: 1500 });
  });

  it('isLabel is the label pattern', () => {
    const ch = fc.constantFrom(...'aZ09 /()_.-:[]\t\u00e9\u212a#'.split(''));
    fc.assert(fc.property(fc.array(ch, { maxLength: 12 }).map((c) => c.join('')), (l) => {
      expect(isLabel(l)).toBe(/^[A-Za-z][A-Za-z0-9 /()_.-]*$/.test(l));
    }), { numRuns: 5000 });
  });

  it('readRegisterRow keys and values', () => {
    const name = fc.constantFrom('rax', 'RIP', 'x0', 'X28', 'cpsr', 'Fp', 'esr', 'r10', 'trap', 'a1234567', '9x', '_x');
    const value = fc.oneof(hexDigits(1, 18).map((d) => `0x${d}`), fc.constantFrom('0x', '0xZ', '<unavailable>', '0x12_', '0x1 (Breakpoint) brk 1'));
    const row = fc.array(fc.tuple(fc.constantFrom('', ' ', '  '), name, fc.constantFrom(':', ': ', ':   '), value), { maxLength: 5 })
      .map((ps) => ps.map((p) => p.join('')).join(' '));
    // Rows are read untrimmed (parse-crash.ts): white space around them must not change what is read.
    const ws = fc.constantFrom('', '   ', '\t', '\u00a0', '\u2028');
    fc.assert(fc.property(fc.tuple(ws, row, ws).map((p) => p.join('')), (r) => {
      const got: Record<string, bigint> = {};
      const n = readRegisterRow(r, got);
      const want: Record<string, bigint> = {};
      let m = 0;
      for (const x of r.matchAll(/([A-Za-z][A-Za-z0-9]{0,7}):\s*(0x[0-9a-fA-F]{1,16})\b/g)) {
        want[(x[1] as string).toLowerCase()] = BigInt(x[2] as string);
        m++;
      }
      m += [...r.matchAll(/[A-Za-z][A-Za-z0-9]{0,7}:\s*<unavailable>/g)].length;
      expect(got).toEqual(want);
      expect(n).toBe(m);
    }), { numRuns: 4000 });
  });

  it('splitLabel is the trim-and-slice formulation', () => {
    const piece = fc.constantFrom('Process', 'Date/Time', 'A', 'x1', ':', '::', ' ', '  ', '\t', '\u00a0', '\u2028', 'value', '[12]', '#', '\u00e9',
      'a'.repeat(47), 'b'.repeat(48));
    fc.assert(fc.property(fc.array(piece, { maxLength: 8 }).map((p) => p.join('')), (l) => {
      const s = l.trimStart();
      const colon = s.indexOf(':');
      const label = s.slice(0, Math.max(0, colon)).trimEnd();
      const want = colon <= 0 || colon > 48 || !/^[A-Za-z][A-Za-z0-9 /()_.-]*$/.test(label) ? undefined : { label, value: s.slice(colon + 1).trim() };
      expect(splitLabel(l)).toEqual(want);
    }), { numRuns: 5000 });
  });

  it('parseThreadHeader: the first-word test keeps what the search for "Thread " kept', () => {
    const piece = fc.constantFrom('Thread ', 'Thread', '0', '12', ' Crashed', ' Attributed', ':', '::', ' name:', ' Dispatch queue: q', ' ', '\t',
      '\u00a0', '\u2028', 'x', 'A Thread ');
    fc.assert(fc.property(fc.array(piece, { maxLength: 8 }).map((p) => p.join('')), (l) => {
      expect(parseThreadHeader(l)).toEqual(referenceThreadHeader(l));
    }), { numRuns: 5000 });
  });

  it('parseStateHeader reads a line as it reads the line trimmed', () => {
    const piece = fc.constantFrom('Thread ', '0', '12', ' crashed with ', 'ARM', 'X86-64', ' Thread State', ' (64-bit)', ' (32-bit)', ':', '::',
      'Crashed ', 'Thread State:', ' ', '\t', '\u00a0', '\u2028', 'x');
    fc.assert(fc.property(fc.array(piece, { maxLength: 9 }).map((p) => p.join('')), (l) => {
      expect(parseStateHeader(l)).toEqual(parseStateHeader(l.trim()));
    }), { numRuns: 5000 });
  });

  it('classifyReporterText', () => {
    const heads = ['Exception Type: EXC', 'Incident Identifier: x', 'Thread 0 Crashed:', 'Thread 12:', 'Crashed: com.x', 'Fatal Exception: NSX',
      'Non-fatal Exception: NSY', 'Application received signal SIGSEGV', 'dSYM UUID: 1', '#0 Thread', '#12 Thread  ', 'Crashed Thread: 1',
      'Triggered by Thread: 0', '0  foo 0x1 bar', 'x dSYM UUID: 2', 'Fatal Exception:', ''];
    const ws = fc.constantFrom('', ' ', '\t', '\u00a0', '\u3000');
    const lines = fc.array(fc.tuple(ws, fc.constantFrom(...heads), ws).map((p) => p.join('')), { maxLength: 70 });
    fc.assert(fc.property(lines, (ls) => {
      expect(classifyReporterText(ls)).toBe(referenceReporter(ls));
    }), { numRuns: 4000 });
  });

  it('prepareLines and its quote test', () => {
    const lines = [
      '', '  ', '\t', '\u00a0', 'Full Report', '## Full Report', '  #Full Report  ', 'Full Report here', 'x Full Report',
      'Full\u00a0Report', 'Translated Report (Full Report Below)', '  Translated Report (Full\u00a0Report Below) x', '-----', '  ------ ',
      '----- x', '\u00a0-----', '> quoted', ' >> x', '\u3000> y', '>', '{"bug_type":"309"}', ' { } ', 'Process: App [1]',
      'Thread 0 Crashed:', '0   libfoo.dylib   0x1 0x0 + 1', '  0x1 - 0x2 foo <00000000000000000000000000000000> /x',
    ];
    const text = fc.array(fc.oneof(
      { weight: 6, arbitrary: fc.constantFrom(...lines) },
      { weight: 1, arbitrary: fc.string({ maxLength: 10 }) },
    ), { maxLength: 40 }).map((ls) => ls.join('\n'));
    fc.assert(fc.property(text, (t) => {
      const p = prepareLines(t);
      expect({ lines: sourceLines(p), warnings: p.warnings, collapsed: p.collapsed }).toEqual(referencePrepare(t));
      expect(p.firsts).toEqual(p.texts.map((l) => l.length - l.trimStart().length));
      expect(p.lineNos.length).toBe(p.texts.length);
      for (const l of splitLines(t)) expect(isQuoted(l)).toBe(/^\s*(?:>\s?)+/.test(l));
    }), { numRuns: 4000 });
  });

  it('prepareLines on quoted text: the counts over every line, the second reading with the markers stripped', () => {
    // Mostly quoted lines, so the half-quoted threshold falls either way, with "Full Report" lines
    // (which end the kept lines but not the counting) before and after the quoted ones.
    const quote = fc.constantFrom('> ', '>', ' > ', '>> ', '\t>', '> > ', '\u00a0> ');
    const body = fc.constantFrom('Full Report', '## Full Report', '-----', 'Process: App [1]', '', '  ', '{"a":1}', 'Thread 0 Crashed:',
      'Translated Report (Full Report Below)', '0   libfoo.dylib   0x1 0x0 + 1', 'text');
    const line = fc.oneof({ weight: 3, arbitrary: fc.tuple(quote, body).map((p) => p.join('')) }, { weight: 2, arbitrary: body });
    fc.assert(fc.property(fc.array(line, { maxLength: 30 }).map((ls) => ls.join('\n')), (t) => {
      const p = prepareLines(t);
      expect({ lines: sourceLines(p), warnings: p.warnings, collapsed: p.collapsed }).toEqual(referencePrepare(t));
      expect(p.firsts).toEqual(p.texts.map((l) => l.length - l.trimStart().length));
    }), { numRuns: 4000 });
  });

  it('prepareLines: where each line\'s white space ends, also on lines cut at the length bound and on collapsed reports', () => {
    // Indentation around the cut: a line cut inside its indentation is blank, one cut after it is not.
    const indent = fc.integer({ min: MAX_LINE_LENGTH - 3, max: MAX_LINE_LENGTH + 3 });
    const line = fc.oneof(
      fc.tuple(indent, fc.constantFrom('x', '\u00a0x', ' ')).map(([n, rest]) => ' '.repeat(n) + rest),
      fc.constantFrom('  0x1 - 0x2 foo <00000000000000000000000000000000> /x', '', '\t> quoted', 'Process: App [1]'),
      // A report whose line breaks became spaces: rebuilt into lines from its labels.
      fc.constant(`Process: App [1] Identifier: com.x Version: 1.0 Code Type: ARM-64 Exception Type: EXC_CRASH ${'Thread 0 Crashed: 0 libfoo.dylib 0x1 f + 1 '.repeat(12)}`),
    );
    fc.assert(fc.property(fc.array(line, { maxLength: 8 }).map((ls) => ls.join('\n')), (t) => {
      const p = prepareLines(t);
      expect(p.firsts).toEqual(p.texts.map((l) => l.length - l.trimStart().length));
    }), { numRuns: 300 });
  });

  it('hasHtmlWrapper is the regex /<(?:pre|br|\/?code)/i', () => {
    const piece = fc.constantFrom('<', '/', 'pre', 'PRE', 'Pr', 'br', 'bR', 'code', 'CoDe', 'cod', '<<', '</', 'x', ' ', '\u212a', '\u0130', 'ſ', '>');
    fc.assert(fc.property(fc.array(piece, { maxLength: 20 }).map((p) => p.join('')), (t) => {
      expect(hasHtmlWrapper(t)).toBe(/<(?:pre|br|\/?code)/i.test(t));
    }), { numRuns: 5000 });
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

function referencePrepare(text: string): { lines: { text: string; line: number }[]; warnings: string[]; collapsed: boolean } {
  const QUOTE = /^\s*(?:>\s?)+/;
  const warnings: string[] = [];
  const raw = splitLines(text);
  if (raw.length > MAX_LINES) {
    warnings.push(`only the first ${MAX_LINES} of ${raw.length} lines were read`);
    raw.length = MAX_LINES;
  }
  const quoted = raw.filter((l) => QUOTE.test(l)).length;
  const stripQuotes = quoted > 0 && quoted >= raw.filter((l) => l.trim() !== '').length / 2;
  const lines: { text: string; line: number }[] = [];
  let longLines = 0;
  let collapsed = false;
  for (let i = 0; i < raw.length; i++) {
    let l = raw[i] as string;
    if (l.length > MAX_LINE_LENGTH * 64) l = l.slice(0, MAX_LINE_LENGTH * 64);
    if (stripQuotes) l = l.replace(QUOTE, '');
    l = l.replace(/\u00a0/g, ' ');
    if (/^\s*(?:#+\s*)?Full Report\s*$/.test(l)) break;
    if (/Translated Report \(Full Report Below\)/.test(l)) continue;
    if (/^\s*-{5,}\s*$/.test(l)) continue;
    if (lines.length === 0 && /^\s*\{.*\}\s*$/.test(l)) continue;
    if (l.length >= MIN_COLLAPSED_LENGTH && looksCollapsed(l)) {
      collapsed = true;
      for (const part of expandCollapsed(l)) lines.push({ text: part.length > MAX_LINE_LENGTH ? part.slice(0, MAX_LINE_LENGTH) : part, line: i + 1 });
      continue;
    }
    if (l.length > MAX_LINE_LENGTH) {
      longLines++;
      l = l.slice(0, MAX_LINE_LENGTH);
    }
    lines.push({ text: l, line: i + 1 });
  }
  if (longLines > 0) warnings.push(`${longLines} over-long line(s) were cut at ${MAX_LINE_LENGTH} characters`);
  if (collapsed) warnings.push('the report had lost its line breaks; lines were rebuilt from the field labels');
  return { lines, warnings, collapsed };
}

function referenceFrameLine(line: string): ParsedFrameLine | undefined {
  const head = /^\s*(\d{1,6})\s+/.exec(line);
  if (!head?.[1]) return undefined;
  const restStart = head[0].length;
  const col = /(?:^|\s)(0x[0-9a-fA-F]{1,16})(?=\s|$)/.exec(line.slice(restStart));
  if (!col?.[1]) return undefined;
  const at = restStart + col.index + col[0].length - col[1].length;
  const end = at + col[1].length;
  const frame: Frame = { index: Number(head[1]) };
  const image = line.slice(restStart, at).trim();
  if (image && image !== '???') frame.image = image;
  frame.address = BigInt(line.slice(at, end));
  const location = line.slice(end).trim();
  const out: ParsedFrameLine = { frame };
  const load = /^(0x[0-9a-fA-F]{1,16}) \+ (\d{1,20})(?:\s+(.*))?$/.exec(location);
  if (load?.[1] && load[2]) {
    const base = BigInt(load[1]);
    if (base !== 0n && frame.address >= base) {
      out.loadAddress = base;
      frame.imageOffset = frame.address - base;
    }
    const extra = load[3]?.trim();
    if (extra && extra.startsWith('(') && extra.endsWith(')')) referenceSymbol(frame, extra.slice(1, -1));
    return out;
  }
  if (location && location !== '???') referenceSymbol(frame, location);
  return out;
}

function referenceTextKind(lines: string[]): TextKind {
  let dataSource = '';
  let reportVersion = '';
  let heavy = false;
  let event = false;
  let action = false;
  let command = false;
  let crashFields = false;
  let stackshotReason = false;
  for (const raw of lines.slice(0, 80)) {
    const t = raw.trim();
    if (BINARY_SPINDUMP.test(t)) return 'binary-spindump';
    if (t.startsWith('Data Source:')) dataSource = t.slice(12).trim();
    else if (t.startsWith('Report Version:')) reportVersion = t.slice(15).trim();
    else if (t.startsWith('Heavy format:')) heavy = true;
    else if (t.startsWith('Event:')) event = true;
    else if (t.startsWith('Action taken:')) action = true;
    else if (t.startsWith('Command:')) command = true;
    else if (/^(Exception Type|Crashed Thread|Triggered by Thread|Thread \d+ Crashed)/.test(t)) crashFields = true;
    else if (/^Reason:.*stackshot/i.test(t) || /^Exception Code:\s*0xbaaaaaad/i.test(t)) stackshotReason = true;
  }
  if (crashFields) return 'crash';
  if (/^Microstackshots/i.test(dataSource)) return 'microstackshot';
  if (heavy || (/^Stackshots/i.test(dataSource) && command) || (reportVersion === '29' && command)) return 'spindump';
  if (command && event && action) return 'microstackshot';
  if (stackshotReason) return 'stackshot';
  if ((command || /^Stackshots/i.test(dataSource)) && event) return 'spindump';
  return 'crash';
}

function referenceLink(frames: Frame[], images: BinaryImage[]): void {
  if (images.length === 0) return;
  const byName = new Map<string, BinaryImage>();
  const add = (key: string | undefined, img: BinaryImage): void => {
    if (key && !byName.has(key)) byName.set(key, img);
  };
  for (const img of images) {
    add(img.name, img);
    add(img.bundleId, img);
    if (img.path) add(baseName(img.path), img);
  }
  const elided = (name: string): BinaryImage | undefined => {
    if (!name.startsWith('...') || name.length < 8) return undefined;
    for (const [key, img] of byName) if (key.endsWith(name.slice(3))) return img;
    return undefined;
  };
  const sorted = images.filter((i) => i.base !== undefined && i.size !== undefined).sort((a, b) => (a.base! < b.base! ? -1 : 1));
  for (const f of frames) {
    let img = f.image ? (byName.get(f.image) ?? elided(f.image)) : undefined;
    if (!img && f.address !== undefined) {
      let lo = 0;
      let hi = sorted.length - 1;
      while (lo <= hi) {
        const mid = (lo + hi) >> 1;
        const m = sorted[mid] as BinaryImage;
        if (f.address < m.base!) hi = mid - 1;
        else if (f.address >= m.base! + m.size!) lo = mid + 1;
        else {
          img = m;
          break;
        }
      }
    }
    if (!img) continue;
    if ((!f.image || f.image.startsWith('...')) && img.name) f.image = img.name;
    if (f.imageOffset === undefined && f.address !== undefined && img.base !== undefined && f.address >= img.base) {
      const off = f.address - img.base;
      if (img.size === undefined || off < img.size) f.imageOffset = off;
    }
  }
}

function referenceReporter(lines: string[]): ReporterText | undefined {
  let apple = false;
  let crashlytics = false;
  let umeng = false;
  let bugly = false;
  for (const raw of lines.slice(0, 60)) {
    const t = raw.trim();
    if (/^(Exception Type|Incident Identifier|Crashed Thread|Triggered by Thread|Thread \d{1,6}( Crashed)?:)/.test(t)) apple = true;
    else if (/^(Crashed|Fatal Exception|Non-fatal Exception): \S/.test(t)) crashlytics = true;
    else if (/^Application received signal (SIG[A-Z0-9]+)/.test(t) || /^dSYM UUID:/.test(t)) umeng = true;
    else if (/^#(\d{1,4}) Thread\s*$/.test(t)) bugly = true;
  }
  if (apple) return undefined;
  if (umeng || lines.some((l) => /^\s*dSYM UUID:/.test(l))) return 'umeng';
  if (bugly) return 'bugly';
  return crashlytics ? 'crashlytics' : undefined;
}

function referenceSymbol(frame: Frame, location: string): void {
  let s = location.trim();
  for (let i = 0; i < 2 && s.endsWith(')'); i++) {
    const open = s.lastIndexOf(' (');
    if (open < 0) break;
    const inner = s.slice(open + 2, -1);
    if (inner.startsWith('in ')) {
      s = s.slice(0, open).trimEnd();
      continue;
    }
    const fl = /^([^():]+):(\d{1,9})(?::(\d{1,9}))?$/.exec(inner);
    if (!fl?.[1] || !fl[2]) break;
    frame.file = fl[1];
    const lineNo = Number(fl[2]);
    if (lineNo > 0) frame.line = lineNo;
    if (fl[3]) frame.column = Number(fl[3]);
    s = s.slice(0, open).trimEnd();
  }
  const plus = s.lastIndexOf(' + ');
  if (plus > 0 && /^\d{1,12}$/.test(s.slice(plus + 3))) {
    frame.symbolOffset = Number(s.slice(plus + 3));
    s = s.slice(0, plus).trimEnd();
  }
  if (!s || s === '???') return;
  const clean = cleanSwiftArtifacts(s);
  frame.symbol = clean;
  if (clean !== s) frame.rawSymbol = s;
  frame.symbolSource = 'report';
}

/** parseThreadHeader as it was, with a search of the whole line for "Thread " before the patterns. */
function referenceThreadHeader(line: string): ReturnType<typeof parseThreadHeader> {
  if (!line.includes('Thread ')) return undefined;
  const nameOrQueue = (raw: string): { name?: string; queue?: string } => {
    const v = raw.trim();
    if (!v) return {};
    const q = /^Dispatch queue:\s*(.*)$/.exec(v);
    if (q) return q[1] ? { queue: q[1].trim() } : {};
    return { name: v };
  };
  const n = /^\s*Thread (\d{1,6}) name:\s*(.*)$/.exec(line);
  if (n?.[1] !== undefined) return { kind: 'name', index: Number(n[1]), ...nameOrQueue(n[2] ?? '') };
  const s = /^\s*Thread (\d{1,6})( Crashed| Attributed)?(::?)\s*(.*)$/.exec(line);
  if (s?.[1] === undefined) return undefined;
  const tail = (s[4] ?? '').trim();
  if (s[3] === ':' && tail !== '' && !tail.startsWith('Dispatch queue:')) return undefined;
  return { kind: 'start', index: Number(s[1]), crashed: s[2] === ' Crashed', ...nameOrQueue(tail) };
}
