/**
 * Edge: reads a property list file, XML through `plist` and binary (bplist00) through
 * `bplist-parser`. Errors come back as values with the path and a one-line reason.
 */
import { readFile } from 'node:fs/promises';
import { parseBuffer } from 'bplist-parser';
import { parse as parseXmlPlist } from 'plist';
import { toPlistValue } from './plist-values.js';
import type { PlistFile } from './types.js';

export interface ReadError {
  path: string;
  reason: string;
}

export type PlistRead = { ok: true; file: PlistFile } | { ok: false; error: ReadError };

const BPLIST = new TextEncoder().encode('bplist');

function isBinaryPlist(bytes: Uint8Array): boolean {
  return bytes.length >= BPLIST.length && BPLIST.every((b, i) => bytes[i] === b);
}

function firstLine(message: string): string {
  return (message.split('\n')[0] ?? message).trim();
}

/**
 * xmldom prints "[xmldom fatalError] …" on the console before throwing; the thrown error already
 * becomes our one-line message, so the console copy is muted for the synchronous parse.
 */
function quietly<T>(fn: () => T): T {
  const saved = console.error;
  console.error = () => {};
  try {
    return fn();
  } finally {
    console.error = saved;
  }
}

/** Decode plist bytes; `path` is only used for the error value. */
export function decodePlist(bytes: Uint8Array, path: string): PlistRead {
  try {
    if (isBinaryPlist(bytes)) {
      const [root] = parseBuffer(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
      return { ok: true, file: { path, value: toPlistValue(root) } };
    }
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    if (!/<plist[\s>]/.test(text)) return { ok: false, error: { path, reason: 'not a property list (neither XML <plist> nor bplist00)' } };
    return { ok: true, file: { path, value: toPlistValue(quietly(() => parseXmlPlist(text))) } };
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    return { ok: false, error: { path, reason: `invalid property list: ${firstLine(msg)}` } };
  }
}

export async function readPlistFile(path: string, displayPath = path): Promise<PlistRead> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return { ok: false, error: { path: displayPath, reason: code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : `cannot read (${code ?? 'error'})` } };
  }
  return decodePlist(bytes, displayPath);
}
