import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { redactAnalysis, renderHtml, renderJson, renderMarkdown, renderText } from '../../src/report/index.js';
import { redactText } from '../../src/report/redact.js';
import { analyzeInputs } from '../helpers/analyses.js';
import { expectValidReportJson } from '../helpers/report-schema.js';
import { repoRoot, runCli } from '../helpers/run-cli.js';

const FIXTURE = 'test/fixtures/redact/personal-crash.crash';
/** Every personal value the fixture carries, in the places real reports carry them. */
const PERSONAL = [
  'jappleseed', // user name in Path, VM region and Binary Images paths, and in the e-mail address
  'Taxes2024', // a personal folder under ~/Documents
  'Family Photos', // an external volume
  'icloud.com',
  '192.168.1.23',
  'a4:83:e7:12:34:56',
  'C02XK1ABJGH5', // serial number
  '4C4C4544-0042-3510-8052-B4C04F4B4E31', // hardware UUID
  'Johnnys-MacBook-Pro',
  '5A1F0C2E9B7D3E4F8A6C1B0D9E2F7A3C5B8D4E6F', // CrashReporter Key
];

async function redactedFixture() {
  const analysis = await analyzeInputs([{ path: FIXTURE, bytes: new Uint8Array(readFileSync(`${repoRoot}${FIXTURE}`)) }]);
  return { analysis, redacted: redactAnalysis(analysis) };
}

describe('--redact', () => {
  it('leaves no personal field of a real-shaped report in any format, and keeps bundle id, OS build, symbols and binary UUIDs', async () => {
    const { analysis, redacted } = await redactedFixture();
    // The fixture does carry them: the test would mean nothing otherwise.
    const plain = renderJson(analysis);
    for (const p of PERSONAL.slice(0, 9)) expect(plain).toContain(p);
    const outputs = { text: renderText(redacted), md: renderMarkdown(redacted), json: renderJson(redacted), html: renderHtml(redacted) };
    for (const [format, out] of Object.entries(outputs)) {
      for (const p of PERSONAL) expect(out, `${format} shows ${p}`).not.toContain(p);
      expect(out, format).toContain('com.example.ledgerly');
      expect(out, format).toContain('22G720');
      expect(out, format).toContain('__NSFireDelayedPerform');
    }
    expect(outputs.json).toContain('"uuid": "');
    expect(JSON.stringify((JSON.parse(outputs.json) as { reports: { images: unknown[] }[] }).reports[0]?.images)).toBe(JSON.stringify((JSON.parse(plain) as { reports: { images: { path?: string }[] }[] }).reports[0]?.images.map((i) => ({ ...i, ...(i.path && { path: i.path.replace('jappleseed', '<user-1>').replace('Taxes2024', '<file-1>') }) }))));
    expectValidReportJson(outputs.json);
  });

  it('gives the same value the same placeholder everywhere, and lists the masked categories in every footer', async () => {
    const { redacted } = await redactedFixture();
    const r = redacted.reports[0];
    expect(r?.process.path).toBe('/Users/<user-1>/Documents/<file-1>/Ledgerly.app/Contents/MacOS/Ledgerly');
    expect(r?.applicationSpecific).toEqual([
      'sync failed: cannot open /Volumes/<volume-1>/2024/IMG_0042.HEIC for <email-1> via <ip-1> (<host-1>, en0 <mac-1>)',
      'last device: Serial Number: <serial-1>, Hardware UUID: <device-id-1>, host <host-2>',
    ]);
    expect(new Set(r?.images.map((i) => i.path).filter((p) => p?.startsWith('/Users/')).map((p) => p?.split('/')[2]))).toEqual(new Set(['<user-1>']));
    const categories = 'user names, host names, serial numbers, device identifiers, e-mail addresses, IP addresses, MAC addresses, personal file names, volume names';
    expect(redacted.redactions?.join(', ')).toBe(categories);
    expect(renderText(redacted)).toContain(`Redacted: ${categories}`);
    expect(renderMarkdown(redacted)).toContain(`Redacted for sharing: ${categories}.`);
    expect(renderHtml(redacted)).toContain(`Redacted for sharing: ${categories}.`);
    expect((JSON.parse(renderJson(redacted)) as { redactions: string[] }).redactions.join(', ')).toBe(categories);
  });

  it('masks what it should and nothing diagnosis needs', () => {
    expect(redactText('crashReporterKey: 5A1F0C2E9B7D3E4F8A6C1B0D9E2F7A3C5B8D4E6F')).toBe('crashReporterKey: <crash-reporter-key-1>');
    expect(redactText('/home/alice/src/a.c and /home/alice/b.c')).toBe('/home/<user-1>/src/a.c and /home/<user-1>/b.c');
    expect(redactText('on fe80::1c2:3ff:fe4d:5e6f and 2001:db8:0:0:0:0:2:1')).toBe('on <ip-1> and <ip-2>');
    expect(redactText("John's MacBook Pro went to sleep")).toBe('<host-1> went to sleep');
    // The folder of an iPhone's reports synced to a Mac is named by the device.
    expect(redactText('/Users/anna/Library/Logs/CrashReporter/MobileDevice/Bobby Phone/Retired/x.ips')).toBe('/Users/<user-1>/Library/Logs/CrashReporter/MobileDevice/<host-1>/Retired/x.ips');
    for (const keep of [
      'IOService::start(IOService*) at 10:21:07.123',
      'com.apple.filesystems.apfs 2235.121.1 and kext 1.2.3.4.5',
      '/Library/SystemExtensions/3A1C5E2B-7F40-4D8E-9B61-0C2E7D5A8F13/com.example.driver.dext',
      '/Volumes/Macintosh HD/Users/Shared/x and /Library/Developer/CoreSimulator/Volumes/iOS_22A3351',
      'listening on 127.0.0.1 and 0.0.0.0',
      'panic(cpu 2 caller 0xfffffe0028e3c9a4): "x"@apfs_vnops.c:8123',
      'thunk for @escaping @callee_guaranteed () -> ()',
    ]) {
      expect(redactText(keep)).toBe(keep);
    }
  });

  it('is idempotent and leaves an analysis without personal data unchanged', async () => {
    const { redacted } = await redactedFixture();
    expect(renderJson(redactAnalysis(redacted))).toBe(renderJson(redacted));
    const clean = await analyzeInputs([{ path: 'samples/founding-case/dext-crash.ips', bytes: new Uint8Array(readFileSync(`${repoRoot}samples/founding-case/dext-crash.ips`)) }]);
    const again = redactAnalysis(clean);
    expect(again.redactions).toEqual([]);
    expect(renderText(again)).toBe(renderText(clean));
  });

  it('analyze --redact masks in the CLI output', () => {
    const r = runCli(['analyze', '--redact', '--format', 'json', FIXTURE]);
    expect(r.status).toBe(0);
    for (const p of PERSONAL) expect(r.stdout).not.toContain(p);
    expect(r.stdout).toContain('"redactions": [');
  });
});
