// Finds every setting the code reads, by scanning the source rather than a
// list kept by hand, so a setting another change adds is caught here the day
// it lands: `process.env.X`, `env.X`, `env['X']`, `const { X } = env` outside test/, the
// names app/config.ts passes to its readers (num('PORT'), need('AZURE_…')),
// and the placeholders of the Teams manifest template.
import fs from 'node:fs';
import path from 'node:path';

export const ROOT = path.resolve(__dirname, '..', '..');
// bench/ scripts read their own knobs (sizes, quick runs): they are not the app's settings.
const SKIP = new Set(['node_modules', 'test', 'bench', '.git', 'dist', 'build', '.planpulse', 'coverage', 'devTools', 'test-output']);

function sourceFiles(dir = ROOT): string[] {
  const files: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (SKIP.has(entry.name)) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) files.push(...sourceFiles(full));
    else if (/\.(ts|tsx|cts|mts|js|cjs|mjs)$/.test(entry.name) && !entry.name.endsWith('.d.ts')) files.push(full);
  }
  return files;
}

const NAME = '[A-Za-z_][A-Za-z0-9_]*';
// `process.env.X` or a bare `env.X` (an injected environment), but not the file name `.env.example`.
const ENV = '(?:process\\.env|(?<![.\\w])env)';
const READS = [new RegExp(`${ENV}\\.(${NAME})`, 'g'), new RegExp(`${ENV}\\[\\s*['"\`](${NAME})['"\`]\\s*\\]`, 'g')];
/** A call whose first argument is a setting's name: num('PORT', …), need('AZURE_TENANT_ID'). */
const CONFIG_READS = /\b\w+\(\s*['"]([A-Z][A-Za-z0-9_]*)['"]/g;
/** A quoted name that can only be a setting: SOME_THING, or botbuilder's Microsoft…. */
const CONFIG_NAMES = /['"]((?:[A-Z][A-Z0-9]*_[A-Z0-9_]+)|(?:Microsoft[A-Z][A-Za-z]+))['"]/g;
/**
 * Not settings an admin makes: methods of the environment object, and
 * NODE_ENV, which bundlers define (esbuild's `define: { 'process.env.NODE_ENV': … }`).
 */
const NOT_SETTINGS = new Set(['hasOwnProperty', 'toString', 'keys', 'NODE_ENV']);

export interface SettingRead {
  name: string;
  files: string[];
}

export function settingsTheCodeReads(): Map<string, string[]> {
  const found = new Map<string, string[]>();
  const add = (name: string, file: string) => {
    if (NOT_SETTINGS.has(name)) return;
    const rel = path.relative(ROOT, file);
    const files = found.get(name) ?? [];
    if (!files.includes(rel)) files.push(rel);
    found.set(name, files);
  };
  for (const file of sourceFiles()) {
    const text = fs.readFileSync(file, 'utf8');
    for (const re of READS) for (const m of text.matchAll(re)) add(m[1], file);
    // const { A, B: b = 'x' } = process.env
    for (const m of text.matchAll(new RegExp(`\\{([^{}]*)\\}\\s*=\\s*${ENV}(?![.\\w[])`, 'g'))) {
      for (const part of m[1].split(',')) {
        const name = /^\s*(\w+)/.exec(part)?.[1];
        if (name) add(name, file);
      }
    }
    if (path.relative(ROOT, file) === path.join('app', 'config.ts')) {
      for (const m of text.matchAll(CONFIG_READS)) add(m[1], file);
      for (const m of text.matchAll(CONFIG_NAMES)) add(m[1], file);
    }
  }
  const template = path.join(ROOT, 'manifest', 'manifest.template.json');
  for (const m of fs.readFileSync(template, 'utf8').matchAll(/\$\{\{(\w+)\}\}/g)) {
    // Derived by the build from PUBLIC_URL, never set.
    if (m[1] !== 'PUBLIC_HOSTNAME') add(m[1], template);
  }
  return found;
}

/** The names .env.example sets or shows (commented-out lines count: they document an optional setting). */
export function envExampleNames(): Set<string> {
  const text = fs.readFileSync(path.join(ROOT, '.env.example'), 'utf8');
  return new Set([...text.matchAll(/^#?\s*([A-Za-z_][A-Za-z0-9_]*)=/gm)].map((m) => m[1]));
}

/** The settings table in infra/README.md: `NAME` → the "Set in Azure by" cell. */
export function guideSettings(): Map<string, string> {
  const text = fs.readFileSync(path.join(ROOT, 'infra', 'README.md'), 'utf8');
  const rows = new Map<string, string>();
  for (const line of text.split('\n')) {
    const cells = line.split('|').map((c) => c.trim());
    if (cells.length < 4) continue;
    const name = /^`([A-Za-z_][A-Za-z0-9_]*)`$/.exec(cells[1]);
    if (name) rows.set(name[1], cells[cells.length - 2]);
  }
  return rows;
}
