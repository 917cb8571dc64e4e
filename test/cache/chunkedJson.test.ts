import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readChunkedJson, writeChunkedJson } from '../../src/cache/chunkedJson.js';

describe('chunked JSON', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'newsdesk-chunked-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('gives back the value it wrote, big arrays split over many short lines', async () => {
    const file = path.join(dir, 'value.jsonl');
    const value = {
      name: 'x',
      big: Array.from({ length: 10_001 }, (_, i) => ({ i, text: `item ${i}` })),
      nested: {
        empty: [] as number[],
        terms: Array.from({ length: 4500 }, (_, i) => [`t${i}`, i]),
      },
    };
    await writeChunkedJson(file, value, {
      split: [['big'], ['nested', 'empty'], ['nested', 'terms']],
    });
    const lines = (await readFile(file, 'utf8')).trimEnd().split('\n');
    expect(lines).toHaveLength(1 + 6 + 0 + 3);
    expect(Math.max(...lines.map((l) => l.length))).toBeLessThan(100_000);
    expect(await readChunkedJson(file)).toEqual(value);
  });

  it('keeps typed arrays as raw bytes after the lines and gives them back as typed arrays', async () => {
    const file = path.join(dir, 'binary.jsonl');
    const value = {
      name: 'postings',
      ids: Uint32Array.from({ length: 70_000 }, (_, i) => i * 7919),
      nested: { counts: Uint16Array.from([1, 65_535, 3]), empty: new Uint32Array(0) },
      lines: ['a', 'b'],
    };
    await writeChunkedJson(file, value, {
      split: [['lines']],
      binary: [['ids'], ['nested', 'counts'], ['nested', 'empty']],
    });
    const bytes = await readFile(file);
    expect(bytes.length).toBeLessThan(70_000 * 4 + 3 * 2 + 1000);
    const read = (await readChunkedJson(file)) as typeof value;
    expect(read).toEqual(value);
    expect(read.ids).toBeInstanceOf(Uint32Array);
    expect(read.nested.counts).toBeInstanceOf(Uint16Array);
    await writeFile(file, bytes.subarray(0, bytes.length - 2));
    await expect(readChunkedJson(file)).rejects.toThrow(/cut short/);
    await writeFile(file, Buffer.concat([bytes, Buffer.from('x')]));
    await expect(readChunkedJson(file)).rejects.toThrow(/past its end/);
  });

  it('refuses a file that is cut short or is not one', async () => {
    const file = path.join(dir, 'cut.jsonl');
    await writeChunkedJson(
      file,
      { big: Array.from({ length: 5000 }, (_, i) => i) },
      { split: [['big']] },
    );
    const text = await readFile(file, 'utf8');
    await writeFile(file, text.split('\n').slice(0, 2).join('\n'));
    await expect(readChunkedJson(file)).rejects.toThrow(/cut short/);
    await writeFile(file, '[1,2,3]\n');
    await expect(readChunkedJson(file)).rejects.toThrow();
  });
});
