import { describe, expect, it } from 'vitest';
import { parse, parseFile, repoFile } from './helpers.js';

describe('damaged and unusual .ips documents', () => {
  it('reads a truncated 309 body: what came before the cut, truncated flag, byte offset', () => {
    const r = parseFile('test/fixtures/ips/truncated-309.ips');
    expect(r.kind).toBe('crash');
    expect(r.truncated).toBe(true);
    expect(r.warnings[0]).toMatch(/^JSON body cut short at byte 5200 /);
    expect(r.process.name).toBe('Lumen');
    expect(r.exception?.type).toBe('EXC_BAD_ACCESS');
    expect(r.crashedThread).toBe(0);
  });

  it('recovers top-level keys written after corruption in the middle of a body', () => {
    const text = repoFile('samples/crash-macos-arm64.ips').replace('"deployVersion" : 210', '"deployVersion" : 2#10');
    const r = parse(text);
    expect(r.truncated).toBe(true);
    expect(r.warnings[0]).toMatch(/^JSON body damaged at byte \d+ \(expected ',' or '}'/);
    expect(r.process).toMatchObject({ name: 'Lumen', pid: 2417, path: '/Applications/Lumen.app/Contents/MacOS/Lumen' });
    expect(r.hardware.arch).toBe('arm64');
  });

  it('gives a header-only report the header facts and a warning', () => {
    const r = parseFile('test/fixtures/ips/header-only-309.ips');
    expect(r.kind).toBe('crash');
    expect(r.truncated).toBe(true);
    expect(r.warnings).toEqual(['header line only: the report body is missing']);
    expect(r.process).toMatchObject({ name: 'com.example.driver.SCSIController', version: '1.4.2 (142)' });
    expect(r.os).toMatchObject({ platform: 'macOS', build: '23F79' });
  });

  it('reports an unknown bug_type as kind other with the header facts, never a failure', () => {
    const r = parseFile('test/fixtures/ips/unknown-type.ips');
    expect(r.kind).toBe('other');
    expect(r.notes).toEqual(['unsupported type 777']);
    expect(r.process.name).toBe('thermalmonitord');
    expect(r.incident).toBe('0B5E7D21-9C4A-4F3E-8A61-2D7C90E4F5B8');
    expect(r.os.build).toBe('24D70');
  });

  it('sniffs a header-less, cut jetsam body from its keys', () => {
    const r = parseFile('test/fixtures/ips/headerless-jetsam-cut.json');
    expect(r.kind).toBe('jetsam');
    expect(r.source.bugType).toBeUndefined();
    expect(r.truncated).toBe(true);
    expect(r.jetsam?.killed?.[0]).toMatchObject({ name: 'Maps', pid: 4410, reason: 'vm-pageshortage', residentBytes: 91234 * 16384 });
    expect(r.hardware.model).toBe('iPhone15,3');
  });

  it('trusts the body over bug_type: a 309 header over a panic body is a panic', () => {
    const r = parse('{"bug_type":"309"}\n{"panicString":"panic(cpu 1 caller 0xfffffe0012345678): boom"}');
    expect(r.kind).toBe('panic');
    expect(r.panic?.message).toBe('boom');
  });

  it('keeps bounded text after the JSON body as a note', () => {
    const r = parse(`{"bug_type":"210"}\n{"panicString":"panic(cpu 0 caller 0x1): x"}\nModel: MacBookPro15,1\n${'Graphics: x\n'.repeat(1000)}`);
    const note = r.notes?.find((n) => n.startsWith('text after the JSON body'));
    expect(note).toMatch(/^text after the JSON body \(\d+ lines\):\nModel: MacBookPro15,1\n/);
    expect(note?.length).toBeLessThan(4300);
  });

  it('reads a compact one-line body without a header line', () => {
    const r = parse('{"procName":"tool","bug_type":"309","threads":[],"exception":{"type":"EXC_CRASH","signal":"SIGKILL"}}');
    expect(r.kind).toBe('crash');
    expect(r.source.bugType).toBe('309');
    expect(r.exception?.signal).toBe('SIGKILL');
  });

  it('reads 211 JSON lines one by one, a bad line costing only itself', () => {
    const r = parseFile('test/fixtures/ips/analytics-211.ips');
    expect(r.kind).toBe('other');
    expect(r.notes).toEqual([
      'not a crash: an analytics summary (bug_type 211), the periodic log of usage and diagnostic events a device collects for Apple; it records no crash, panic or hang',
      'JSON lines: 4 read, 1 unreadable',
      'events: com.apple.power.batteryhealth (2), <metadata> (1), com.apple.kernel.kextload (1)',
    ]);
    expect(r.warnings).toEqual(['JSON line 5 unreadable: unexpected end of text']);
  });

  it('never throws on garbage, binary noise or an empty string', () => {
    for (const text of ['', '{', '}', '{"bug_type":', '\u0000\u0001\u0002', '[1,2,3]', '{"bug_type":"309"}\n[', 'x'.repeat(10_000)]) {
      expect(() => parse(text)).not.toThrow();
    }
  });
});

describe('JSON arrays and non-fatal reports', () => {
  it('reads the first object of a body saved as a JSON array', () => {
    const r = parse('[{"procName":"a","threads":[],"exception":{"type":"EXC_CRASH"}},{"procName":"b"}]');
    expect(r.kind).toBe('crash');
    expect(r.process.name).toBe('a');
    expect(r.warnings).toEqual(['JSON array of 2 values: read the first object only']);
  });

  it('marks a non-fatal 309 report', () => {
    const r = parse('{"bug_type":"309"}\n{"procName":"a","isNonFatal":1,"threads":[],"exception":{"type":"EXC_GUARD"}}');
    expect(r.exception).toEqual({ type: 'EXC_GUARD', note: 'NON-FATAL CONDITION' });
  });
});

describe('JSON header over a legacy text body', () => {
  it('reads a 110 panic text body with the panic-text parser and keeps the ips source and header', () => {
    const r = parseFile('test/fixtures/ips/panic-110-text.ips');
    expect(r.kind).toBe('panic');
    expect(r.source).toMatchObject({ format: 'ips', bugType: '110', startLine: 1 });
    expect(r.source.header).toMatchObject({ incident_id: 'E3A90F4C-6B21-4D7E-8C05-A1F2B3C4D5E6' });
    expect(r.panic?.message).toMatch(/^Kernel trap at 0xffffff7f9c2d41a8, type 14=page fault/);
    expect(r.panic?.kexts[0]?.bundleId).toBe('com.example.driver.USBSerialBridge');
    expect(r.panic?.backtrace[0]?.sourceLine).toBe(17); // the first frame row, counted from the header line
    expect(r.incident).toBe('E3A90F4C-6B21-4D7E-8C05-A1F2B3C4D5E6');
    expect(r.os.build).toBe('18G103');
  });

  it('reads a 109 body with the crash-text parser and falls back to the bug_type for the kind', () => {
    const r = parseFile('test/fixtures/ips/crash-109-text.ips');
    expect(r.kind).toBe('crash');
    expect(r.source).toMatchObject({ format: 'ips', bugType: '109' });
    expect(r.process).toMatchObject({ name: 'Notely', pid: 2291, bundleId: 'com.notely.ios' });
    expect(r.incident).toBe('5C1E8A40-3D7B-4F92-A6E0-91B2C7D4F083');
    expect(r.exception?.type).toBe('EXC_BREAKPOINT');
    // Line numbers count from the header line, so evidence quotes point into the whole file.
    expect(r.threads[0]?.frames[0]).toMatchObject({ image: 'Notely', address: 0x1029f7e2cn, sourceLine: 31 });
  });

  it('gives 188 text bodies the stackshot kind from the bug_type', () => {
    const r = parse('{"os_version":"iPhone OS 7.1.2 (11D257)","bug_type":"188"}\nIncident Identifier: D1\nException Code:      0xbaaaaaad\nReason:              Manually triggered stackshot\n');
    expect(r.kind).toBe('stackshot');
    expect(r.source.bugType).toBe('188');
  });
});
