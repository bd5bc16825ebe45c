// How the bot reaches people, and what it has sent them. Kept behind a port
// so production keeps it in SharePoint lists beside the plan and the embedded
// default in SQLite; test/contract/reach-store.contract.ts holds both to it.
import type { IsoDate, IsoInstant } from './model';

/** A Teams conversation we may post into, keyed by the person's Entra object id. */
export interface Reachability {
  aadObjectId: string;
  leadKey?: string;
  name?: string;
  /** The Bot Framework conversation reference, as JSON-serialisable data. */
  reference: Record<string, unknown>;
  reachable: boolean;
  /** Why not: "uninstalled", "blocked (403 MessageWritesBlocked)". */
  unreachableReason?: string;
  updatedAt: IsoInstant;
}

export type DeliveryState = 'claimed' | 'sent' | 'failed' | 'skipped';

/** One nudge: one lead in one cycle. The (cycle, leadKey) pair is its idempotency key. */
export interface Delivery {
  /**
   * The London date of the cycle's scheduled slot, e.g. "2026-11-30" for the
   * Monday 09:00 prompt, whatever day the send actually happened on.
   */
  cycle: string;
  leadKey: string;
  state: DeliveryState;
  /** Which process holds the claim, and until when (so a crashed sender's claim expires). */
  owner?: string;
  leaseUntil?: IsoInstant;
  actionRefs: string[];
  activityId?: string;
  sentAt?: IsoInstant;
  repliedAt?: IsoInstant;
  remindedAt?: IsoInstant;
  escalatedAt?: IsoInstant;
  error?: string;
  /** Sends that ended 'failed', so retries stop after a cap. */
  attempts?: number;
}

/**
 * A send beyond the weekly prompt: a reminder or word to the chair about one
 * lead's cycle, or a chair's digest for one period. Claimed like a nudge
 * (claim, send, then mark sent), so it goes once whichever instance runs it,
 * and a failed send stays claimable.
 */
export type FollowUpKind = 'reminder' | 'escalation' | 'digest';

export interface FollowUpKey {
  kind: FollowUpKind;
  /** The cycle (reminder, escalation) or the digest's period ("2023-Q1", "meeting 2023-03-16"). */
  scope: string;
  /** The lead key, or for a digest the delivery group key. */
  subject: string;
}

export type FollowUpState = 'claimed' | 'sent' | 'failed';

export interface FollowUp extends FollowUpKey {
  state: FollowUpState;
  owner?: string;
  leaseUntil?: IsoInstant;
  sentAt?: IsoInstant;
  error?: string;
}

export type FollowUpOutcome = { state: 'sent'; at: IsoInstant } | { state: 'failed'; error: string };

/** The chair's digest for one group and one period, as the SharePoint list keeps it. */
export interface DigestRecord {
  groupKey: string;
  period: string;
  state?: FollowUpState;
  owner?: string;
  leaseUntil?: IsoInstant;
  sentAt?: IsoInstant;
  error?: string;
}

/** The rule every store applies to a claim: who may take the row now. */
export function mayClaim(current: { state?: string; owner?: string; leaseUntil?: string } | undefined, owner: string, now: IsoInstant): boolean {
  if (!current) return true;
  // No state: a digest recorded before digests were claimed, which was sent.
  if (current.state === undefined || current.state === 'sent' || current.state === 'skipped') return false;
  return !(current.state === 'claimed' && current.owner !== owner && current.leaseUntil !== undefined && current.leaseUntil > now);
}

/**
 * Sent is final. An instance whose lease lapsed mid-send may report its
 * failure after another instance sent the message; that late report must not
 * make the message claimable (and so sent) again.
 */
export function reopensSent(current: { state?: string } | undefined, next: { state?: string }): boolean {
  return current?.state === 'sent' && next.state !== undefined && next.state !== 'sent';
}

export interface ReachStore {
  saveReachability(r: Reachability): Promise<void>;
  getReachability(aadObjectId: string): Promise<Reachability | undefined>;
  listReachability(): Promise<Reachability[]>;
  markUnreachable(aadObjectId: string, reason: string, at: IsoInstant): Promise<void>;

  /**
   * Claims the delivery for (cycle, leadKey) for `owner` until `leaseUntil`.
   * True only for one caller at a time: false when it is already sent, or
   * claimed by another owner whose lease has not run out. Safe across processes.
   */
  claimDelivery(cycle: string, leadKey: string, owner: string, now: IsoInstant, leaseUntil: IsoInstant): Promise<boolean>;
  /** Records the outcome of a claimed delivery (merges the given fields); a failure never overwrites 'sent'. */
  updateDelivery(cycle: string, leadKey: string, patch: Partial<Delivery>): Promise<void>;
  getDelivery(cycle: string, leadKey: string): Promise<Delivery | undefined>;
  /** Newest cycle first. */
  deliveriesFor(leadKey: string): Promise<Delivery[]>;
  deliveriesInCycle(cycle: string): Promise<Delivery[]>;

  /**
   * Claims a reminder, escalation or digest, with the same rule as
   * claimDelivery: false when it was sent, or another owner's lease is live.
   */
  claimFollowUp(key: FollowUpKey, owner: string, now: IsoInstant, leaseUntil: IsoInstant): Promise<boolean>;
  /** Marks a claimed follow-up sent, or failed (claimable again); a failure never overwrites 'sent'. */
  settleFollowUp(key: FollowUpKey, outcome: FollowUpOutcome): Promise<void>;
  getFollowUp(key: FollowUpKey): Promise<FollowUp | undefined>;

  close(): Promise<void>;
}

export interface AwayStatus {
  awayUntil?: IsoDate;
}
