// The plan holds names, emails and what people wrote about their work: its
// SQLite file is readable by PlanPulse's own user only (0600), and so is the
// folder it lives in (0700) when that folder is PlanPulse's own.
import fs from 'node:fs';
import path from 'node:path';

const SIDE_FILES = ['-wal', '-shm', '-journal'];

/**
 * Makes the database's folder (0700) and file (0600) before SQLite opens it;
 * SQLite gives its WAL and shared-memory files the main file's mode. An
 * existing folder is tightened only when it holds nothing but this database,
 * so pointing PLANPULSE_DB into a shared folder never changes that folder.
 */
export function preparePrivateDatabaseFile(file: string): void {
  const dir = path.dirname(path.resolve(file));
  const existed = fs.existsSync(dir);
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const base = path.basename(file);
  const ours = (name: string) => name === base || SIDE_FILES.some((s) => name === base + s);
  if (!existed || fs.readdirSync(dir).every(ours)) tighten(dir, 0o700);
  if (!fs.existsSync(file)) fs.closeSync(fs.openSync(file, 'a', 0o600));
  for (const name of [base, ...SIDE_FILES.map((s) => base + s)]) {
    const p = path.join(dir, name);
    if (fs.existsSync(p)) tighten(p, 0o600);
  }
}

function tighten(p: string, mode: number): void {
  try {
    if ((fs.statSync(p).mode & 0o777) !== mode) fs.chmodSync(p, mode);
  } catch {
    // Not ours to change (another owner): SQLite will still open it if it may.
  }
}
