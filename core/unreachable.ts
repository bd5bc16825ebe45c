// Why someone cannot be sent a prompt, read from what the reach store recorded,
// so the chair can tell "never set it up" from "removed it" from "blocked".
import type { Reachability } from './reach';

export type UnreachableWhy = 'not-installed' | 'team-only' | 'uninstalled' | 'blocked' | 'other';

export interface Unreachable {
  why: UnreachableWhy;
  /** The reason as recorded, when it fits none of the known kinds. */
  detail?: string;
}

/** Undefined when the person can be reached. No record at all means they never added PlanPulse. */
export function whyUnreachable(record: Pick<Reachability, 'reachable' | 'unreachableReason'> | undefined): Unreachable | undefined {
  if (!record) return { why: 'not-installed' };
  if (record.reachable) return undefined;
  const reason = (record.unreachableReason ?? '').toLowerCase();
  // Teams answers 403 both when the bot is blocked and when it was removed; the status is what we know.
  if (/\b403\b|blocked/.test(reason)) return { why: 'blocked' };
  if (/only in a team|group chat/.test(reason)) return { why: 'team-only' };
  if (/uninstall|removed/.test(reason)) return { why: 'uninstalled' };
  return { why: 'other', detail: record.unreachableReason || undefined };
}

const WHY_IN_WORDS: Record<UnreachableWhy, string> = {
  'not-installed': 'never added PlanPulse in Teams',
  'team-only': 'has PlanPulse only in a team, not in their own chat',
  uninstalled: 'removed PlanPulse',
  blocked: 'blocked its messages',
  other: 'could not be reached',
};

/** Why, in the words the tab shows a chair: "removed PlanPulse". */
export function unreachableInWords(u: Unreachable): string {
  return u.why === 'other' && u.detail ? `could not be reached (${u.detail})` : WHY_IN_WORDS[u.why];
}
