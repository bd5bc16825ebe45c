// Fires the weekly prompt at its London wall-clock time (clock changes
// included) and checks hourly for reminders, escalations and digests.
import { addDays, dayOfWeek, londonDate, londonWallClockToInstant } from '../core/dates';
import type { NudgeSettings } from '../cli/config';

/** The next instant the weekly prompt is due, strictly after `from`. */
export function nextRun(from: Date, s: Pick<NudgeSettings, 'day' | 'hour' | 'minute'>): Date {
  let day = londonDate(from);
  for (let i = 0; i < 8; i++, day = addDays(day, 1)) {
    if (dayOfWeek(day) !== s.day) continue;
    const at = londonWallClockToInstant(day, s.hour, s.minute);
    if (at > from) return at;
  }
  throw new Error('no run time found within a week');
}

export interface SchedulerJobs {
  weekly: () => Promise<unknown>;
  hourly: () => Promise<unknown>;
  log: (line: string) => void;
}

export class Scheduler {
  private timers: NodeJS.Timeout[] = [];
  private stopped = false;

  constructor(private readonly settings: NudgeSettings, private readonly jobs: SchedulerJobs, private readonly now: () => Date) {}

  start(): void {
    this.scheduleWeekly();
    const hourly = setInterval(() => void this.guard('follow-ups', this.jobs.hourly), 60 * 60_000);
    hourly.unref();
    this.timers.push(hourly);
  }

  private scheduleWeekly(): void {
    if (this.stopped) return;
    const at = nextRun(this.now(), this.settings);
    this.jobs.log(`next weekly prompt: ${at.toISOString()}`);
    const t = setTimeout(async () => {
      await this.guard('weekly prompt', this.jobs.weekly);
      this.scheduleWeekly();
    }, Math.max(0, at.getTime() - this.now().getTime()));
    t.unref();
    this.timers.push(t);
  }

  private async guard(name: string, job: () => Promise<unknown>): Promise<void> {
    try {
      await job();
    } catch (e) {
      this.jobs.log(`${name} failed: ${(e as Error).message}`);
    }
  }

  stop(): void {
    this.stopped = true;
    for (const t of this.timers) clearTimeout(t);
  }
}
