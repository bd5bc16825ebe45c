// Plan references ("1", "1.1", "3.7.10") sort as numbers, part by part, so
// 3.7.10 follows 3.7.8 as it does in the plan document.

export function compareRefs(a: string, b: string): number {
  const pa = a.split('.');
  const pb = b.split('.');
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    if (pa[i] === undefined) return -1;
    if (pb[i] === undefined) return 1;
    const na = Number(pa[i]);
    const nb = Number(pb[i]);
    if (!Number.isNaN(na) && !Number.isNaN(nb) && na !== nb) return na - nb;
    if (Number.isNaN(na) || Number.isNaN(nb)) {
      const c = pa[i].localeCompare(pb[i]);
      if (c !== 0) return c;
    }
  }
  return 0;
}

export function byRef<T extends { ref: string }>(a: T, b: T): number {
  return compareRefs(a.ref, b.ref);
}

/** "1.1.3" → "1.1"; "1.1" → "1". */
export function parentRef(ref: string): string {
  return ref.split('.').slice(0, -1).join('.');
}

export const ACTION_REF = /^\d+\.\d+\.\d+$/;
export const OUTCOME_REF = /^\d+\.\d+$/;
export const PRIORITY_REF = /^\d+$/;
