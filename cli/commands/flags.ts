// Strict flags: node's util.parseArgs with strict: true, so a mistyped flag or
// a flag without its value stops the command before anything is opened.
import { parseArgs } from 'node:util';

export type Flags = Record<string, string | boolean | string[] | undefined>;

export type FlagSpec = Record<string, { type: 'string' | 'boolean'; multiple?: boolean }>;

export type FlagResult = { ok: true; flags: Flags; positionals: string[] } | { ok: false; message: string };

export function parseFlags(args: string[], spec: FlagSpec): FlagResult {
  try {
    const { values, positionals } = parseArgs({ args, options: spec, strict: true, allowPositionals: true });
    return { ok: true, flags: values as Flags, positionals };
  } catch (e) {
    return { ok: false, message: flagProblem(e as Error & { code?: string }, args, spec) };
  }
}

/** "unknown flag --dryrun (did you mean --dry-run?)", "--sheet needs a value". */
function flagProblem(e: Error & { code?: string }, args: string[], spec: FlagSpec): string {
  const known = Object.keys(spec).map((f) => `--${f}`);
  const takes = known.length ? `it takes ${known.join(', ')}` : 'it takes no flags';
  if (e.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
    const flag = /'([^']+)'/.exec(e.message)?.[1] ?? args.find((a) => a.startsWith('-')) ?? '?';
    const near = known.find((k) => distance(k, flag) <= 2);
    return `unknown flag ${flag}${near ? ` (did you mean ${near}?)` : ''}; ${takes}`;
  }
  if (e.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
    const flag = /--([a-z-]+)/.exec(e.message)?.[0] ?? '?';
    return spec[flag.slice(2)]?.type === 'boolean' ? `${flag} takes no value` : `${flag} needs a value`;
  }
  return e.message;
}

/** Edit distance, to suggest the flag someone meant. */
function distance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
  }
  return d[a.length][b.length];
}
