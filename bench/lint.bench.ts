// Cost of `paniclens lint`: the rules alone on a decoded dext, the whole read+lint of every fixture
// folder, and a synthetic dext with many personalities and .iig classes (L11 groups, class chains).
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { lintDext, type DextInput, type PlistDict } from '../src/lint/index.js';
import { readDextInputs } from '../src/lint/read-bundle.js';

const root = fileURLToPath(new URL('../', import.meta.url));

function median(runs: number, fn: () => void): number {
  fn();
  const t: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    fn();
    t.push(performance.now() - t0);
  }
  return t.sort((a, b) => a - b)[Math.floor(t.length / 2)] ?? 0;
}

function synthetic(personalities: number): DextInput {
  const dict: PlistDict = {};
  const iig: string[] = [];
  for (let i = 0; i < personalities; i++) {
    dict[`P${i}`] = {
      CFBundleIdentifier: 'com.example.big', IOClass: 'IOUserService', IOProviderClass: 'IOPCIDevice', IOUserClass: `C${i}`,
      IOUserServerName: 'com.example.big', IOPCIMatch: `0x${(i % 4096).toString(16).padStart(4, '0')}104c`, IOPCITunnelCompatible: true,
      CFBundleIdentifierKernel: 'com.apple.kpi.iokit', IOResourceMatch: 'IOKit',
    };
    iig.push(`class C${i} : public ${i % 10 === 0 ? 'IOService' : `C${i - 1}`} {};`);
  }
  return {
    infoPlist: { path: 'Info.plist', value: { CFBundleIdentifier: 'com.example.big', CFBundlePackageType: 'DEXT', OSBundleUsageDescription: 'x', IOKitPersonalities: dict } },
    entitlements: { path: 'e', value: { 'com.apple.developer.driverkit': true, 'com.apple.developer.driverkit.transport.pci': [{ IOPCIPrimaryMatch: '0x0000104c&0x0000ffff' }] } },
    iigFiles: [{ path: 'big.iig', text: iig.join('\n') }],
  };
}

export default async function bench(): Promise<void> {
  const founding = await readDextInputs(join(root, 'samples/founding-case/SCSIController.dext'));
  if (!founding.ok) throw new Error(founding.error.reason);
  const input = founding.dexts[0]!;
  console.log(`rules only, founding case                      median ${median(2000, () => lintDext(input)).toFixed(3)} ms`);
  for (const n of [100, 1000]) {
    const big = synthetic(n);
    console.log(`rules only, ${String(n).padStart(4)} personalities + .iig chains     median ${median(20, () => lintDext(big)).toFixed(1)} ms`);
  }
  const fixtures = join(root, 'test/fixtures/lint');
  const dirs = readdirSync(fixtures, { withFileTypes: true }).filter((d) => d.isDirectory()).flatMap((d) => ['bad', 'good'].map((k) => join(fixtures, d.name, k)).filter(() => d.name !== 'founding-fixed'));
  const t0 = performance.now();
  for (const d of dirs) {
    const r = await readDextInputs(d);
    if (r.ok) r.dexts.map(lintDext);
  }
  console.log(`read + lint, ${dirs.length} fixture folders (cold-ish)        ${((performance.now() - t0) / dirs.length).toFixed(1)} ms per folder`);
}
