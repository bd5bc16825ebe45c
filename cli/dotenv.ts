// Reads `.env` from the working directory, as .env.example invites ("Copy to
// .env"). Settings already in the environment win, so a host's own settings
// and a one-off `PORT=4000 npm start` are never overridden by the file.
import fs from 'node:fs';
import { parseEnv } from 'node:util';

/** Adds the file's settings that `env` does not already have; returns their names. A missing file adds nothing. */
export function loadDotEnv(file: string, env: NodeJS.ProcessEnv): string[] {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw e;
  }
  const added: string[] = [];
  for (const [name, value] of Object.entries(parseEnv(text))) {
    if (env[name] !== undefined || value === undefined) continue;
    env[name] = value;
    added.push(name);
  }
  return added;
}
