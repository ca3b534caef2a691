/**
 * Standard output and error without process.stdout/stderr where they are not needed. Those getters
 * build a stream (a net.Socket for a pipe, a tty.WriteStream for a terminal, a SyncWriteStream for
 * a file), and loading node's stream modules for it was ~4% of the instructions of `analyze` on one
 * report. A file, a pipe or /dev/null is written with write(2) directly; a terminal still goes
 * through the stream (its width and colour support come from there).
 */
import { fstatSync, statSync, writeSync } from 'node:fs';

type Fd = 1 | 2;
/** Per descriptor, 'direct': write(2); 'stream': through process.stdout/stderr. */
const kinds: Record<Fd, 'direct' | 'stream' | undefined> = { 1: undefined, 2: undefined };

const streamOf = (fd: Fd): NodeJS.WriteStream => (fd === 1 ? process.stdout : process.stderr);

/**
 * Whether a descriptor may be a terminal. Only a character device can be one; of those, /dev/null
 * (the same device as the path) is known not to be, and the rest are asked through the stream.
 */
function kindOf(fd: Fd): 'direct' | 'stream' {
  const known = kinds[fd];
  if (known !== undefined) return known;
  let kind: 'direct' | 'stream';
  try {
    const st = fstatSync(fd);
    if (!st.isCharacterDevice()) kind = 'direct';
    else {
      const devNull = statSync('/dev/null');
      kind = st.rdev === devNull.rdev && st.ino === devNull.ino && st.dev === devNull.dev ? 'direct' : 'stream';
    }
  } catch {
    kind = 'stream';
  }
  kinds[fd] = kind;
  return kind;
}

/** process.stdout.isTTY, without building process.stdout when standard output cannot be a terminal. */
export function stdoutIsTTY(): boolean {
  return kindOf(1) === 'stream' && process.stdout.isTTY === true;
}

/** process.stderr.isTTY, without building process.stderr when standard error cannot be a terminal. */
export function stderrIsTTY(): boolean {
  return kindOf(2) === 'stream' && process.stderr.isTTY === true;
}

/**
 * Write text to a standard descriptor. A reader that went away (EPIPE: `paniclens … | head`) ends
 * the output quietly, as for other command-line tools; a non-blocking descriptor (EAGAIN) hands the
 * rest, and what follows, to the stream, which waits for the reader.
 */
function writeTo(fd: Fd, text: string): void {
  if (text === '') return;
  if (kindOf(fd) === 'stream') {
    quietOnEpipe(fd).write(text);
    return;
  }
  const bytes = Buffer.from(text, 'utf8');
  let at = 0;
  while (at < bytes.length) {
    try {
      at += writeSync(fd, bytes, at, bytes.length - at);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'EPIPE') return;
      if (code === 'EAGAIN') {
        kinds[fd] = 'stream';
        quietOnEpipe(fd).write(bytes.subarray(at));
        return;
      }
      throw err;
    }
  }
}

const guarded: Record<Fd, boolean> = { 1: false, 2: false };

/**
 * The stream of a descriptor, whose EPIPE (the reader went away) drops what is left instead of
 * surfacing as an unhandled 'error' event with a stack trace; any other error still surfaces.
 */
function quietOnEpipe(fd: Fd): NodeJS.WriteStream {
  const stream = streamOf(fd);
  if (!guarded[fd]) {
    guarded[fd] = true;
    stream.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'EPIPE') return;
      throw err;
    });
  }
  return stream;
}

export function writeStdout(text: string): void {
  writeTo(1, text);
}

export function writeStderr(text: string): void {
  writeTo(2, text);
}

/**
 * The width text is laid out to: the terminal's when `tty` (standard output is one), else $COLUMNS
 * when it holds a width (as ls and git read it: `COLUMNS=200 paniclens triage … | less`), else undefined.
 */
export function outputColumns(tty: boolean, env: Record<string, string | undefined> = process.env): number | undefined {
  if (tty && process.stdout.columns) return process.stdout.columns;
  const n = Number(env.COLUMNS);
  return Number.isInteger(n) && n > 0 ? n : undefined;
}
