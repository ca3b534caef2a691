/** The --symbolicator / --symbols options shared by `symbolicate` and `analyze`. */
import type { Command } from 'commander';
import { SYMBOLICATORS, type SymbolicatorChoice } from '../symbolicate/index.js';

export interface SymbolOptionValues {
  symbolicator: SymbolicatorChoice;
  symbols: string[];
}

const collect = (value: string, previous: string[]): string[] => [...previous, value];

export function addSymbolOptions(command: Command): Command {
  return command
    .addOption(
      // Made by the command, not with commander's Option class: `analyze FILE…` runs without commander (main.ts).
      command
        .createOption('--symbolicator <backend>', 'auto: atos on macOS, else llvm-symbolizer when on PATH, else the built-in Mach-O reader')
        .choices([...SYMBOLICATORS])
        .default('auto'),
    )
    .option('--symbols <path>', 'dSYMs, binaries, kexts, dexts or KDKs to search by UUID (folders searched recursively; repeatable)', collect, []);
}
