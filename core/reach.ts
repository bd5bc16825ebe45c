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
  cycle: string; // the London date of the run, e.g. "2026-11-30"
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
}

/** The chair's digest for one group and one period, sent once. */
export interface DigestRecord {
  groupKey: string;
  period: string;
  sentAt: IsoInstant;
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
  /** Records the outcome of a claimed delivery (merges the given fields). */
  updateDelivery(cycle: string, leadKey: string, patch: Partial<Delivery>): Promise<void>;
  getDelivery(cycle: string, leadKey: string): Promise<Delivery | undefined>;
  /** Newest cycle first. */
  deliveriesFor(leadKey: string): Promise<Delivery[]>;
  deliveriesInCycle(cycle: string): Promise<Delivery[]>;

  /** True the first time for (groupKey, period); false if a digest was already recorded. */
  recordDigest(d: DigestRecord): Promise<boolean>;

  close(): Promise<void>;
}

export interface AwayStatus {
  awayUntil?: IsoDate;
}
