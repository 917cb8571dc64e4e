import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { createInterface } from 'node:readline';

/** Array items per line: lines stay around a megabyte, far below any string limit. */
const ITEMS_PER_LINE = 2000;

interface Header {
  /** Where each split-out array belongs and how many lines it takes, in file order. */
  split: { path: string[]; lines: number }[];
  /** The value with those arrays replaced by empty ones. */
  value: unknown;
}

/** Where a big array sits in the value, and how many of its items go on one line. */
export type SplitPath = readonly string[] | { path: readonly string[]; perLine: number };

/**
 * Writes a value as JSON lines: a header, then the big arrays named by `paths` a few thousand
 * items per line (or as many as a path says, for big items). One JSON string of a 100,000-article index would pass V8's string limit;
 * this never builds a string larger than a line. Each of those arrays may also be any sequence
 * that knows its `length` and is walked once, so its items need not all exist at once; it is
 * read back as an array.
 */
export async function writeChunkedJson(
  file: string,
  value: unknown,
  splitPaths: readonly SplitPath[],
): Promise<void> {
  const paths = splitPaths.map((split) => ('path' in split ? split.path : split));
  const perLine = splitPaths.map((split) => ('path' in split ? split.perLine : ITEMS_PER_LINE));
  const arrays = paths.map((path) => {
    const found = getAt(value, path);
    return isCounted(found) ? found : [];
  });
  let shell = value;
  for (const path of paths) shell = setAt(shell, path, []);
  const header: Header = {
    split: paths.map((path, i) => ({
      path: [...path],
      lines: Math.ceil((arrays[i]?.length ?? 0) / (perLine[i] ?? ITEMS_PER_LINE)),
    })),
    value: shell,
  };
  const handle = await open(file, 'w');
  try {
    await handle.write(`${JSON.stringify(header)}\n`);
    for (const [i, array] of arrays.entries()) {
      const itemsPerLine = perLine[i] ?? ITEMS_PER_LINE;
      let line: unknown[] = [];
      let written = 0;
      for (const item of array) {
        line.push(item);
        written++;
        if (line.length === itemsPerLine) {
          await handle.write(`${JSON.stringify(line)}\n`);
          line = [];
        }
      }
      if (line.length > 0) await handle.write(`${JSON.stringify(line)}\n`);
      if (written !== array.length) throw new Error('a sequence did not have the length it said');
    }
  } finally {
    await handle.close();
  }
}

/**
 * Reads what {@link writeChunkedJson} wrote, line by line. Throws when the file is not such a
 * file or is cut short; the caller decides what a damaged file means.
 */
export async function readChunkedJson(file: string): Promise<unknown> {
  const lines = createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity });
  let header: Header | undefined;
  let value: unknown;
  let section = 0;
  let linesLeft = 0;
  let items: unknown[] = [];
  for await (const line of lines) {
    if (!header) {
      header = JSON.parse(line) as Header;
      if (!Array.isArray(header?.split)) throw new Error('not a chunked JSON file');
      value = header.value;
      linesLeft = header.split[0]?.lines ?? 0;
      while (linesLeft === 0 && section < header.split.length) {
        value = setAt(value, header.split[section]?.path ?? [], []);
        section++;
        linesLeft = header.split[section]?.lines ?? 0;
      }
      continue;
    }
    const chunk = JSON.parse(line) as unknown[];
    if (!Array.isArray(chunk) || section >= header.split.length) throw new Error('unexpected line');
    for (const item of chunk) items.push(item);
    linesLeft--;
    while (linesLeft === 0 && section < header.split.length) {
      value = setAt(value, header.split[section]?.path ?? [], items);
      items = [];
      section++;
      linesLeft = header.split[section]?.lines ?? 0;
    }
  }
  if (!header || section < header.split.length) throw new Error('the file is cut short');
  return value;
}

/** An array, or another sequence that knows its length. */
function isCounted(value: unknown): value is Iterable<unknown> & { length: number } {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { length?: unknown }).length === 'number' &&
    typeof (value as { [Symbol.iterator]?: unknown })[Symbol.iterator] === 'function'
  );
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
