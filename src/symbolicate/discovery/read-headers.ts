/**
 * Edge: read only the Mach-O headers and load commands of a file (UUID, arch, segments), never the whole file:
 * KDK kernels and dSYMs run to hundreds of megabytes and an index touches many of them.
 */
import { close as closeCb, open as openCb, read as readCb } from 'node:fs';
import { promisify } from 'node:util';
import { isFatMagic, looksLikeMachO, parseThin, readFatArchs, MachOFormatError, type MachOImage } from '../macho/index.js';

/** Load commands of real files fit in a few hundred KB; anything larger is not read. */
const MAX_HEADER_BYTES = 4 * 1024 * 1024;

// node:fs through promisify, not node:fs/promises: loading that (with the stream and readline
// modules behind it) was ~3% of the instructions of `analyze` on one report.
const open = promisify(openCb);
const read = promisify(readCb);
const close = promisify(closeCb);

async function readAt(fd: number, position: number, length: number): Promise<Uint8Array> {
  const buf = new Uint8Array(length);
  const { bytesRead } = await read(fd, buf, 0, length, position);
  return buf.subarray(0, bytesRead);
}

/** The images of a Mach-O file (headers only), [] when it is not Mach-O or cannot be read. */
export async function readMachOHeaders(path: string): Promise<MachOImage[]> {
  let fh: number | undefined;
  try {
    fh = await open(path, 'r');
    const head = await readAt(fh, 0, 4096);
    if (!looksLikeMachO(head)) return [];
    if (!isFatMagic(head)) return [await thinAt(fh, 0, path)];
    const archs = readFatArchs(head, path);
    const out: MachOImage[] = [];
    for (const a of archs) out.push(await thinAt(fh, a.offset, `${path}.slice(${a.arch})`));
    return out;
  } catch (e) {
    if (e instanceof MachOFormatError || (e instanceof Error && 'code' in e)) return [];
    throw e;
  } finally {
    if (fh !== undefined) await close(fh);
  }
}

async function thinAt(fh: number, offset: number, path: string): Promise<MachOImage> {
  const header = await readAt(fh, offset, 32);
  if (header.byteLength < 28) throw new MachOFormatError(path, 'truncated header');
  const le = header[0] === 0xce || header[0] === 0xcf;
  const sizeofcmds = new DataView(header.buffer, header.byteOffset, header.byteLength).getUint32(20, le);
  if (sizeofcmds > MAX_HEADER_BYTES) throw new MachOFormatError(path, `load commands of ${sizeofcmds} bytes`);
  return parseThin(await readAt(fh, offset, 32 + sizeofcmds), path, offset);
}
