// Code tables: cold import and first use (one table; all 47), the decoding pass per report as a share
// of parsing the same report, a 20 000-line kernel log full of codes, and hostile text.
// Run: npm run bench -- codes
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { median } from './timing.js';

const root = fileURLToPath(new URL('../', import.meta.url));

export default async function run(): Promise<void> {
  const t0 = performance.now();
  const codes = await import('../src/codes/index.js');
  const tImport = performance.now() - t0;
  const t1 = performance.now();
  codes.codeTable('ioreturn');
  const tOne = performance.now() - t1;
  const t2 = performance.now();
  for (const id of codes.TABLE_IDS) codes.codeTable(id);
  const tAll = performance.now() - t2;
  console.log(`import src/codes (TypeScript through tsx) ${tImport.toFixed(1)} ms; first table (parse + validate + index) ${tOne.toFixed(2)} ms; the other ${codes.TABLE_IDS.length - 1} tables ${tAll.toFixed(1)} ms`);

  const { ingestText } = await import('../src/ingest/index.js');
  const samples = ['crash-ios-arm64.crash', 'crash-macos-arm64.ips', 'panic-applesilicon.ips', 'jetsam-ios.ips', 'founding-case/kernel.log'].map((f) => readFileSync(`${root}samples/${f}`, 'utf8'));
  const parsed = samples.flatMap((s) => ingestText(s, 's').reports);
  const tIngest = median(30, () => samples.forEach((s) => ingestText(s, 's')));
  const tDecode = median(30, () => parsed.forEach((r) => codes.decodeReportCodes(r)));
  console.log(`decode pass over ${parsed.length} sample reports: ${tDecode.toFixed(3)} ms (${((tDecode / parsed.length) * 1000).toFixed(0)} µs/report), ${((tDecode / tIngest) * 100).toFixed(1)}% of ingesting them (${tIngest.toFixed(2)} ms, which includes it)`);

  const lines: string[] = [];
  for (let i = 0; i < 20_000; i++) {
    lines.push(`2026-03-01 10:00:00.123456-0800 0x1a2b     Default     0x0                  0      0    kernel: (com.acme.noise.dext) op ${i} failed: 0xe00002${(0xbc + (i % 50)).toString(16)} kr = ${i % 57} at 0x1000${(i % 4096).toString(16).padStart(4, '0')}`);
  }
  const big = ingestText(lines.join('\n'), 'big.log').reports;
  console.log(`20 000-line kernel log, a code on every line: decode ${median(5, () => big.forEach((r) => codes.decodeReportCodes(r))).toFixed(1)} ms (codes kept: ${big[0]?.codes?.length ?? 0}, capped)`);

  const hostile = `${'0x'.repeat(100_000)} ${'(iokit/'.repeat(20_000)} ${'-5368'.repeat(20_000)} ${'OSSystemExtensionError '.repeat(5_000)}`;
  // Each message is cut to 2 000 characters before scanning, so the cost is bounded whatever the line.
  console.log(`hostile 400 KB line: codesInText ${median(20, () => codes.codesInText(hostile)).toFixed(2)} ms`);
}
