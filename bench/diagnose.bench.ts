// Signature database and matcher: cold load of the built-in signatures (read + validate + compile),
// matching cost per report over the samples and signature fixtures, a 20 000-line kernel log, and a
// hostile 8 KB line against every pattern. Run: npm run bench -- diagnose
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { median } from './timing.js';
import { ingestText } from '../src/ingest/index.js';
import type { Report } from '../src/model/report.js';

const root = fileURLToPath(new URL('../', import.meta.url));

export default async function run(): Promise<void> {
  const t0 = performance.now();
  const { builtinSignatures } = await import('../src/diagnose/read-signatures.js');
  const { loadSignatureSet } = await import('../src/diagnose/load-signatures.js');
  const tImport = performance.now() - t0;
  const t1 = performance.now();
  const { signatures } = builtinSignatures();
  const tLoad = performance.now() - t1;
  console.log(`built-in signatures: ${signatures.length}; import ${tImport.toFixed(1)} ms, first load (read + validate + compile) ${tLoad.toFixed(1)} ms`);
  const files = readdirSync(`${root}signatures`).filter((f) => f.endsWith('.json') && f !== 'schema.json' && f !== 'expected-matches.json');
  const values = files.map((f) => ({ name: f, value: JSON.parse(readFileSync(`${root}signatures/${f}`, 'utf8')) as unknown }));
  console.log(`validate + compile (warm, median of 50): ${median(50, () => loadSignatureSet(values)).toFixed(2)} ms`);

  const { diagnose, diagnoseReport } = await import('../src/diagnose/index.js');
  const dir = `${root}test/fixtures/signatures/`;
  const inputs = [...readdirSync(dir).filter((f) => f.includes('.')).map((f) => `${dir}${f}`), `${root}samples/founding-case/dext-crash.ips`, `${root}samples/founding-case/kernel.log`];
  const reports: Report[] = inputs.flatMap((p) => ingestText(readFileSync(p, 'utf8'), p).reports);
  const perRun = median(20, () => {
    for (const r of reports) diagnoseReport(r, signatures);
  });
  console.log(`match ${reports.length} fixture reports against ${signatures.length} signatures: ${perRun.toFixed(2)} ms (${((perRun / reports.length) * 1000).toFixed(0)} µs/report)`);

  // The signature prefilter against full evaluation of every rule, same reports, same run.
  const { matchReport, passesGate, ReportFields } = await import('../src/diagnose/match.js');
  const { literalIndexOf } = await import('../src/diagnose/prefilter.js');
  const tIndex = performance.now();
  // A copy of the set gets its own index: the build is timed, not the cached one diagnoseReport made.
  literalIndexOf([...signatures]);
  console.log(`prefilter index (required literals per field; each field's automaton is built when a report first needs it): built in ${(performance.now() - tIndex).toFixed(1)} ms`);
  const index = literalIndexOf(signatures);
  // Every field's automaton built afresh (a batch builds each the first time a report needs it).
  const { literalSearch } = await import('../src/model/literal-search.js');
  const groups = [...index.groups.values()];
  const tAuto = performance.now();
  const states = groups.reduce((n, g) => {
    const s = literalSearch(g.literals, g.ci);
    return n + s.delta.length / s.cols;
  }, 0);
  console.log(`prefilter automata: ${groups.length} fields, ${states} states, built afresh in ${(performance.now() - tAuto).toFixed(1)} ms`);
  let applicable = 0;
  let gated = 0;
  for (const r of reports) {
    const f = new ReportFields(r, true, index);
    for (const s of signatures) {
      if (!s.signature.kinds.includes(r.kind)) continue;
      applicable++;
      if (!passesGate(s, f)) gated++;
    }
  }
  const full = median(20, () => {
    for (const r of reports) matchReport(r, signatures, false);
  });
  const pre = median(20, () => {
    for (const r of reports) matchReport(r, signatures, true);
  });
  console.log(
    `matchReport: full evaluation ${((full / reports.length) * 1000).toFixed(0)} µs/report, prefiltered ${((pre / reports.length) * 1000).toFixed(0)} µs/report (${(pre / full).toFixed(2)}x); the prefilter decides ${gated} of ${applicable} (signature, report) pairs of matching kind without running a rule`,
  );

  const lines: string[] = [];
  for (let i = 0; i < 20_000; i++) {
    const s = String(i % 60).padStart(2, '0');
    lines.push(`2026-03-01 10:${String(Math.floor(i / 600) % 60).padStart(2, '0')}:${s}.123456-0800 0x1a2b     Default     0x0                  0      0    kernel: (com.acme.noise.dext) [noise] sample ${i} value=${(i * 7919) % 10007}`);
  }
  const big = ingestText(lines.join('\n'), 'big.log').reports;
  console.log(`20 000-line kernel log: diagnose ${median(5, () => diagnose(big, signatures)).toFixed(1)} ms`);

  const hostile = ingestText(`panic(cpu 0 caller 0xfffffe0012345678): ${'a'.repeat(8000)}(((((((( ${'0x'.repeat(400)}\n`, 'hostile.panic').reports;
  console.log(`hostile 8 KB panic line: diagnose ${median(20, () => diagnose(hostile, signatures)).toFixed(2)} ms`);
}
