// SharePoint's per-app resource-unit limit (fact sheet A12): each request costs
// units (1 for one item, 2 for a list query or any write, each inner $batch
// request on its own), and beyond the minute's budget requests get 429 with
// the Retry-After that frees enough of the window. Off unless armed.

export function resourceUnits(method: string, url: string): number {
  if (method.toUpperCase() !== 'GET') return 2;
  return /\/items\/[^/?]+(\?|$)/.test(url) ? 1 : 2;
}

export class ResourceMeter {
  private limit: number | undefined;
  private window: Array<{ at: number; units: number }> = [];
  private inWindow = 0;
  charged = 0;
  refused = 0;

  /** Units allowed in any 60 seconds; undefined turns the meter off. */
  arm(ruPerMinute: number | undefined): void {
    this.limit = ruPerMinute;
    this.window = [];
    this.inWindow = 0;
  }

  /** Charges the request, or returns the seconds to wait when the minute's budget would be exceeded. */
  charge(method: string, url: string, now = Date.now()): number | undefined {
    const units = resourceUnits(method, url);
    if (this.limit === undefined) {
      this.charged += units;
      return undefined;
    }
    while (this.window.length > 0 && this.window[0].at <= now - 60_000) this.inWindow -= this.window.shift()!.units;
    if (this.inWindow + units > this.limit) {
      this.refused += 1;
      let freed = 0;
      let until = now;
      for (const w of this.window) {
        freed += w.units;
        until = w.at + 60_000;
        if (this.inWindow - freed + units <= this.limit) break;
      }
      return Math.max(1, Math.ceil((until - now) / 1000));
    }
    this.window.push({ at: now, units });
    this.inWindow += units;
    this.charged += units;
    return undefined;
  }
}
