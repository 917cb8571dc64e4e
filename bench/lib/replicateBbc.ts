import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';

/**
 * Copies the BBC corpus `copies` times into a folder under `work`, each copy's headlines
 * made distinct (" (edition 2)"), so a large archive has real text and no exact duplicates.
 */
export async function replicateBbc(bbc: string, copies: number, work: string): Promise<string> {
  const target = path.join(work, `bbc-x${copies}`);
  for (const topic of await readdir(bbc)) {
    const files = await readdir(path.join(bbc, topic));
    const texts = await Promise.all(files.map((f) => readFile(path.join(bbc, topic, f))));
    for (let copy = 0; copy < copies; copy++) {
      const folder = path.join(target, `edition-${copy}`, topic);
      await mkdir(folder, { recursive: true });
      await Promise.all(
        files.map((file, i) => {
          const text = texts[i] as Buffer;
          const lineEnd = text.indexOf(10);
          const edited =
            copy === 0
              ? text
              : Buffer.concat([
                  text.subarray(0, lineEnd),
                  Buffer.from(` (edition ${copy + 1})`),
                  text.subarray(lineEnd),
                ]);
          return writeFile(path.join(folder, file), edited);
        }),
      );
    }
  }
  return target;
}
