// The board's month-on-month change in words and signed numbers (tab-design.md
// §2.5): "+1", "−2", "0", never ▲/▼ (▲ already means Amber) nor red/green.
import type { RagCounts, RagWord } from '../api/contract';

const ORDER: RagWord[] = ['Red', 'Amber', 'Green', 'Blue', 'Grey'];

/** "+1", "−2" (a true minus sign) or "0". */
export function signed(n: number): string {
  return n > 0 ? `+${n}` : n < 0 ? `−${-n}` : '0';
}

export function changeOf(now: RagCounts, then: RagCounts): RagCounts {
  return {
    Red: now.Red - then.Red,
    Amber: now.Amber - then.Amber,
    Green: now.Green - then.Green,
    Blue: now.Blue - then.Blue,
    Grey: now.Grey - then.Grey,
  };
}

/** "Since 28 Feb 2023: Red up 2, Amber up 3, Green down 6; Blue and Grey unchanged." */
export function changeSentence(now: RagCounts, then: RagCounts, sinceWords: string): string {
  const d = changeOf(now, then);
  const moved = ORDER.filter((r) => d[r] !== 0).map((r) => `${r} ${d[r] > 0 ? 'up' : 'down'} ${Math.abs(d[r])}`);
  const same = ORDER.filter((r) => d[r] === 0);
  if (!moved.length) return `Since ${sinceWords}: no change in any status.`;
  const sameWords =
    same.length === 0
      ? ''
      : same.length === 1
        ? `; ${same[0]} unchanged`
        : `; ${same.slice(0, -1).join(', ')} and ${same[same.length - 1]} unchanged`;
  return `Since ${sinceWords}: ${moved.join(', ')}${sameWords}.`;
}
