/** Edge: --symbolicator auto|atos|llvm|macho|none → a backend (auto: atos on macOS, then llvm-symbolizer on PATH, then macho). */
import { readFile as readFileCb } from 'node:fs';
import { promisify } from 'node:util';
import { AtosBackend } from './atos.js';
import { findLlvmSymbolizer, findOnPath } from './find-tool.js';
import { LlvmSymbolizerBackend, type LlvmSymbolizerOptions } from './llvm-symbolizer.js';
import { MachoBackend } from './macho-backend.js';
import type { SymbolBackend } from './types.js';

export const SYMBOLICATORS = ['auto', 'atos', 'llvm', 'macho', 'none'] as const;
export type SymbolicatorChoice = (typeof SYMBOLICATORS)[number];

export interface BackendChoice {
  backend?: SymbolBackend;
  /** Why the requested backend is unavailable (its frames say "backend missing"). */
  missing?: string;
}

export interface SelectEnv {
  platform?: NodeJS.Platform;
  env?: NodeJS.ProcessEnv;
  llvm?: LlvmSymbolizerOptions;
}

// node:fs through promisify: node:fs/promises loads the stream and readline modules at start.
const readFile = promisify(readFileCb);
export const loadFileBytes = async (path: string): Promise<Uint8Array> => new Uint8Array(await readFile(path));

export function selectBackend(choice: SymbolicatorChoice, { platform = process.platform, env = process.env, llvm = {} }: SelectEnv = {}): BackendChoice {
  const atos = (): BackendChoice => {
    const path = platform === 'darwin' ? findOnPath('atos', env) : undefined;
    return path ? { backend: new AtosBackend(path) } : { missing: 'atos is not available (macOS with Xcode command line tools only)' };
  };
  const llvmBackend = (): BackendChoice => {
    const path = findLlvmSymbolizer(env);
    return path ? { backend: new LlvmSymbolizerBackend(path, llvm) } : { missing: 'llvm-symbolizer is not on PATH (Debian/Ubuntu: apt-get install llvm; Homebrew: brew install llvm)' };
  };
  switch (choice) {
    case 'none':
      return {};
    case 'atos':
      return atos();
    case 'llvm':
      return llvmBackend();
    case 'macho':
      return { backend: new MachoBackend(loadFileBytes) };
    case 'auto': {
      const a = atos();
      if (a.backend) return a;
      const l = llvmBackend();
      return l.backend ? l : { backend: new MachoBackend(loadFileBytes) };
    }
  }
}
