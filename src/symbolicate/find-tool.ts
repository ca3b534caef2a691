/** Edge: find an executable on PATH (no shell, no `which`). */
import { accessSync, constants } from 'node:fs';
import { delimiter, isAbsolute, join } from 'node:path';

export function findOnPath(name: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (isAbsolute(name)) return executable(name) ? name : undefined;
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    if (!dir) continue;
    const candidate = join(dir, name);
    if (executable(candidate)) return candidate;
  }
  return undefined;
}

function executable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** llvm-symbolizer: $LLVM_SYMBOLIZER, then the unversioned and versioned names Debian and Homebrew install. */
export function findLlvmSymbolizer(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const fromEnv = env.LLVM_SYMBOLIZER;
  if (fromEnv) return findOnPath(fromEnv, env);
  for (const name of ['llvm-symbolizer', ...[21, 20, 19, 18, 17, 16, 15, 14].map((v) => `llvm-symbolizer-${v}`)]) {
    const found = findOnPath(name, env);
    if (found) return found;
  }
  return undefined;
}
