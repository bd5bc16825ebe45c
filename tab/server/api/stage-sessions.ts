// The meeting stages being presented, kept in this process's memory (core/meeting-stage.ts
// has the rules). Bounded: a session idle for `idleMs` or older than
// `maxAgeMs` is gone (meetings end), at most `maxSessions` are held (the
// least recently changed goes first), and one presenter holds at most
// `maxPerPresenter`, so one account cannot push everyone else's meetings out.
// Several server instances each hold their own (README: a limitation).
import type { StageSession } from '../../../core/meeting-stage';

export interface StageBounds {
  maxSessions: number;
  maxPerPresenter: number;
  idleMs: number;
  maxAgeMs: number;
}

export const STAGE_BOUNDS: StageBounds = { maxSessions: 500, maxPerPresenter: 10, idleMs: 4 * 3600_000, maxAgeMs: 12 * 3600_000 };

export class StageSessions {
  private readonly byMeeting = new Map<string, StageSession>();

  constructor(
    private readonly now: () => Date,
    private readonly bounds: StageBounds = STAGE_BOUNDS,
  ) {}

  private expired(s: StageSession, nowMs: number): boolean {
    return nowMs - s.changedAtMs > this.bounds.idleMs || nowMs - s.startedAtMs > this.bounds.maxAgeMs;
  }

  get(meeting: string): StageSession | undefined {
    const s = this.byMeeting.get(meeting);
    if (s && this.expired(s, this.now().getTime())) {
      this.byMeeting.delete(meeting);
      return undefined;
    }
    return s;
  }

  /** Keeps `s` as its meeting's session, then trims to the bounds. */
  put(s: StageSession): void {
    // Most recently changed last, so the oldest is evicted first.
    this.byMeeting.delete(s.meeting);
    this.byMeeting.set(s.meeting, s);
    const nowMs = this.now().getTime();
    for (const [k, v] of this.byMeeting) if (this.expired(v, nowMs)) this.byMeeting.delete(k);
    const theirs = [...this.byMeeting.values()].filter((v) => v.presenter.key === s.presenter.key);
    for (const v of theirs.slice(0, Math.max(0, theirs.length - this.bounds.maxPerPresenter))) this.byMeeting.delete(v.meeting);
    for (const k of this.byMeeting.keys()) {
      if (this.byMeeting.size <= this.bounds.maxSessions) break;
      this.byMeeting.delete(k);
    }
  }

  get size(): number {
    return this.byMeeting.size;
  }
}
