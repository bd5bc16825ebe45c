// Core errors to HTTP statuses, in one place for every tab route. Bodies say
// what went wrong in words; a 403 never carries any of the action's data.
import type restify from 'restify';
import { ConflictError, ForbiddenError, InvalidError, NotFoundError, UpstreamError } from '../../../core/errors';
import { TokenRefused } from '../auth/sso';
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

export function errorAnswer(e: unknown): { status: number; body: ErrorBody } {
  if (e instanceof HttpError) return { status: e.status, body: e.body };
  if (e instanceof TokenRefused) return { status: 401, body: { error: `Not signed in: ${e.reason}.` } };
  if (e instanceof InvalidError) return { status: 400, body: { error: 'That was not saved.', problems: e.problems } };
  if (e instanceof ForbiddenError) return { status: 403, body: { error: e.message } };
  if (e instanceof NotFoundError) return { status: 404, body: { error: e.message } };
  if (e instanceof ConflictError) return { status: 409, body: { error: e.message } };
  if (e instanceof UpstreamError) return { status: 503, body: { error: 'The plan could not be reached just now; try again in a minute.' } };
  return { status: 500, body: { error: 'PlanPulse could not answer that.' } };
}

export type Handler = (req: restify.Request) => Promise<unknown>;

/**
 * Every answer is JSON and says so in a way no browser second-guesses: the
 * bodies carry what people typed (HTML, script, links), which must never be
 * read as a page, whatever the request's Accept header asked for.
 */
export function sendJson(res: restify.Response, status: number, body: unknown): void {
  res.header('Cache-Control', 'no-store');
  res.header('X-Content-Type-Options', 'nosniff');
  res.header('Content-Type', 'application/json; charset=utf-8');
  res.sendRaw(status, JSON.stringify(body));
}

/** Runs a route: 200 with its JSON, or the mapped error. Unexpected errors are logged, never sent. */
export function route(log: (line: string) => void, handler: Handler): restify.RequestHandler {
  return async (req, res) => {
    try {
      sendJson(res, 200, await handler(req));
    } catch (e) {
      const { status, body } = errorAnswer(e);
      if (status >= 500) log(`tab API ${req.method} ${req.path()} failed: ${(e as Error).stack ?? String(e)}`);
      sendJson(res, status, body);
    }
  };
}
