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

/**
 * Writes a value as JSON lines: a header, then the big arrays named by `paths` a few thousand
 * items per line. One JSON string of a 100,000-article index would pass V8's string limit;
 * this never builds a string larger than a line.
 */
export async function writeChunkedJson(
  file: string,
  value: unknown,
  paths: readonly string[][],
): Promise<void> {
  const arrays = paths.map((path) => {
    const found = getAt(value, path);
    return Array.isArray(found) ? found : [];
  });
  let shell = value;
  for (const path of paths) shell = setAt(shell, path, []);
  const header: Header = {
    split: paths.map((path, i) => ({
      path,
      lines: Math.ceil((arrays[i] as unknown[]).length / ITEMS_PER_LINE),
    })),
    value: shell,
  };
  const handle = await open(file, 'w');
  try {
    await handle.write(`${JSON.stringify(header)}\n`);
    for (const array of arrays) {
      for (let i = 0; i < array.length; i += ITEMS_PER_LINE) {
        await handle.write(`${JSON.stringify(array.slice(i, i + ITEMS_PER_LINE))}\n`);
      }
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
