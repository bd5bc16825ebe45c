// Strict flags: node's util.parseArgs with strict: true, so a mistyped flag or
// a flag without its value stops the command before anything is opened.
import { parseArgs } from 'node:util';

export type Flags = Record<string, string | boolean | string[] | undefined>;

export type FlagSpec = Record<string, { type: 'string' | 'boolean'; multiple?: boolean }>;

export type FlagResult = { ok: true; flags: Flags; positionals: string[] } | { ok: false; message: string };

/**
 * "-5%", "-0.3": a negative number a person typed (a KPI that fell), never a
 * flag, since no flag is a dash and a digit. parseArgs would take it for a
 * short option and refuse it.
 */
const NEGATIVE = /^-\.?\d/;

export function parseFlags(args: string[], spec: FlagSpec): FlagResult {
  // A negative number after a flag that takes a value is that value (--note -2 → --note=-2);
  // anywhere else it is a positional, held under a stand-in while parseArgs runs.
  const held: string[] = [];
  const given: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--') {
      given.push(...args.slice(i));
      break;
    }
    if (!NEGATIVE.test(arg)) {
      given.push(arg);
      continue;
    }
    const before = given.at(-1);
    const flag = before && /^--([^=]+)$/.exec(before)?.[1];
    if (flag && spec[flag]?.type === 'string') given[given.length - 1] = `${before}=${arg}`;
    else given.push(`\u0000${held.push(arg) - 1}`);
  }
  const restore = (v: string) => (/^\u0000\d+$/.test(v) ? held[Number(v.slice(1))] : v);
  try {
    const { values, positionals } = parseArgs({ args: given, options: spec, strict: true, allowPositionals: true });
    return { ok: true, flags: values as Flags, positionals: positionals.map(restore) };
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
    if (spec[flag.slice(2)]?.type === 'boolean') return `${flag} takes no value`;
    // parseArgs refuses a value that starts with "-" (it may be a mistyped flag): say how to give one.
    const next = args[args.indexOf(flag) + 1];
    return next !== undefined && next.startsWith('-') && !next.startsWith('--')
      ? `${flag} needs a value (for one that starts with "-", write ${flag}="${next}")`
      : `${flag} needs a value`;
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
