// One Retry-After for every request the app sends, and an optional pace under
// SharePoint's per-app resource-unit budget. SharePoint meters the app per
// tenant, not per request, so when one request is told to wait, every request
// in flight (other batches, the bot's reads) waits too instead of meeting its
// own 429 (which SharePoint also charges for).

/** Resource units SharePoint charges (fact sheet A12): 1 for one item, 2 for a list query or any write. */
export function resourceUnits(method: string, url: string): number {
  if (method.toUpperCase() !== 'GET') return 2;
  // A single item (".../items/42" or ".../items/42?expand=fields") is 1; a list of items, lists or columns is 2.
  return /\/items\/[^/?]+(\?|$)/.test(url) ? 1 : 2;
}

export class ThrottleGate {
  private openAt = 0;
  private tokens: number;
  private refilledAt: number;

  /** `ruPerMinute`: the app's budget; undefined sends as fast as SharePoint allows (and waits out its 429s). */
  constructor(
    private readonly ruPerMinute: number | undefined,
    private readonly clock: () => number = Date.now,
  ) {
    // Start with a second's worth, so a burst cannot spend the whole minute at once.
    this.tokens = ruPerMinute ? ruPerMinute / 60 : 0;
    this.refilledAt = clock();
  }

  /** Everyone waits this long from now (the longest Retry-After seen wins). */
  holdOff(seconds: number): void {
    this.openAt = Math.max(this.openAt, this.clock() + seconds * 1000);
  }

  /** Waits for the gate to open and, with a budget, for `units` to be affordable; then spends them. */
  async pass(units: number): Promise<void> {
    for (;;) {
      const now = this.clock();
      if (now < this.openAt) {
        await wait(this.openAt - now);
        continue;
      }
      if (!this.ruPerMinute) return;
      const perMs = this.ruPerMinute / 60_000;
      this.tokens = Math.min(this.ruPerMinute / 60, this.tokens + (now - this.refilledAt) * perMs);
      this.refilledAt = now;
      // A batch dearer than a second's budget still goes once the bucket is full.
      const need = Math.min(units, this.ruPerMinute / 60);
      if (this.tokens >= need) {
        this.tokens -= units;
        return;
      }
      await wait(Math.ceil((need - this.tokens) / perMs));
    }
  }
}

function wait(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
