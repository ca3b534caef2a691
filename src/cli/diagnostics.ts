/** One-line messages on stderr: `paniclens: <path>: <what is wrong>`. */
export function reportInputError(path: string, message: string): void {
  process.stderr.write(`paniclens: ${path}: ${message}\n`);
}

export function reportError(message: string): void {
  process.stderr.write(`paniclens: ${message}\n`);
}

/** The message of anything thrown, without a stack. */
export function errorMessage(err: unknown): string {
  if (err instanceof Error) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return 'no such file or directory';
    if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
    if (code === 'EISDIR') return 'is a directory';
    return err.message;
  }
  return String(err);
}
