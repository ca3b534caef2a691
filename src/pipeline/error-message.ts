/** The message of anything thrown, without a stack; common file-system errors in plain words. Shared by the CLI and triage's file walking. */
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
