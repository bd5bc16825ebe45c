// The bot's HTTP route: /api/messages, as Teams (or the Agents Playground) calls it.
// The body arrives parsed and capped (app/http-guard.ts). Anyone on the
// internet can post here, so every refusal is a status and one log line:
// 400 for a body that is not an activity, 401 for a missing or bad token,
// 503 while the Bot Framework's signing keys cannot be fetched.
import type { Activity } from 'botbuilder';
import type restify from 'restify';
import type { PlanPulseAdapter } from './adapter';
import type { PlanPulseBot } from './planpulse-bot';
import { hostnameOf, isLoopbackHost } from '../core/loopback';
import { activityProblem } from './activity-check';
import { isAuthFailure, isKeyEndpointFailure, KeyEndpointBackoff, tokenProblem, type ChannelTokenCheck } from './token-check';

/** The largest request body /api/messages reads (Teams caps a message at about 100 KB). */
export const MAX_ACTIVITY_BYTES = 256 * 1024;

/** Teams gives up on an invoke after about 15 s; an answer later than this helps nobody. */
export const ACTIVITY_DEADLINE_MS = 20_000;

export interface BotRouteOptions {
  /** No Bot Framework credentials: only loopback service URLs are answered. */
  unauthenticated: boolean;
  /** Wraps each activity's handling, e.g. to give its log lines a correlation id. */
  around?: <T>(activity: { id?: string; type?: string }, work: () => Promise<T>) => Promise<T>;
  deadlineMs?: number;
  /** Checks a channel token's signature before botbuilder (authenticated mode). */
  tokenCheck?: ChannelTokenCheck;
}

export function mountBotRoutes(
  server: restify.Server,
  adapter: PlanPulseAdapter,
  bot: PlanPulseBot,
  log: (line: string) => void,
  opts: BotRouteOptions = { unauthenticated: true },
): void {
  const backoff = new KeyEndpointBackoff();
  const around = opts.around ?? (<T>(_a: unknown, work: () => Promise<T>) => work());
  server.post('/api/messages', async (req, res) => {
    const body = req.body as Record<string, unknown> | undefined;
    const id = typeof body?.id === 'string' ? body.id.slice(0, 100) : undefined;
    const type = typeof body?.type === 'string' ? body.type.slice(0, 40) : undefined;
    await around({ id, type }, async () => {
      // Unauthenticated mode trusts whoever can reach loopback; a web page whose
      // name was rebound to 127.0.0.1 can too, but it cannot make its Host header loopback.
      if (opts.unauthenticated && !isLoopbackHost(hostnameOf(String(req.headers.host ?? '')))) {
        log('refused an activity: unauthenticated mode answers only requests addressed to a loopback host');
        res.send(403, { error: 'Without Bot Framework credentials PlanPulse answers only requests to 127.0.0.1 or localhost.' });
        return;
      }
      const problem = activityProblem(body, { loopbackOnly: opts.unauthenticated });
      if (problem) {
        log(`refused an activity: ${problem}`);
        res.send(400, { error: problem });
        return;
      }
      const authHeader = String(req.headers.authorization ?? '');
      if (!opts.unauthenticated) {
        const bad = tokenProblem(authHeader);
        if (bad) {
          log(`refused an activity: not authenticated (${bad})`);
          res.send(401, { error: 'Not authenticated' });
          return;
        }
        const wait = backoff.waitSeconds();
        if (wait > 0) {
          res.header('Retry-After', String(wait));
          res.send(503, { error: 'PlanPulse cannot check sign-ins just now; try again shortly.' });
          return;
        }
      }
      try {
        const forged = opts.unauthenticated ? undefined : await opts.tokenCheck?.problem(authHeader);
        if (forged) {
          log(`refused an activity: not authenticated (${forged})`);
          res.send(401, { error: 'Not authenticated' });
          return;
        }
        const invoke = await withDeadline(
          adapter.processIncoming(authHeader, body as unknown as Activity, (ctx) => bot.run(ctx)),
          opts.deadlineMs ?? ACTIVITY_DEADLINE_MS,
        );
        if (!opts.unauthenticated && backoff.succeeded()) log('the Bot Framework signing keys can be fetched again');
        res.send(invoke?.status ?? 200, invoke?.body);
      } catch (e) {
        if (isAuthFailure(e)) {
          log(`refused an activity: not authenticated (${oneLine(e)})`);
          res.send(401, { error: 'Not authenticated' });
          return;
        }
        if (isKeyEndpointFailure(e)) {
          const wait = backoff.failed();
          log(`cannot fetch the Bot Framework signing keys (${oneLine(e)}); answering 503 for ${wait} s before trying again`);
          res.header('Retry-After', String(wait));
          res.send(503, { error: 'PlanPulse cannot check sign-ins just now; try again shortly.' });
          return;
        }
        if (e instanceof DeadlineError) {
          log(`activity took longer than ${(opts.deadlineMs ?? ACTIVITY_DEADLINE_MS) / 1000} s; answered 503`);
          res.send(503, { error: 'PlanPulse took too long; try again.' });
          return;
        }
        log(`activity failed: ${oneLine(e)}`);
        res.send(500, { error: 'PlanPulse could not handle this activity' });
      }
    });
  });
}

class DeadlineError extends Error {}

/** The answer, or a DeadlineError once `ms` have passed (the work itself carries on and is logged as usual). */
function withDeadline<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new DeadlineError()), ms);
  });
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}

/** An error as one short line: its name and message, never a stack. */
function oneLine(e: unknown): string {
  const err = e as Error;
  const text = err?.message ? `${err.name && err.name !== 'Error' ? `${err.name}: ` : ''}${err.message}` : String(e);
  return text.replace(/\s+/g, ' ').slice(0, 300);
}
