// Turns a failed Graph response into one of the core's errors, so nothing
// above this folder needs to know HTTP statuses or OData error shapes.
import { ConflictError, NotFoundError, UpstreamError } from '../../../core/errors';
import { isTransient } from './retry-policy';

/** "invalidRequest: Field 'Foo' is not recognized", or the status alone. */
export function describeGraphError(status: number, body: unknown): string {
  const error = (body as { error?: { code?: unknown; message?: unknown } } | undefined)?.error;
  const code = typeof error?.code === 'string' ? error.code : undefined;
  const message = typeof error?.message === 'string' ? error.message : undefined;
  const detail = [code, message].filter(Boolean).join(': ');
  return detail ? `${status} ${detail}` : String(status);
}

/** `what` says what we were doing, e.g. "PATCH PlanPulse Actions item 12". */
export function graphError(status: number, body: unknown, what: string): Error {
  const text = `${what} failed: ${describeGraphError(status, body)}`;
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
