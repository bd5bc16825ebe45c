// How long to wait before re-sending a throttled request. SharePoint charges
// throttled requests too and escalates to blocking apps that ignore
// Retry-After, so we always wait at least what it asks for (up to our cap).

export interface RetryPolicy {
  /** Re-sends after the first attempt; 0 turns retrying off. */
  maxRetries: number;
  /** The longest single wait, whatever Retry-After says. */
  delayCapSeconds: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxRetries: 5, delayCapSeconds: 120 };

/** 429 means too many requests; 503 means SharePoint is busy. Both come with Retry-After. */
export function isThrottled(status: number): boolean {
  return status === 429 || status === 503;
}

/** Throttling, or a 504 Gateway Timeout: answers that say nothing about the request itself. */
export function isTransient(status: number | undefined): boolean {
  return status !== undefined && (isThrottled(status) || status === 504);
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
