import type { Command } from 'commander';
import Table from 'cli-table3';
import { loadSignatureSet } from '../diagnose/load-signatures.js';
import { BUILTIN_SIGNATURE_DIR, loadSignatures, readSignatureFiles } from '../diagnose/read-signatures.js';
import type { CompiledSignature } from '../diagnose/compile-rules.js';
import { reportError, reportInputError } from './diagnostics.js';
import { EXIT_FINDINGS, EXIT_INPUT, EXIT_OK } from './exit-codes.js';
import { writeStdout } from './stdout.js';

/** `paniclens signatures list | show ID | validate DIR`: the database of known failures. */
export function registerSignaturesCommand(program: Command): void {
  const cmd = program
    .command('signatures')
    .description('list, show and validate the signatures of known failures')
    .addHelpText(
      'after',
      `
Examples:
  $ paniclens signatures list --category driverkit
  $ paniclens signatures show dk-uioserver-invoke-onqueue-assert
  $ paniclens signatures validate ./team-signatures/`,
    );

  cmd
    .command('list')
    .description('one line per signature: id, category, confidence, title')
    .option('--category <name>', 'only this category (driverkit, kernel-panic, app-crash, resource, system-extension …)')
    .option('--signatures <dir>', 'include your own signatures from this folder or file', collect, [] as string[])
    .option('--json', 'print the signatures as JSON')
    .action((options: { category?: string; signatures: string[]; json?: boolean }) => {
      const loaded = load(options.signatures);
      if (loaded === undefined) return;
      const list = loaded.filter((s) => !options.category || s.signature.category === options.category);
      if (options.json) {
        writeStdout(`${JSON.stringify(list.map((s) => s.signature), null, 2)}\n`);
        return;
      }
      const table = new Table({ head: ['id', 'category', 'conf.', 'title'], style: { head: [], border: [], compact: true }, wordWrap: false });
      for (const s of list) {
        const sig = s.signature;
        table.push([sig.id, sig.category, sig.confidence.toFixed(2), sig.title.length > 90 ? `${sig.title.slice(0, 89)}…` : sig.title]);
      }
      writeStdout(`${table.toString()}\n${list.length} signature(s)\n`);
    });

  cmd
    .command('show')
    .description('everything about one signature: match rules, causes, next steps, references')
    .argument('<id>', 'signature id, e.g. dk-dext-crash-loop')
    .option('--signatures <dir>', 'include your own signatures from this folder or file', collect, [] as string[])
    .action((id: string, options: { signatures: string[] }) => {
      const loaded = load(options.signatures);
      if (loaded === undefined) return;
      const found = loaded.find((s) => s.signature.id === id);
      if (!found) {
        reportInputError(id, 'no such signature (run paniclens signatures list)');
        process.exitCode = EXIT_INPUT;
        return;
      }
      writeStdout(describeSignature(found));
    });

  cmd
    .command('validate')
    .description('check signature files against the schema; errors name the file, the JSON pointer and the broken rule')
    .argument('<path>', 'a folder of *.json signature files, or one file')
    .action((path: string) => {
      process.exitCode = validate(path);
    });
}

/** Exit 0 when every file is valid, 1 when some signature is broken, 2 when nothing could be read. */
export function validate(path: string): number {
  const raw = readSignatureFiles(path);
  const res = loadSignatureSet(raw.files);
  const errors = [...raw.errors, ...res.errors];
  for (const e of errors) reportInputError(e.path, `${e.pointer}: ${e.message}`);
  if (raw.files.length === 0) return EXIT_INPUT;
  const builtin = new Set(loadSignatures().signatures.map((s) => s.signature.id));
  for (const s of res.signatures) {
    if (builtin.has(s.signature.id) && !s.origin.startsWith(BUILTIN_SIGNATURE_DIR)) {
      writeStdout(`note: ${s.origin}: "${s.signature.id}" replaces the built-in signature of that id\n`);
    }
  }
  writeStdout(`${res.signatures.length} valid signature(s) in ${raw.files.length} file(s)${errors.length ? `, ${errors.length} error(s)` : ''}\n`);
  return errors.length > 0 ? EXIT_FINDINGS : EXIT_OK;
}

function load(userDirs: string[]): CompiledSignature[] | undefined {
  const res = loadSignatures(userDirs);
  for (const e of res.errors) reportInputError(e.path, `${e.pointer}: ${e.message}`);
  if (res.errors.length > 0) {
    reportError('fix the signature files above (paniclens signatures validate <dir>)');
    process.exitCode = EXIT_INPUT;
    return undefined;
  }
  return res.signatures;
}

function describeSignature(s: CompiledSignature): string {
  const sig = s.signature;
  const out = [
    `${sig.id}${sig.catalog ? ` (${sig.catalog})` : ''}: ${sig.title}`,
    `  category:   ${sig.category}${sig.grouping ? ' (grouping)' : ''}`,
    `  applies to: ${sig.kinds.join(', ')}`,
    `  confidence: ${sig.confidence}`,
    `  from:       ${s.origin.startsWith(BUILTIN_SIGNATURE_DIR) ? `signatures/${s.origin.slice(BUILTIN_SIGNATURE_DIR.length)}` : s.origin}`,
    '  match:',
    ...JSON.stringify({ match: sig.match, ...(sig.supporting ? { supporting: sig.supporting } : {}) }, null, 2)
      .split('\n')
      .map((l) => `    ${l}`),
  ];
  if (sig.supersedes?.length) out.push(`  refines:    ${sig.supersedes.join(', ')}`);
  out.push('  likely causes:', ...sig.causes.map((c, i) => `    ${i + 1}. ${c}`));
  out.push('  next steps:', ...sig.nextSteps.map((c, i) => `    ${i + 1}. ${c}`));
  if (sig.references.length) out.push('  references:', ...sig.references.map((r) => `    ${r}`));
  return `${out.join('\n')}\n`;
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}
