// Core errors to HTTP statuses, in one place for every tab route. Bodies say
// what went wrong in words; a 403 never carries any of the action's data.
import type restify from 'restify';
import { ConflictError, ForbiddenError, InvalidError, NotFoundError, UpstreamError } from '../../../core/errors';
import { SsoUnavailable, TokenRefused } from '../auth/sso';
import type { ErrorBody } from '../../api/contract';

/** An answer decided by a route (401 with why, a 409 with the action as it is now). */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: ErrorBody,
  ) {
    super(body.error);
  }
}

export function errorAnswer(e: unknown): { status: number; body: ErrorBody; headers?: Record<string, string> } {
  if (e instanceof HttpError) return { status: e.status, body: e.body };
  if (e instanceof SsoUnavailable) {
    return {
      status: 503,
      body: { error: 'Teams sign-in cannot be checked just now; try again in a minute.' },
      headers: { 'Retry-After': String(e.retryAfterSeconds) },
    };
  }
  if (e instanceof TokenRefused) return { status: 401, body: { error: `Not signed in: ${e.reason}.` } };
  if (e instanceof InvalidError) return { status: 400, body: { error: 'That was not saved.', problems: e.problems } };
  if (e instanceof ForbiddenError) return { status: 403, body: { error: e.message } };
  if (e instanceof NotFoundError) return { status: 404, body: { error: e.message } };
  if (e instanceof ConflictError) return { status: 409, body: { error: e.message } };
  if (e instanceof UpstreamError) return { status: 503, body: { error: 'The plan could not be reached just now; try again in a minute.' } };
  return { status: 500, body: { error: 'PlanPulse could not answer that.' } };
}

export type Handler = (req: restify.Request) => Promise<unknown>;

/** An answer already serialised (a cached view, tab/server/api/view-cache.ts): sent as it is. */
export class JsonText {
  constructor(readonly text: string) {}
}

/**
 * Every answer is JSON and says so in a way no browser second-guesses: the
 * bodies carry what people typed (HTML, script, links), which must never be
 * read as a page, whatever the request's Accept header asked for.
 */
export function sendJson(res: restify.Response, status: number, body: unknown): void {
  res.header('Cache-Control', 'no-store');
  res.header('X-Content-Type-Options', 'nosniff');
  res.header('Content-Type', 'application/json; charset=utf-8');
  res.sendRaw(status, body instanceof JsonText ? body.text : JSON.stringify(body));
}

/** Runs a route: 200 with its JSON, or the mapped error. Unexpected errors are logged, never sent. */
export function route(log: (line: string) => void, handler: Handler): restify.RequestHandler {
  return async (req, res) => {
    try {
      sendJson(res, 200, await handler(req));
    } catch (e) {
      answerError(log, `${req.method} ${req.path()}`, res, e);
    }
  };
}

/** Sends the mapped error. A 500 is logged with its stack; a 503 (a dependency down) in one line; the body never has either. */
export function answerError(log: (line: string) => void, what: string, res: restify.Response, e: unknown): void {
  const { status, body, headers } = errorAnswer(e);
  if (status === 500) log(`tab API ${what} failed: ${(e as Error).stack ?? String(e)}`);
  else if (status >= 500) log(`tab API ${what} answered ${status}: ${(e as Error).message ?? String(e)}`);
  for (const [k, v] of Object.entries(headers ?? {})) res.header(k, v);
  sendJson(res, status, body);
}
