import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';

/** Array items per line: lines stay around a megabyte, far below any string limit. */
const ITEMS_PER_LINE = 2000;

/** The typed arrays a file may hold as raw bytes. */
export type BinaryArray = Uint32Array | Uint16Array;

interface Header {
  /** Where each split-out array belongs and how many lines it takes, in file order. */
  split: { path: string[]; lines: number }[];
  /** Where each typed array belongs, its kind and length, in the order their bytes follow. */
  binary?: { path: string[]; kind: 'uint32' | 'uint16'; length: number }[];
  /** The value with those arrays replaced by empty ones. */
  value: unknown;
}

/** Which parts of a value {@link writeChunkedJson} writes apart from the rest. */
export interface ChunkedParts {
  /** Big arrays, written a few thousand items per line. */
  split?: readonly (readonly string[])[];
  /** Typed arrays, written as raw bytes (in this machine's byte order) after the lines. */
  binary?: readonly (readonly string[])[];
}

/**
 * Writes a value as JSON lines: a header, then the big arrays named by `parts.split` a few
 * thousand items per line, then the typed arrays named by `parts.binary` as raw bytes. One
 * JSON string of a 100,000-article index would pass V8's string limit; this never builds a
 * string larger than a line, and typed arrays cost no parsing at all.
 */
export async function writeChunkedJson(
  file: string,
  value: unknown,
  parts: ChunkedParts,
): Promise<void> {
  const splitPaths = parts.split ?? [];
  const binaryPaths = parts.binary ?? [];
  const arrays = splitPaths.map((path) => {
    const found = getAt(value, path);
    return Array.isArray(found) ? (found as unknown[]) : [];
  });
  const binaries = binaryPaths.map((path) => {
    const found = getAt(value, path);
    if (!(found instanceof Uint32Array || found instanceof Uint16Array)) {
      throw new Error(`no typed array at ${path.join('.')}`);
    }
    return found;
  });
  let shell = value;
  for (const path of [...splitPaths, ...binaryPaths]) shell = setAt(shell, path, []);
  const header: Header = {
    split: splitPaths.map((path, i) => ({
      path: [...path],
      lines: Math.ceil((arrays[i]?.length ?? 0) / ITEMS_PER_LINE),
    })),
    binary: binaryPaths.map((path, i) => ({
      path: [...path],
      kind: binaries[i] instanceof Uint16Array ? 'uint16' : 'uint32',
      length: binaries[i]?.length ?? 0,
    })),
    value: shell,
  };
  const handle = await open(file, 'w');
  try {
    await handle.write(`${JSON.stringify(header)}\n`);
    for (const array of arrays) {
      for (let at = 0; at < array.length; at += ITEMS_PER_LINE) {
        await handle.write(`${JSON.stringify(array.slice(at, at + ITEMS_PER_LINE))}\n`);
      }
    }
    for (const binary of binaries) {
      await handle.write(new Uint8Array(binary.buffer, binary.byteOffset, binary.byteLength));
    }
  } finally {
    await handle.close();
  }
}

/**
 * Reads what {@link writeChunkedJson} wrote. Throws when the file is not such a file, is cut
 * short or runs on past its end; the caller decides what a damaged file means.
 */
export async function readChunkedJson(file: string): Promise<unknown> {
  const reader = new ChunkReader(file);
  try {
    const first = await reader.line();
    if (first === undefined) throw new Error('the file is cut short');
    const header = JSON.parse(first) as Header;
    if (!Array.isArray(header?.split)) throw new Error('not a chunked JSON file');
    let value = header.value;
    for (const { path, lines } of header.split) {
      const items: unknown[] = [];
      for (let i = 0; i < lines; i++) {
        const line = await reader.line();
        if (line === undefined) throw new Error('the file is cut short');
        const chunk = JSON.parse(line) as unknown[];
        if (!Array.isArray(chunk)) throw new Error('unexpected line');
        for (const item of chunk) items.push(item);
      }
      value = setAt(value, path, items);
    }
    for (const { path, kind, length } of header.binary ?? []) {
      const array = kind === 'uint16' ? new Uint16Array(length) : new Uint32Array(length);
      await reader.bytes(new Uint8Array(array.buffer));
      value = setAt(value, path, array);
    }
    if (!(await reader.atEnd())) throw new Error('the file runs on past its end');
    return value;
  } finally {
    reader.close();
  }
}

/**
 * Reads a file as lines, then as raw bytes, from large chunks. Lines are split on the bytes
 * themselves: node's readline spent more time finding line ends than JSON.parse spent on them.
 */
class ChunkReader {
  private readonly stream;
  private readonly chunks: AsyncIterator<Buffer>;
  private chunk: Buffer = Buffer.alloc(0);
  private at = 0;

  constructor(file: string) {
    this.stream = createReadStream(file, { highWaterMark: 1 << 22 });
    this.chunks = (this.stream as AsyncIterable<Buffer>)[Symbol.asyncIterator]();
  }

  /** The next line without its `\n`; undefined at the end of the file. */
  async line(): Promise<string | undefined> {
    const pieces: Buffer[] = [];
    for (;;) {
      if (this.at >= this.chunk.length && !(await this.refill())) {
        return pieces.length > 0 ? Buffer.concat(pieces).toString('utf8') : undefined;
      }
      const end = this.chunk.indexOf(10, this.at);
      if (end !== -1) {
        const piece = this.chunk.subarray(this.at, end);
        this.at = end + 1;
        if (pieces.length === 0) return piece.toString('utf8');
        pieces.push(piece);
        return Buffer.concat(pieces).toString('utf8');
      }
      pieces.push(this.chunk.subarray(this.at));
      this.at = this.chunk.length;
    }
  }

  /** Fills `into` with the next bytes; throws if the file ends first. */
  async bytes(into: Uint8Array): Promise<void> {
    let filled = 0;
    while (filled < into.length) {
      if (this.at >= this.chunk.length && !(await this.refill())) {
        throw new Error('the file is cut short');
      }
      const take = Math.min(into.length - filled, this.chunk.length - this.at);
      into.set(this.chunk.subarray(this.at, this.at + take), filled);
      filled += take;
      this.at += take;
    }
  }

  /** Whether nothing is left to read. */
  async atEnd(): Promise<boolean> {
    return this.at >= this.chunk.length && !(await this.refill());
  }

  close(): void {
    this.stream.destroy();
  }

  private async refill(): Promise<boolean> {
    const next = await this.chunks.next();
    if (next.done) return false;
    this.chunk = next.value;
    this.at = 0;
    return true;
  }
}

function getAt(value: unknown, path: readonly string[]): unknown {
  let at = value;
  for (const key of path) at = (at as Record<string, unknown> | undefined)?.[key];
  return at;
}

/** A copy of `value` with `path` set, copying only the objects along the path. */
function setAt(value: unknown, path: readonly string[], item: unknown): unknown {
  const [key, ...rest] = path;
  if (key === undefined) return item;
  const object = (typeof value === 'object' && value !== null ? value : {}) as Record<
    string,
    unknown
  >;
  return { ...object, [key]: setAt(object[key], rest, item) };
}
