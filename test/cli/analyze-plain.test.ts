// `paniclens analyze PATH…` with no option runs without commander (src/cli/main.ts): it must behave
// exactly as the same command through commander, which an option set to its default value forces.
import { Command } from 'commander';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyzeDefaults, registerAnalyzeCommand } from '../../src/cli/analyze.js';
import { runCli } from '../helpers/run-cli.js';

describe('analyze without options', () => {
  it("runs with commander's defaults of every analyze option", () => {
    const program = new Command();
    registerAnalyzeCommand(program);
    const analyze = program.commands.find((c) => c.name() === 'analyze') as Command;
    expect(analyzeDefaults()).toEqual(analyze.opts());
  });

  const throughCommander = (args: string[]): string[] => ['analyze', '--symbolicator', 'auto', ...args];
  const cases: [string, string[], string?][] = [
    ['an .ips crash', ['samples/crash-macos-arm64.ips']],
    ['a panic and a legacy crash report', ['samples/panic-intel.panic', 'samples/crash-ios-arm64.crash']],
    ['a folder (an incident)', ['samples/founding-case/']],
    ['a missing file beside a good one', ['test/fixtures/cli/does-not-exist.ips', 'samples/jetsam-ios.ips']],
    ['unusable inputs only', ['test/fixtures/cli/empty.txt', 'test/fixtures/cli/binary.bin']],
    ['standard input', [], 'panic(cpu 1 caller 0xffffff8000a1b2c3): "x"@y.c:1\n'],
    ['empty standard input', [], ''],
  ];
  for (const [what, paths, input] of cases) {
    it(`prints and exits as through commander: ${what}`, () => {
      const plain = runCli(['analyze', ...paths], input);
      const commander = runCli(throughCommander(paths), input);
      expect(plain).toEqual(commander);
      expect(plain.stdout.length + plain.stderr.length).toBeGreaterThan(0);
    });
  }
});

describe('--version alone', () => {
  it('prints the package version and nothing else, as -V does', () => {
    const { version } = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
    for (const flag of ['--version', '-V']) expect(runCli([flag])).toEqual({ status: 0, stdout: `${version}\n`, stderr: '' });
  });
});
