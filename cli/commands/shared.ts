// What every command shares: the Io it prints through, the store it opens
// only once its arguments have been checked, and the words for problems.
import fs from 'node:fs';
import type { Config } from '../../app/config';
import { openStore } from '../../app/open-store';
import type { DeliveryGroup } from '../../core/model';
import type { PlanStore } from '../../core/ports';
import { cannotRead } from '../file-problems';
import type { Flags, FlagSpec } from './flags';

export interface Io {
  out(line: string): void;
  err(line: string): void;
  env: NodeJS.ProcessEnv;
}

/** Exit codes: 0 done; 1 failed and nothing done; 2 the command line or settings were wrong, nothing ran; 3 partly done. */
export const DONE = 0;
export const FAILED = 1;
export const USAGE = 2;
export const PARTLY = 3;

export interface Parsed {
  flags: Flags;
  positionals: string[];
}

export interface CommandSpec {
  name: string;
  /** "import <files|folder> [--dry-run] [--sheet NAME] [--map field=\"Header\"] [--json]" */
  usage: string;
  summary: string;
  /** Every flag the command takes; anything else is refused before it runs. */
  flags: FlagSpec;
  run(args: Parsed, config: Config, io: Io): Promise<number>;
}

/** Prints a value as JSON, one document, for --json. */
export function printJson(io: Io, value: unknown): void {
  io.out(JSON.stringify(value, null, 2));
}

/** One wording for every date the command line cannot read, impossible ones ("31/02/2024") included. */
export const unreadableDate = (raw: string) => `"${raw}" is not a date PlanPulse can read; try "12 Dec 2026"`;

/** Reads the files a person named; a file that cannot be read is said in words and ends the command. */
export async function readNamed<T>(files: string[], io: Io, read: () => Promise<T>): Promise<T | undefined> {
  try {
    return await read();
  } catch (e) {
    const why = cannotRead(e, files.join(', ')) ?? (/has no sheet/.test((e as Error).message) ? (e as Error).message : undefined);
    if (!why) throw e;
    io.err(why);
    return undefined;
  }
}

/** The delivery group a person named, or undefined after saying which keys there are. */
export async function namedGroup(store: PlanStore, groupKey: string, io: Io): Promise<DeliveryGroup | undefined> {
  const groups = (await store.loadPlan()).deliveryGroups;
  const group = groups.find((g) => g.key === groupKey);
  if (!group) {
    io.err(
      groups.length
        ? `There is no delivery group "${groupKey}"; the keys are ${groups.map((g) => g.key).join(', ')} (planpulse groups lists them)`
        : `There is no delivery group "${groupKey}": no plan is loaded yet (planpulse import)`,
    );
  }
  return group;
}

/**
 * For a command that changes a plan (chair, meeting, kpi record): on the
 * embedded store with no database file yet there is no plan to change, and
 * opening the store would create the file. Says so and gives true; nothing is made.
 */
export function noPlanYet(config: Config, io: Io): boolean {
  if (config.store !== 'local' || fs.existsSync(config.dbFile)) return false;
  io.err(`no plan at ${config.dbFile} yet: import one first (planpulse import); nothing was changed`);
  return true;
}

export async function withStore<T>(config: Config, fn: (store: PlanStore) => Promise<T>, opts: { readOnly?: boolean } = {}): Promise<T> {
  const store = await openStore(config, opts);
  try {
    return await fn(store);
  } finally {
    await store.close();
  }
}

/**
 * Runs fn with one warning code not emitted; every other warning is, and the
 * filter is gone when fn returns.
 */
export function withoutWarning<T>(code: string, fn: () => T): T {
  const original = process.emitWarning;
  process.emitWarning = function (this: NodeJS.Process, warning: string | Error, ...rest: unknown[]) {
    const first = rest[0] as { code?: string } | string | undefined;
    const given = first && typeof first === 'object' ? first.code : rest[1];
    if (given === code) return;
    return (original as (...a: unknown[]) => void).call(this, warning, ...rest);
  } as typeof process.emitWarning;
  try {
    return fn();
  } finally {
    process.emitWarning = original;
  }
}

/**
 * Loads the server's modules (restify, botbuilder) for the commands that need
 * them (serve, nudge, install-app); no other command loads restify. restify's
 * http-deceiver reads process.binding('http_parser') as it loads, which Node
 * reports as DEP0111 twice on every run: that one code, and only while these
 * modules load, is not printed.
 */
export function loadServer(): typeof import('../../app/start') {
  return withoutWarning('DEP0111', () => require('../../app/start') as typeof import('../../app/start'));
}
