// Fires the weekly prompt at its London wall-clock time (clock changes
// included), and on start and every tick catches up: the current cycle is
// run again (claims make a repeat send nothing twice), so a crash mid-run or a
// failed send is finished within one tick instead of next week. The same tick
// does reminders, escalations and digests.
import { addDays, dayOfWeek, formatLondonSlot, londonDate, londonWallClockToInstant } from '../core/dates';

/** Day (0 = Sunday) and London wall-clock time of the weekly prompt. */
export interface Schedule {
  day: number;
  hour: number;
  minute: number;
}

/**
 * How long a claim on a send holds before another run may take it over (its
 * holder may have died). The catch-up tick is half of it, and a run that meets
 * a live claim asks for a tick the moment it lapses, so a send left
 * unconfirmed by a crash is resumed within a tick of its claim lapsing.
 */
export const CLAIM_LEASE_MS = 10 * 60_000;
export const CATCH_UP_TICK_MS = 5 * 60_000;

/** The default schedule, NUDGE_SCHEDULE="MON 09:00". */
export const MONDAY_0900: Schedule = { day: 1, hour: 9, minute: 0 };

/** The next instant the weekly prompt is due, strictly after `from`. */
export function nextRun(from: Date, s: Schedule): Date {
  let day = londonDate(from);
  for (let i = 0; i < 8; i++, day = addDays(day, 1)) {
    if (dayOfWeek(day) !== s.day) continue;
    const at = londonWallClockToInstant(day, s.hour, s.minute);
    if (at > from) return at;
  }
  throw new Error('no run time found within a week');
}

/** The most recent slot at or before `now`: the cycle everything this week belongs to. */
export function currentSlot(now: Date, s: Schedule): Date {
  let day = londonDate(now);
  for (let i = 0; i < 8; i++, day = addDays(day, -1)) {
    if (dayOfWeek(day) !== s.day) continue;
    const at = londonWallClockToInstant(day, s.hour, s.minute);
    if (at <= now) return at;
  }
  throw new Error('no run time found within a week');
}

/**
 * The cycle key: the London date of the current slot. With Monday 09:00 it is
 * "2023-03-06" from that Monday 09:00 until the next, so a Tuesday manual run
 * and a restart both land in the same cycle as Monday's run.
 */
export function cycleOf(now: Date, s: Schedule): string {
  return londonDate(currentSlot(now, s));
}

export interface SchedulerJobs {
  /** Runs (or finishes) the current cycle's prompts; safe to repeat. */
  nudges: () => Promise<unknown>;
  /** Reminders, escalations and digests; safe to repeat. */
  followUps: () => Promise<unknown>;
  log: (line: string) => void;
}

export class Scheduler {
  private timers: NodeJS.Timeout[] = [];
  private stopped = false;
  private running: Promise<void> | undefined;

  constructor(
    private readonly settings: Schedule,
    private readonly jobs: SchedulerJobs,
    private readonly now: () => Date,
    /** How often to catch up; a slot also fires at its exact time. */
    private readonly tickMs = CATCH_UP_TICK_MS,
  ) {}

  start(): void {
    void this.tick();
    this.scheduleSlot();
    const every = setInterval(() => void this.tick(), this.tickMs);
    every.unref();
    this.timers.push(every);
  }

  /**
   * One catch-up: the current cycle, then follow-ups. Ticks never overlap: a
   * tick asked for while one runs waits for it and then runs.
   */
  tick(): Promise<void> {
    const previous = this.running ?? Promise.resolve();
    const next = previous.then(async () => {
      if (this.stopped) return;
      this.wakeAt(await this.guard('weekly prompt', this.jobs.nudges));
      await this.guard('follow-ups', this.jobs.followUps);
    });
    this.running = next;
    void next.finally(() => {
      if (this.running === next) this.running = undefined;
    });
    return next;
  }

  private scheduleSlot(): void {
    if (this.stopped) return;
    const at = nextRun(this.now(), this.settings);
    this.jobs.log(`next weekly prompt: ${formatLondonSlot(at)} (London)`);
    const t = setTimeout(
      async () => {
        await this.tick();
        this.scheduleSlot();
      },
      Math.max(0, at.getTime() - this.now().getTime()),
    );
    t.unref();
    this.timers.push(t);
  }

  private async guard(name: string, job: () => Promise<unknown>): Promise<unknown> {
    try {
      return await job();
    } catch (e) {
      this.jobs.log(`${name} failed: ${(e as Error).message}`);
      return undefined;
    }
  }

  /** A run that met a live claim says when it lapses (`retryAt`): tick again just after. */
  private wakeAt(result: unknown): void {
    const at = Date.parse(String((result as { retryAt?: unknown } | undefined)?.retryAt ?? ''));
    if (this.stopped || Number.isNaN(at)) return;
    const t = setTimeout(() => void this.tick(), Math.max(0, at - this.now().getTime()) + 1000);
    t.unref();
    this.timers.push(t);
  }

  /** Stops the timers and waits for a tick in progress. */
  async stop(): Promise<void> {
    this.stopped = true;
    for (const t of this.timers) clearTimeout(t);
    await this.running;
  }
}
