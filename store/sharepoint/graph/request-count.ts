// Counts what we send, so an import can say how many requests it took (and so
// tests can prove that a second provisioning run writes nothing).

export interface RequestCount {
  /** HTTP requests sent: retries and each $batch POST included. */
  outer: number;
  /** Of the outer requests, those that were $batch POSTs. */
  batches: number;
  /** Requests carried inside $batch bodies, re-sent throttled ones included. */
  inner: number;
  /** SharePoint resource units those requests cost (fact sheet A12), inner requests counted one by one. */
  units: number;
}

export class RequestCounter {
  private count: RequestCount = { outer: 0, batches: 0, inner: 0, units: 0 };

  countOuter(isBatch = false): void {
    this.count.outer += 1;
    if (isBatch) this.count.batches += 1;
  }

  countInner(n: number): void {
    this.count.inner += n;
  }

  countUnits(n: number): void {
    this.count.units += n;
  }

  snapshot(): RequestCount {
    return { ...this.count };
  }
}

/** What was sent between two snapshots, e.g. for one import. */
export function requestsBetween(before: RequestCount, after: RequestCount): RequestCount {
  return {
    outer: after.outer - before.outer,
    batches: after.batches - before.batches,
    inner: after.inner - before.inner,
    units: after.units - before.units,
  };
}
