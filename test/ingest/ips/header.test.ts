import { describe, expect, it } from 'vitest';
import { parse } from './helpers.js';

const body = '{\n  "procName" : "demo",\n  "threads" : [],\n  "exception" : {"type":"EXC_CRASH"}\n}\n';

describe('ips header line', () => {
  it('normalises booleans, padded names, UUID case and platform numbers', () => {
    const header =
      '{"app_name":"demo       ","share_with_app_devs":true,"is_first_party":0,"bug_type":309,' +
      '"slice_uuid":"42fd89f7-30be-3ac5-a40a-4c1a99438dfb","incident_id":"30e65f26518c4112b000b45201a4afcd",' +
      '"platform":7,"os_version":"macOS 12.4 (21F79)","sroute_id":15}';
    const r = parse(`${header}\n${body}`);
    expect(r.source.bugType).toBe('309');
    expect(r.source.header).toMatchObject({
      app_name: 'demo',
      share_with_app_devs: true,
      is_first_party: false,
      slice_uuid: '42FD89F7-30BE-3AC5-A40A-4C1A99438DFB',
      incident_id: '30E65F26-518C-4112-B000-B45201A4AFCD',
      sroute_id: 15,
      bug_type: '309',
    });
    expect(r.incident).toBe('30E65F26-518C-4112-B000-B45201A4AFCD');
    expect(r.os).toMatchObject({ platform: 'iOS Simulator', version: '12.4', build: '21F79' });
  });

  it('maps OS names when no platform number is given', () => {
    const r = parse('{"bug_type":"210","os_version":"Bridge OS 2.4.1 (15P6703)"}\n{"panicString":"panic(cpu 0 caller 0x1): x"}');
    expect(r.os).toMatchObject({ platform: 'bridgeOS', version: '2.4.1', build: '15P6703' });
  });

  it('takes the process name, version and bundle id from the header when the body lacks them', () => {
    const r = parse(
      '{"name":"Demo","app_version":"1.0","build_version":"4","bundleID":"im.example.demo","bug_type":"309"}\n{"threads":[],"exception":{}}',
    );
    expect(r.process).toMatchObject({ name: 'Demo', version: '1.0 (4)', bundleId: 'im.example.demo' });
  });

  it('reads a damaged header line by key scan and still parses the body', () => {
    const r = parse('{"app_name":"demo","bug_type":"309","os_version":"macOS 14.5 (23F79)",\n' + body);
    expect(r.source.bugType).toBe('309');
    expect(r.kind).toBe('crash');
    expect(r.process.name).toBe('demo');
    expect(r.warnings.some((w) => w.startsWith('header line damaged'))).toBe(true);
  });
});
