// Views kept as the JSON the tab is sent, for one version of what they were
// built from. A chair's delivery group is hundreds of rows, each with its
// flags and what this viewer may do with it, and rebuilding it on every page
// load in a meeting is most of a page load's time; kept here, it is built
// once per viewer and version. The key says whose view it is (their identity
// and role); the version is the objects the views were built from (the plan
// as the read model hands it back, which is a new object after any change),
// so a save anywhere empties the cache at once. Views are kept as text, which
// is compact and needs no serialising again, up to a budget of characters.

export class ViewCache {
  private version: readonly unknown[] = [];
  private readonly entries = new Map<string, string>();
  private chars = 0;

  constructor(private readonly maxChars: number) {}

  /** The view at `key` for this `version`, built (and kept, if it fits) when it is not held. */
  get(version: readonly unknown[], key: string, build: () => string): string {
    if (version.length !== this.version.length || version.some((v, i) => v !== this.version[i])) {
      this.entries.clear();
      this.chars = 0;
      this.version = [...version];
    }
    const held = this.entries.get(key);
    if (held !== undefined) {
      // Most recently used last, so the budget evicts the view nobody has opened for longest.
      this.entries.delete(key);
      this.entries.set(key, held);
      return held;
    }
    const json = build();
    // Keys count too: they hold the viewer, and views of a group someone leads nothing in are
    // small, so a caller walking "changed since" through every date would otherwise pile up keys.
    if (json.length + key.length <= this.maxChars) {
      this.entries.set(key, json);
      this.chars += json.length + key.length;
      for (const [k, v] of this.entries) {
        if (this.chars <= this.maxChars) break;
        this.entries.delete(k);
        this.chars -= v.length + k.length;
      }
    }
    return json;
  }

  /** How many views are held (tests). */
  get size(): number {
    return this.entries.size;
  }
}

/** A cached view's JSON with this answer's "as at" put in front (the cached text leaves it out). */
export function withAsAt(json: string, asAt: string): string {
  const rest = json.slice(1).trimStart();
  return `{"asAt":${JSON.stringify(asAt)}${rest.startsWith('}') ? '' : ','}${rest}`;
}
