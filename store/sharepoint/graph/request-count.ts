// Counts what we send, so an import can say how many requests it took (and so
// tests can prove that a second provisioning run writes nothing).

export interface RequestCount {
  /** HTTP requests sent: retries and each $batch POST included. */
  outer: number;
  /** Requests carried inside $batch bodies, re-sent throttled ones included. */
  inner: number;
}

export class RequestCounter {
  private count: RequestCount = { outer: 0, inner: 0 };

  countOuter(): void {
    this.count.outer += 1;
  }

  countInner(n: number): void {
    this.count.inner += n;
  }

  snapshot(): RequestCount {
    return { ...this.count };
  }
}
