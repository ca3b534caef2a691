import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtinSignatures } from '../../src/diagnose/read-signatures.js';
import { incidentOptionsFor } from '../../src/diagnose/index.js';
import type { TriageDocument } from '../../src/triage/aggregate.js';
import { runTriage } from '../../src/triage/node/run-triage.js';
import { baselineOf, type Baseline } from '../../src/triage/baseline.js';
import { renderTriageMarkdown } from '../../src/triage/render/markdown.js';
import { corpusDir, hasCorpus } from '../helpers/corpus.js';
import { expectValidTriageJson } from '../helpers/report-schema.js';
import { repoRoot } from '../helpers/run-cli.js';

/**
 * `triage --format md` passes markdownlint-cli2 with the repository's .markdownlint-cli2.jsonc, as
 * test/report/every-format.test.ts checks for analyze: the triage of the samples, of a run with an
 * unreadable file, cut with --top, and of the corpus when it is present (one linter run over all).
 */
const incidentOptions = incidentOptionsFor(builtinSignatures().signatures);
let dir = '';

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'paniclens-triage-md-'));
});
afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function triage(paths: string[], extra: { top?: number; sinceMs?: number; baseline?: Baseline } = {}): Promise<TriageDocument> {
  const doc = await runTriage(paths, { jobs: 1, pipeline: { symbolicator: 'none' }, incidentOptions, ...extra });
  expectValidTriageJson(doc, `triage of ${paths.join(' ')}`);
  return doc;
}

function lint(): { status: number; output: string } {
  const bin = join(repoRoot, 'node_modules/markdownlint-cli2/markdownlint-cli2-bin.mjs');
  const r = spawnSync(process.execPath, [bin, '--config', join(repoRoot, '.markdownlint-cli2.jsonc'), `${dir}/*.md`], { encoding: 'utf8' });
  return { status: r.status ?? -1, output: `${r.stdout}${r.stderr}` };
}

describe('triage --format md passes markdownlint-cli2', () => {
  it('for the samples, a run with an unreadable file, --top 1 and --since, against a baseline, and the corpus when present', async () => {
    const bad = join(dir, 'empty.ips');
    writeFileSync(bad, '');
    const docs: [string, TriageDocument][] = [
      ['samples', await triage(['samples/'])],
      ['with-error', await triage(['samples/panic-intel.panic', bad])],
      ['top-since', await triage(['samples/'], { top: 1, sinceMs: Date.parse('2025-01-01') })],
    ];
    // Against a baseline with buckets this run lacks and without some it has: new marks and the section of those not seen again.
    const base = baselineOf(JSON.parse(JSON.stringify(await triage(['samples/crash-ios-arm64.crash', 'samples/founding-case/']))));
    if ('problem' in base) throw new Error(base.problem);
    docs.push(['baseline', await triage(['samples/panic-intel.panic', 'samples/founding-case/'], { baseline: base })]);
    expect(docs[3]?.[1].summary.baseline).toMatchObject({ new: 1, gone: 1 });
    expect(docs[1]?.[1].errors).toHaveLength(1);
    if (hasCorpus) docs.push(['corpus', await triage([corpusDir])]);
    for (const [name, doc] of docs) {
      const md = renderTriageMarkdown(doc);
      expect(md.endsWith('\n'), name).toBe(true);
      expect(md.endsWith('\n\n'), name).toBe(false);
      writeFileSync(join(dir, `${name}.md`), md);
    }
    const r = lint();
    expect(r.output).toContain(`Linting: ${docs.length} file(s)`);
    expect(r.output).toContain('Summary: 0 error(s)');
    expect(r.status).toBe(0);
  }, 120_000);
});
