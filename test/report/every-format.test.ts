import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderHtml, renderJson, renderMarkdown, renderText } from '../../src/report/index.js';
import { corpusAnalyses, sampleAnalyses, type NamedAnalysis } from '../helpers/analyses.js';
import { hasCorpus } from '../helpers/corpus.js';
import { repoRoot } from '../helpers/run-cli.js';
import { expectValidReportJson } from '../helpers/report-schema.js';

/**
 * Every sample and every corpus file renders in every format; the JSON validates against the schema; the Markdown passes markdownlint-cli2
 * with the repository's .markdownlint-cli2.jsonc (one linter run over all files).
 */
let samples: NamedAnalysis[] = [];
let corpus: NamedAnalysis[] = [];
let mdDir = '';

beforeAll(async () => {
  samples = await sampleAnalyses();
  corpus = hasCorpus ? await corpusAnalyses() : [];
  mdDir = mkdtempSync(join(tmpdir(), 'paniclens-md-'));
}, 120_000);

afterAll(() => {
  if (mdDir) rmSync(mdDir, { recursive: true, force: true });
});

function renderAll(set: NamedAnalysis[]): void {
  for (const { name, analysis } of set) {
    const text = renderText(analysis);
    const md = renderMarkdown(analysis);
    const json = renderJson(analysis);
    const html = renderHtml(analysis);
    expect(html.startsWith('<!DOCTYPE html>'), name).toBe(true);
    // Self-contained: nothing refers to another resource (the browser test proves no request is made).
    expect(html, name).not.toMatch(/<(?:link|img|iframe|object|embed)\b|<script\s+src|url\(\s*['"]?(?!data:)/i);
    for (const out of [text, md, json, html]) {
      expect(out.endsWith('\n'), name).toBe(true);
      expect(out.endsWith('\n\n'), name).toBe(false);
    }
    expect(text.length, name).toBeGreaterThan(0);
    expect(md.startsWith('# paniclens report\n'), name).toBe(true);
    expectValidReportJson(json, name);
    writeFileSync(join(mdDir, `${name.replace(/[^A-Za-z0-9._-]/g, '_')}.md`), md);
  }
}

function lintMarkdown(): { status: number; output: string } {
  const bin = join(repoRoot, 'node_modules/markdownlint-cli2/markdownlint-cli2-bin.mjs');
  const r = spawnSync(process.execPath, [bin, '--config', join(repoRoot, '.markdownlint-cli2.jsonc'), `${mdDir}/*.md`], { encoding: 'utf8' });
  return { status: r.status ?? -1, output: `${r.stdout}${r.stderr}` };
}

describe('every sample renders in text, md, json and html (valid against schema/report.schema.json); its Markdown passes markdownlint-cli2', () => {
  it('samples', () => {
    expect(samples.length).toBeGreaterThanOrEqual(8);
    renderAll(samples);
    const lint = lintMarkdown();
    expect(lint.output).toContain(`Linting: ${samples.length} file(s)`);
    expect(lint.output).toContain('Summary: 0 error(s)');
    expect(lint.status).toBe(0);
  });
});

describe.skipIf(!hasCorpus)('every corpus file renders in text, md, json and html (valid against schema/report.schema.json); its Markdown passes markdownlint-cli2', () => {
  it('corpus', () => {
    expect(corpus.length).toBeGreaterThan(50);
    renderAll(corpus);
    const lint = lintMarkdown();
    expect(lint.output).toContain('Summary: 0 error(s)');
    expect(lint.status).toBe(0);
  });
});
