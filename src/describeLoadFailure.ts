/** A one-line, human reason why the articles folder itself could not be read. */
export function describeLoadFailure(dir: string, error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT') return `The articles folder "${dir}" does not exist.`;
  if (code === 'ENOTDIR') return `"${dir}" is a file, not a folder of articles.`;
  if (code === 'EACCES' || code === 'EPERM')
    return `newsdesk is not allowed to read the articles folder "${dir}".`;
  return `The articles folder "${dir}" could not be read.`;
}
