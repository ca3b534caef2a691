/**
 * npm run signatures:check [-- --update] [-- --table]
 *
 * Runs every signature over every sample, test fixture and (when present) the third-party corpus
 * beside the repository, and compares the diagnoses with signatures/expected-matches.json, printing
 * each change: a signature edit shows what it regroups. Exit 1 on changes; --update rewrites the file
 * and the top ids of signatures/corpus-diagnoses.json (the reviewed corpus table, keeping its reasons).
 * --table prints the diagnoses over the corpus and the share that are specific rather than generic.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { glob } from 'tinyglobby';
import type { Report } from '../src/model/report.js';
import { diagnoseFile, tableId, type CorpusDiagnosisTable } from './diagnose-documents.js';

const repoRoot = fileURLToPath(new URL('..', import.meta.url));
const corpusDir = resolve(repoRoot, '..', 'shared', 'corpus');
const expectedFile = resolve(repoRoot, 'signatures', 'expected-matches.json');
const tableFile = resolve(repoRoot, 'signatures', 'corpus-diagnoses.json');
const LOG_FILES = '**/*.{ips,crash,panic,log,txt,spin,hang,diag}';

/** Document key → diagnosis ids in rank order (generic ones prefixed "~"). */
type Matches = Record<string, string[]>;

async function inputs(): Promise<{ key: string; file: string }[]> {
  const own = await glob([`samples/${LOG_FILES}`, `test/fixtures/${LOG_FILES}`], { cwd: repoRoot, ignore: ['**/*.dext/**'] });
  const list = own.sort().map((f) => ({ key: f, file: resolve(repoRoot, f) }));
  if (existsSync(corpusDir)) {
    const corpus = await glob(['*', '!MANIFEST.json', '!README.md'], { cwd: corpusDir });
    list.push(...corpus.sort().map((f) => ({ key: `corpus/${f}`, file: resolve(corpusDir, f) })));
  }
  return list;
}

function compare(expected: Matches, actual: Matches, corpusPresent: boolean): string[] {
  const changes: string[] = [];
  for (const key of new Set([...Object.keys(expected), ...Object.keys(actual)])) {
    if (key.startsWith('corpus/') && !corpusPresent) continue;
    const before = expected[key];
    const after = actual[key];
    if (!before) changes.push(`+ ${key}: ${after?.join(', ')}`);
    else if (!after) changes.push(`- ${key}: ${before.join(', ')} (input gone)`);
    else if (before.join() !== after.join()) {
      const gained = after.filter((x) => !before.includes(x));
      const lost = before.filter((x) => !after.includes(x));
      const detail = [...gained.map((x) => `+${x}`), ...lost.map((x) => `-${x}`)];
      changes.push(`~ ${key}: ${before.join(', ')} → ${after.join(', ')}${detail.length ? `  (${detail.join(' ')})` : '  (order)'}`);
    }
  }
  return changes;
}

function corpusTable(docs: { key: string; report: Report }[]): string {
  const corpus = docs.filter((d) => d.key.startsWith('corpus/'));
  const rows = corpus.map((d) => {
    const top = d.report.diagnoses?.[0];
    return { file: d.key.slice('corpus/'.length), kind: d.report.kind, id: top?.id ?? '(none)', conf: top?.confidence ?? 0, generic: top?.generic === true };
  });
  const specific = rows.filter((r) => !r.generic).length;
  const byId = new Map<string, number>();
  for (const r of rows) byId.set(r.id, (byId.get(r.id) ?? 0) + 1);
  const out = ['| corpus document | kind | top diagnosis | conf. |', '|---|---|---|---|'];
  for (const r of rows) out.push(`| ${r.file} | ${r.kind} | ${r.id} | ${r.conf.toFixed(2)} |`);
  out.push('', '| diagnosis | documents |', '|---|---|');
  for (const [id, n] of [...byId].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))) out.push(`| ${id} | ${n} |`);
  out.push('', `${rows.length} corpus documents in ${new Set(corpus.map((d) => d.key.replace(/#\d+$/, ''))).size} files: ${specific} specific (${pct(specific, rows.length)}), ${rows.length - specific} generic; none without a diagnosis: ${rows.every((r) => r.id !== '(none)')}`);
  return out.join('\n');
}

/**
 * Rewrites the top ids of signatures/corpus-diagnoses.json, keeping each reviewed "why"; a generic
 * top without one gets "TODO", which the corpus test refuses until a reviewer writes the reason.
 */
function updateCorpusTable(docs: { key: string; report: Report }[]): void {
  const old: CorpusDiagnosisTable = existsSync(tableFile) ? (JSON.parse(readFileSync(tableFile, 'utf8')) as CorpusDiagnosisTable) : { documents: {} };
  const documents: CorpusDiagnosisTable['documents'] = {};
  for (const d of docs.filter((x) => x.key.startsWith('corpus/')).sort((a, b) => a.key.localeCompare(b.key))) {
    const key = d.key.slice('corpus/'.length);
    const top = tableId(d.report.diagnoses?.[0]);
    const why = old.documents[key]?.why;
    documents[key] = top.startsWith('~') ? { top, why: why ?? 'TODO' } : { top };
  }
  const out: CorpusDiagnosisTable = { description: old.description ?? 'Reviewed top diagnosis of every corpus document.', documents };
  writeFileSync(tableFile, `${JSON.stringify(out, null, 1)}\n`);
  console.log(`wrote ${Object.keys(documents).length} corpus documents to signatures/corpus-diagnoses.json`);
}

const pct = (a: number, b: number): string => `${b === 0 ? 0 : Math.round((a / b) * 1000) / 10}%`;

async function main(): Promise<number> {
  const update = process.argv.includes('--update');
  const table = process.argv.includes('--table');
  const docs = (await inputs()).flatMap(({ key, file }) => diagnoseFile(file, key));
  const actual: Matches = {};
  for (const d of docs) actual[d.key] = (d.report.diagnoses ?? []).map((x) => (x.generic ? `~${x.id}` : x.id));
  const corpusPresent = existsSync(corpusDir);
  if (table) console.log(corpusPresent ? corpusTable(docs) : 'corpus not present: no table');
  const expected: Matches = existsSync(expectedFile) ? (JSON.parse(readFileSync(expectedFile, 'utf8')) as Matches) : {};
  if (update) {
    // Keep corpus entries when the corpus is absent here, so an update elsewhere does not drop them.
    const kept = corpusPresent ? {} : Object.fromEntries(Object.entries(expected).filter(([k]) => k.startsWith('corpus/')));
    const merged = { ...kept, ...actual };
    const sorted = Object.fromEntries(Object.keys(merged).sort().map((k) => [k, merged[k]]));
    writeFileSync(expectedFile, `${JSON.stringify(sorted, null, 1)}\n`);
    console.log(`wrote ${Object.keys(sorted).length} documents to signatures/expected-matches.json`);
    if (corpusPresent) updateCorpusTable(docs);
    return 0;
  }
  const changes = compare(expected, actual, corpusPresent);
  for (const c of changes) console.log(c);
  const fired = new Set(Object.values(actual).flat());
  console.log(`${docs.length} documents, ${fired.size} distinct diagnoses, ${changes.length} change(s)${corpusPresent ? '' : ' (corpus not present: its entries not compared)'}`);
  if (changes.length > 0) console.log('review the changes above; if intended: npm run signatures:check -- --update');
  return changes.length > 0 ? 1 : 0;
}

process.exitCode = await main();
