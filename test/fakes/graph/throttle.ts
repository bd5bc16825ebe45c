// Scripted throttling: tests arm it, and the next n requests (outer, or inner
// batch requests) are refused the way SharePoint refuses them, leaving state
// untouched. 504 stands for a gateway timeout whose request never ran.

import { GraphError } from './errors';
import { ResourceMeter } from './resource-meter';
import type { FakeResponse } from './types';

export type ThrottleStatus = 429 | 503 | 504;

export class Throttle {
  private remaining = 0;
  private retryAfterSeconds = 0;
  private status: ThrottleStatus = 429;
  private onlyMethod: string | undefined;
  /** SharePoint's resource-unit budget, when armed (meterResourceUnits). */
  readonly meter = new ResourceMeter();

  /** With `onlyMethod`, only requests of that method are refused (and counted). */
  arm(count: number, retryAfterSeconds: number, status: ThrottleStatus = 429, onlyMethod?: string): void {
    if (!Number.isInteger(count) || count < 0) throw new RangeError('throttleNext: count must be a non-negative integer');
    if (!Number.isInteger(retryAfterSeconds) || retryAfterSeconds < 0) {
      throw new RangeError('throttleNext: retryAfterSeconds must be a non-negative integer');
    }
    if (status !== 429 && status !== 503 && status !== 504) throw new RangeError('throttleNext: status must be 429, 503 or 504');
    this.remaining = count;
    this.retryAfterSeconds = retryAfterSeconds;
    this.status = status;
    this.onlyMethod = onlyMethod?.toUpperCase();
  }

  private lostAnswers = 0;
  private lostMethod: string | undefined;

  /**
   * The next n requests (of `onlyMethod`) run, but their answer is lost on the
   * way back: the caller sees 504 although the change was made, as a real
   * gateway timeout can leave it.
   */
  loseAnswers(count: number, onlyMethod?: string): void {
    if (!Number.isInteger(count) || count < 0) throw new RangeError('loseAnswers: count must be a non-negative integer');
    this.lostAnswers = count;
    this.lostMethod = onlyMethod?.toUpperCase();
  }

  /** After a request ran: the 504 that replaces its answer, if one is armed. */
  lose(method: string): FakeResponse | undefined {
    if (this.lostAnswers === 0) return undefined;
    // The $batch envelope loses its answer only when asked for by name ('$BATCH').
    if (method === '$BATCH' && this.lostMethod !== '$BATCH') return undefined;
    if (this.lostMethod && method.toUpperCase() !== this.lostMethod) return undefined;
    this.lostAnswers--;
    return new GraphError(504, 'gatewayTimeout', 'The gateway did not receive a timely response from the service.').toResponse();
  }

  /** Consumes one throttled slot if armed and returns the refusal; otherwise undefined. */
  take(method: string, url = ''): FakeResponse | undefined {
    if (this.remaining === 0) {
      const wait = this.meter.charge(method, url);
      if (wait === undefined) return undefined;
      return new GraphError(
        429,
        'activityLimitReached',
        'The request has been throttled: the app used its resource units for this minute.',
        undefined,
        {
          'Retry-After': String(wait),
        },
      ).toResponse();
    }
    if (this.onlyMethod && method.toUpperCase() !== this.onlyMethod) return undefined;
    this.remaining--;
    return this.refusal();
  }

  /**
   * For a whole $batch request: refused (nothing in it runs) only when armed
   * for '$BATCH'. Graph meters the envelope as a request too, so a busy
   * service can refuse the batch itself, not only requests inside it.
   */
  takeBatch(): FakeResponse | undefined {
    if (this.remaining === 0 || this.onlyMethod !== '$BATCH') return undefined;
    this.remaining--;
    return this.refusal();
  }

  private refusal(): FakeResponse {
    const headers = { 'Retry-After': String(this.retryAfterSeconds) };
    const error =
      this.status === 429
        ? new GraphError(429, 'activityLimitReached', 'The request has been throttled.', undefined, headers)
        : this.status === 503
          ? new GraphError(503, 'serviceNotAvailable', 'The service is temporarily unavailable. Retry after the given delay.', undefined, headers)
          : new GraphError(504, 'gatewayTimeout', 'The gateway did not receive a timely response from the service.', undefined, headers);
    return error.toResponse();
  }
}
