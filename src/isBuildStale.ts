import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Whether TypeScript sources changed after the compiled file was built: after a `git pull`
 * without `npm run build`, `npm start` would otherwise run yesterday's code without a word.
 * Looks at the `.ts` files under `sourceDirs`; missing folders (an install without sources)
 * count as unchanged.
 */
export function isBuildStale(sourceDirs: readonly string[], builtFile: string): boolean {
  let built: number;
  try {
    built = statSync(builtFile).mtimeMs;
  } catch {
    return false;
  }
  const newer = (dir: string): boolean => {
    let entries: import('node:fs').Dirent[];
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return false;
    }
    return entries.some((entry) => {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) return newer(file);
      return entry.name.endsWith('.ts') && statSync(file).mtimeMs > built;
    });
  };
  return sourceDirs.some(newer);
}

/**
 * For the running program: whether it runs compiled (`dist/src/…`) from sources that changed
 * since. Running the TypeScript itself (tests, tsx) is never stale.
 */
export function isThisBuildStale(): boolean {
  const self = fileURLToPath(import.meta.url);
  if (self.endsWith('.ts')) return false;
  const root = path.resolve(path.dirname(self), '..', '..');
  return isBuildStale([path.join(root, 'src'), path.join(root, 'commands')], self);
}
