// When to re-send a failed request, and how long to wait first. SharePoint
// charges throttled requests too and escalates to blocking apps that ignore
// Retry-After, so we always wait at least what it asks for (up to our cap).

export interface RetryPolicy {
  /** Re-sends after the first attempt; 0 turns retrying off. */
  maxRetries: number;
  /** The longest single wait, whatever Retry-After says. */
  delayCapSeconds: number;
  /**
   * Independent $batch requests in flight at once. Each carries up to 20
   * writes; four keep a large import moving while the resource-unit pace and
   * one shared Retry-After keep them inside SharePoint's budget.
   */
  parallelBatches?: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxRetries: 5, delayCapSeconds: 120, parallelBatches: 4 };

/** 429 means too many requests; 503 means SharePoint is busy. Both come with Retry-After. */
export function isThrottled(status: number): boolean {
  return status === 429 || status === 503;
}

/** Throttling, or a 504 Gateway Timeout: answers that say nothing about the request itself. */
export function isTransient(status: number | undefined): boolean {
  return status !== undefined && (isThrottled(status) || status === 504);
}

/** What decides whether a request may be sent again. */
export interface Resendable {
  method: string;
  headers?: Record<string, string>;
  /** A create on a column SharePoint keeps unique: a repeat is refused as a duplicate. */
  uniqueKey?: boolean;
}

/**
 * Throttling (429/503) means the request did not run, so it is always sent
 * again. A 504 Gateway Timeout may have run it: only a request that does no
 * harm twice is re-sent — a read, a write guarded by If-Match (a repeat meets
 * 412) or a create on a unique key. Other creates are left failed; history
 * records are made sure of by ActionHistory.ensureRecorded, which looks for
 * the record by its UpdateId before writing it again.
 */
export function mayResend(status: number, request: Resendable): boolean {
  if (isThrottled(status)) return true;
  if (status !== 504) return false;
  const ifMatch = Object.keys(request.headers ?? {}).some((name) => name.toLowerCase() === 'if-match');
  return request.method.toUpperCase() === 'GET' || ifMatch || request.uniqueKey === true;
}

/**
 * Seconds to wait, from a Retry-After value (seconds or an HTTP date). When the
 * header is missing or unreadable we back off exponentially from one second.
 */
export function retryDelaySeconds(retryAfter: string | null | undefined, attempt: number, policy: RetryPolicy): number {
  let seconds = parseRetryAfter(retryAfter);
  if (seconds === undefined) seconds = 2 ** attempt;
  return Math.min(Math.max(seconds, 0), policy.delayCapSeconds);
}

function parseRetryAfter(value: string | null | undefined): number | undefined {
  if (value === null || value === undefined || value.trim() === '') return undefined;
  const text = value.trim();
  if (/^\d+(\.\d+)?$/.test(text)) return Number(text);
  const at = Date.parse(text);
  return Number.isNaN(at) ? undefined : Math.ceil((at - Date.now()) / 1000);
}

export function sleep(seconds: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, seconds * 1000));
}
