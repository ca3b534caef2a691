/** The --symbolicator / --symbols options shared by `symbolicate` and `analyze`. */
import { Option, type Command } from 'commander';
import type { Report } from '../model/report.js';
import { SYMBOLICATORS, symbolicateReports, type SymbolicatorChoice } from '../symbolicate/index.js';

export interface SymbolOptionValues {
  symbolicator: SymbolicatorChoice;
  symbols: string[];
}

const collect = (value: string, previous: string[]): string[] => [...previous, value];

export function addSymbolOptions(command: Command): Command {
  return command
    .addOption(
      new Option('--symbolicator <backend>', 'auto: atos on macOS, else llvm-symbolizer when on PATH, else the built-in Mach-O reader')
        .choices([...SYMBOLICATORS])
        .default('auto'),
    )
    .option('--symbols <path>', 'dSYMs, binaries, kexts, dexts or KDKs to search by UUID (folders searched recursively; repeatable)', collect, []);
}

/**
 * analyze symbolicates whenever symbols are available: with --symbols (or an explicit backend) every frame gets a
 * symbol or a reason; without, reports change only when some image's symbols were found (report folder, macOS defaults).
 */
export async function symbolicateForAnalyze(reports: Report[], opts: Partial<SymbolOptionValues>): Promise<Report[]> {
  if (opts.symbolicator === 'none' || reports.length === 0) return reports;
  const explicit = (opts.symbols?.length ?? 0) > 0 || (opts.symbolicator !== undefined && opts.symbolicator !== 'auto');
  return symbolicateReports(reports, { symbolicator: opts.symbolicator, symbols: opts.symbols, onlyWhenFound: !explicit });
}
