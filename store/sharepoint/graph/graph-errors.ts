// Turns a failed Graph response into one of the core's errors, so nothing
// above this folder needs to know HTTP statuses or OData error shapes.
import { ConflictError, NotFoundError, UpstreamError } from '../../../core/errors';
import { scrub } from '../../../core/redact';
import { isTransient } from './retry-policy';

/** "invalidRequest: Field 'Foo' is not recognized", or the status alone. */
export function describeGraphError(status: number, body: unknown): string {
  const error = (body as { error?: { code?: unknown; message?: unknown } } | undefined)?.error;
  const code = typeof error?.code === 'string' ? error.code : undefined;
  const message = typeof error?.message === 'string' ? error.message : undefined;
  const detail = [code, message].filter(Boolean).join(': ');
  return detail ? `${status} ${detail}` : String(status);
}

/**
 * What an administrator can do about a failure that is about the site's set-up
 * rather than the request: a missing Sites.Selected grant (403), or a filter
 * SharePoint will not run on a list past 5,000 items because the column lost
 * or never got its index (422 notSupported, fact sheet A5).
 */
export function adviceFor(status: number, body: unknown, url?: string): string | undefined {
  // Only a site's resources are governed by Sites.Selected (installing a Teams app for a user is not).
  if (status === 403 && (url === undefined || /^(https:\/\/[^/]+\/v1\.0)?\/sites\//.test(url))) {
    return (
      "PlanPulse's app registration is not allowed to do this on the site: it needs Graph's Sites.Selected permission with a " +
      "'write' role on the site to keep the plan, and 'manage' (or 'fullcontrol') to create lists and columns (infra/README.md, App registrations)."
    );
  }
  const code = (body as { error?: { code?: unknown } } | undefined)?.error?.code;
  if (status === 422 && code === 'notSupported') {
    return (
      'SharePoint would not run the query: the list has more than 5,000 items and a column it filters on has no index. ' +
      'Run `planpulse provision` to index the columns PlanPulse looks rows up by.'
    );
  }
  return undefined;
}

/** `what` says what we were doing, e.g. "PATCH PlanPulse Actions item 12"; `url`, what was asked for. */
export function graphError(status: number, body: unknown, what: string, url?: string): Error {
  const advice = adviceFor(status, body, url);
  // Graph's message, or a nextLink in `what`, may quote a signed URL: the command line prints this as it is.
  const text = scrub(`${what} failed: ${describeGraphError(status, body)}${advice ? `. ${advice}` : ''}`);
  if (status === 404) return new NotFoundError(text);
  if (status === 412) return new ConflictError(text);
  return new UpstreamError(text, status);
}

/**
 * Whether a failed create may have met a unique column. Graph does not say
 * what status a duplicate gets: our fake answers 409, SharePoint REST answers
 * 500 (SPDuplicateValuesFoundException) and others report 400. So any failure
 * but a transient one might be a duplicate, and the caller must look the key
 * up again to know.
 */
export function mayBeDuplicate(error: unknown): boolean {
  return error instanceof UpstreamError && !isTransient(error.status);
}
