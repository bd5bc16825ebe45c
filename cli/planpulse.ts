#!/usr/bin/env node
// `planpulse`: the admin command line. Each command is a thin edge over one
// core use case; output is plain text so it can be piped or read aloud, or
// JSON with --json. Flags are checked strictly before the settings are even
// read: a mistyped flag is refused and nothing runs.
import path from 'node:path';
import { ConfigError, loadConfig } from '../app/config';
import { COMMANDS, installAppProblem, usage, type Io } from './commands/index';
import { parseFlags } from './commands/flags';
import { loadDotEnv } from './dotenv';

export async function runCli(argv: string[], io: Io): Promise<number> {
  const [name, ...args] = argv;
  const command = name ? COMMANDS[name] : undefined;
  if (!command) {
    if (!name || name === 'help' || name === '--help') {
      io.out(usage());
      return 0;
    }
    io.err(`unknown command "${name}"`);
    io.err(usage());
    return 2;
  }
  const parsed = parseFlags(args, command.flags);
  if (!parsed.ok) {
    io.err(`planpulse ${name}: ${parsed.message}; nothing was done`);
    io.err(`usage: planpulse ${command.usage}`);
    return 2;
  }
  const notHere = name === 'install-app' ? installAppProblem(io.env) : undefined;
  if (notHere) {
    io.err(notHere);
    return 2;
  }
  try {
    const config = loadConfig(io.env);
    return await command.run({ flags: parsed.flags, positionals: parsed.positionals }, config, io);
  } catch (e) {
    if (e instanceof ConfigError) {
      io.err(e.message);
      return 2;
    }
    io.err(`planpulse ${name}: ${(e as Error).message}`);
    return 1;
  }
}

export function main(): void {
  // Only the real entry point reads .env: tests hand runCli an env of their own.
  try {
    loadDotEnv(path.resolve('.env'), process.env);
  } catch (e) {
    process.stderr.write(`PlanPulse cannot read .env: ${(e as Error).message}\n`);
    process.exitCode = 2;
    return;
  }
  // Piped into `head`, the reader may leave early: stop quietly rather than crash on EPIPE.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw e;
  });
  const io: Io = { out: (s) => process.stdout.write(`${s}\n`), err: (s) => process.stderr.write(`${s}\n`), env: process.env };
  void runCli(process.argv.slice(2), io).then((code) => {
    process.exitCode = code;
  });
}

if (require.main === module) main();
