import { createHash } from 'node:crypto';
import { realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { listArticleFiles } from '../corpus/loadCorpus';

/**
 * A fingerprint of an articles folder: the path, size and modification time of every article
 * file in it. Any added, removed, renamed or rewritten file changes it, so a saved index with
 * the same fingerprint was built from exactly these files. Reads no file contents.
 */
export async function fingerprintFolder(dir: string, salt: string): Promise<string> {
  const root = await realpath(dir);
  const { files, skipped } = await listArticleFiles(root);
  const entries = await Promise.all(
    files.map(async (file) => {
      try {
        const info = await stat(path.join(root, file));
        return `${file}\t${info.size}\t${info.mtimeMs}`;
      } catch {
        return `${file}\tunreadable`;
      }
    }),
  );
  const hash = createHash('sha256').update(`${salt}\n${root}\n`);
  for (const entry of entries.sort()) hash.update(`${entry}\n`);
  for (const link of skipped.map((s) => s.path).sort()) hash.update(`link\t${link}\n`);
  return hash.digest('hex');
}
