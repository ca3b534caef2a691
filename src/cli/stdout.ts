/**
 * Standard output without process.stdout where it is not needed. That getter builds a stream
 * (a net.Socket for a pipe, a tty.WriteStream for a terminal, a SyncWriteStream for a file), and
 * loading node's stream modules for it was ~4% of the instructions of `analyze` on one report.
 * A file, a pipe or /dev/null is written with write(2) directly; a terminal still goes through
 * process.stdout (its width and colour support come from there).
 */
import { fstatSync, statSync, writeSync } from 'node:fs';

/** 'direct': write(2) on descriptor 1; 'stream': through process.stdout. */
let kind: 'direct' | 'stream' | undefined;

/**
 * Whether standard output may be a terminal. Only a character device can be one; of those, /dev/null
 * (the same device as the path) is known not to be, and the rest are asked through process.stdout.
 */
function stdoutKind(): 'direct' | 'stream' {
  if (kind !== undefined) return kind;
  try {
    const st = fstatSync(1);
    if (!st.isCharacterDevice()) return (kind = 'direct');
    const devNull = statSync('/dev/null');
    kind = st.rdev === devNull.rdev && st.ino === devNull.ino && st.dev === devNull.dev ? 'direct' : 'stream';
  } catch {
    kind = 'stream';
  }
  return kind;
}

/** process.stdout.isTTY, without building process.stdout when standard output cannot be a terminal. */
export function stdoutIsTTY(): boolean {
  return stdoutKind() === 'stream' && process.stdout.isTTY === true;
}

/**
 * Write text to standard output. A reader that went away (EPIPE: `paniclens … | head`) ends the
 * output quietly, as for other command-line tools; a non-blocking descriptor (EAGAIN) hands the
 * rest to process.stdout, which waits for the reader.
 */
export function writeStdout(text: string): void {
  if (text === '') return;
  if (stdoutKind() === 'stream') {
    process.stdout.write(text);
    return;
  }
  const bytes = Buffer.from(text, 'utf8');
  let at = 0;
  while (at < bytes.length) {
    try {
      at += writeSync(1, bytes, at, bytes.length - at);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'EPIPE') return;
      if (code === 'EAGAIN') {
        kind = 'stream';
        process.stdout.write(bytes.subarray(at));
        return;
      }
      throw err;
    }
  }
}
