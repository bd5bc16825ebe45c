// The server's log: pino, one JSON object a line in production (or whenever
// stdout is not a terminal, so a host's log collector can read it), readable
// lines at a terminal. PLANPULSE_LOG sets the level ("silent" in the tests).
// Every line written inside an activity or a scheduled run carries that
// work's correlation id, and nothing that looks like a secret or a token is
// ever written.
import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import pino, { type DestinationStream, type Logger } from 'pino';
import { scrub } from '../core/redact';

export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
export const LOG_LEVELS: readonly LogLevel[] = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

/** What the current piece of work is: one activity, one scheduled run. */
interface Correlation {
  correlationId: string;
  /** "activity" or "run", plus anything worth repeating on every line (the activity id, the job). */
  [field: string]: string;
}

const context = new AsyncLocalStorage<Correlation>();

/** Runs `work` with a correlation id every log line inside it carries. */
export function withCorrelation<T>(fields: { kind: 'activity' | 'run'; [field: string]: string }, work: () => T): T {
  return context.run({ correlationId: randomUUID(), ...fields }, work);
}

export function currentCorrelationId(): string | undefined {
  return context.getStore()?.correlationId;
}

// Field names whose values are never logged, wherever they sit in a logged object.
const SECRET_KEYS = [
  'authorization',
  'Authorization',
  'password',
  'secret',
  'token',
  'accessToken',
  'access_token',
  'clientSecret',
  'client_secret',
  'appPassword',
  'MicrosoftAppPassword',
  'AZURE_CLIENT_SECRET',
  'cookie',
];
const REDACT_PATHS = [
  ...SECRET_KEYS,
  ...SECRET_KEYS.map((k) => `*.${k}`),
  ...SECRET_KEYS.map((k) => `*.*.${k}`),
  'req.headers.authorization',
  'headers.authorization',
];

/**
 * Tokens can also hide inside free text (an error message quoting a header):
 * bearer values, anything shaped like a JWT and credential query parameters
 * are blanked out of messages (core/redact.ts).
 */
export { scrub };

export interface LogOptions {
  level?: string;
  /** Readable lines rather than JSON. Default: at a terminal and not in production. */
  pretty?: boolean;
  /** Where lines go (tests capture them); stdout by default. */
  destination?: DestinationStream;
}

/** The level PLANPULSE_LOG asks for; an unknown value is a configuration problem (app/config.ts checks it). */
export function levelFrom(env: NodeJS.ProcessEnv): LogLevel {
  const raw = (env.PLANPULSE_LOG || 'info').trim().toLowerCase();
  return (LOG_LEVELS as readonly string[]).includes(raw) ? (raw as LogLevel) : 'info';
}

export function createLogger(opts: LogOptions = {}, env: NodeJS.ProcessEnv = process.env): Logger {
  const pretty = opts.pretty ?? (env.NODE_ENV !== 'production' && Boolean(process.stdout.isTTY) && !opts.destination);
  const options: pino.LoggerOptions = {
    level: opts.level ?? levelFrom(env),
    base: { app: 'planpulse' },
    redact: { paths: REDACT_PATHS, censor: '[redacted]' },
    mixin: () => context.getStore() ?? {},
    hooks: {
      // Scrub every string argument, so a token quoted in a message never lands in the log.
      logMethod(args, method) {
        method.apply(
          this,
          args.map((a) =>
            typeof a === 'string' ? scrub(a) : a instanceof Error ? { err: { type: a.name, message: scrub(a.message) } } : a,
          ) as Parameters<typeof method>,
        );
      },
    },
    timestamp: pino.stdTimeFunctions.isoTime,
  };
  if (pretty) {
    // pino-pretty in the same thread: no worker, so nothing is lost when the process exits.
    const prettyStream = require('pino-pretty')({ colorize: true, translateTime: 'SYS:HH:MM:ss', ignore: 'pid,hostname,app' });
    return pino(options, prettyStream);
  }
  return opts.destination ? pino(options, opts.destination) : pino(options);
}

let shared: Logger | undefined;

/** The process's logger, made on first use from the environment. */
export function logger(): Logger {
  shared ??= createLogger();
  return shared;
}

/**
 * The `log(line)` the bot's services and the scheduler take, written through
 * pino. Those lines carry no level of their own, so one is read from how they
 * begin: a refusal is a warning, a failure an error, anything else info.
 */
export function lineLogger(l: Logger = logger()): (line: string) => void {
  return (line: string) => l[levelOfLine(line)](line);
}

export function levelOfLine(line: string): 'info' | 'warn' | 'error' {
  if (/^(refused|cannot|not sent|did not)\b/i.test(line)) return 'warn';
  if (/\bfailed\b/i.test(line) && !/\b0 failed\b/.test(line)) return 'error';
  return 'info';
}
