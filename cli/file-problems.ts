// Words for a file the command line could not read, in place of Node's
// "ENOENT: no such file or directory, stat '…'".

const REASONS: Record<string, string> = {
  ENOENT: 'there is no such file',
  ENOTDIR: 'there is no such file',
  EISDIR: 'it is a folder, not a file',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
};

/** "cannot read no/such/file.csv: there is no such file", or undefined for an error that is not about reading a file. */
export function cannotRead(e: unknown, fallbackPath: string): string | undefined {
  const err = e as NodeJS.ErrnoException;
  const reason = err?.code ? REASONS[err.code] : undefined;
  return reason && `cannot read ${err.path ?? fallbackPath}: ${reason}`;
}
