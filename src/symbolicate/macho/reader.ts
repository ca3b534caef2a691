/** A bounds-checked view over bytes: every read validates offset and size, so hostile input cannot read past the end. */

export class MachOFormatError extends Error {
  constructor(
    readonly path: string,
    readonly reason: string,
  ) {
    super(`${path}: ${reason}`);
  }
}

export class ByteReader {
  private readonly view: DataView;

  constructor(
    readonly bytes: Uint8Array,
    readonly littleEndian: boolean,
    readonly path: string,
  ) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  get length(): number {
    return this.bytes.byteLength;
  }

  check(offset: number, size: number, what: string): void {
    if (!Number.isSafeInteger(offset) || !Number.isSafeInteger(size) || offset < 0 || size < 0 || offset + size > this.length) {
      throw new MachOFormatError(this.path, `${what} (offset ${offset}, size ${size}) lies outside the ${this.length}-byte file`);
    }
  }

  u8(offset: number): number {
    this.check(offset, 1, 'byte');
    return this.view.getUint8(offset);
  }

  u16(offset: number): number {
    this.check(offset, 2, 'u16');
    return this.view.getUint16(offset, this.littleEndian);
  }

  u32(offset: number): number {
    this.check(offset, 4, 'u32');
    return this.view.getUint32(offset, this.littleEndian);
  }

  u64(offset: number): bigint {
    this.check(offset, 8, 'u64');
    return this.view.getBigUint64(offset, this.littleEndian);
  }

  /** A fixed-size, NUL-padded name such as segname[16]. */
  fixedString(offset: number, size: number): string {
    this.check(offset, size, 'name');
    let end = offset;
    while (end < offset + size && this.bytes[end] !== 0) end++;
    return latin1(this.bytes, offset, end);
  }

  /** A NUL-terminated string that must end before `limit` (e.g. the end of the string table). */
  cString(offset: number, limit: number, maxLength = 4096): string {
    if (offset < 0 || offset >= limit || limit > this.length) return '';
    let end = offset;
    const stop = Math.min(limit, offset + maxLength);
    while (end < stop && this.bytes[end] !== 0) end++;
    return latin1(this.bytes, offset, end);
  }
}

function latin1(bytes: Uint8Array, start: number, end: number): string {
  let s = '';
  for (let i = start; i < end; i++) s += String.fromCharCode(bytes[i] ?? 0);
  return s;
}

/** A u64 file offset or size that must fit a JS number before it can index bytes. */
export function toOffset(value: bigint, path: string, what: string): number {
  if (value > BigInt(Number.MAX_SAFE_INTEGER)) throw new MachOFormatError(path, `${what} 0x${value.toString(16)} is too large`);
  return Number(value);
}
