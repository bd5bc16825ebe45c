// The KPI score card: baseline, targets, dated measurements, and the latest
// against the trajectory in words ("Behind the 6-month target (60%)").
import type { IsoDate, Kpi, KpiMeasurement } from '../model';
import { compareRefs } from '../refs';
import type { KpiRowView, TrajectoryStatus } from './view-types';

/** The first figure in a value; a percentage when `percent` (so "593 (6% …)" reads as 6 beside "15%"). */
export function figureOf(value: string | undefined, percent: boolean): number | undefined {
  if (!value) return undefined;
  const m = percent ? /(-?\d+(?:\.\d+)?)\s*%/.exec(value) : /(-?\d+(?:\.\d+)?)/.exec(value);
  return m ? Number(m[1]) : undefined;
}

export type Aim = 'higher' | 'lower' | 'unknown';

/** Which way is better, worked out from the direction of the targets. */
export function aimOf(kpi: Kpi): Aim {
  const targets = [kpi.target3m, kpi.target6m, kpi.target12m].filter((t): t is string => Boolean(t && /\d/.test(t)));
  const percent = targets.some((t) => t.includes('%'));
  const fromTargets = targets.map((t) => figureOf(t, percent)).filter((n): n is number => n !== undefined);
  // The targets say the direction; the baseline only when there is one target
  // (baselines are often in other units: "593 (6% of EHCP's in 2022)" beside "15%").
  const baseline = figureOf(kpi.baseline, percent);
  const nums = fromTargets.length >= 2 || baseline === undefined ? fromTargets : [baseline, ...fromTargets];
  if (nums.length < 2) return 'unknown';
  const up = nums.every((n, i) => i === 0 || n >= nums[i - 1]);
  const down = nums.every((n, i) => i === 0 || n <= nums[i - 1]);
  if (up && nums.at(-1)! > nums[0]) return 'higher';
  if (down && nums.at(-1)! < nums[0]) return 'lower';
  return 'unknown';
}

function addMonths(date: IsoDate, months: number): IsoDate {
  const [y, m, d] = date.split('-').map(Number);
  const total = y * 12 + (m - 1) + months;
  return `${Math.floor(total / 12)}-${String((total % 12) + 1).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/**
 * The latest value against the target whose date has most recently passed
 * (3, 6 or 12 months from the plan's start), or against the baseline before
 * the first target falls due.
 */
export function trajectory(
  kpi: Kpi,
  latest: KpiMeasurement | undefined,
  planStart: IsoDate,
  today: IsoDate,
): { status: TrajectoryStatus; words: string } {
  if (!latest) return { status: 'not-measured', words: 'No measurement yet' };
  const aim = aimOf(kpi);
  if (aim === 'unknown') return { status: 'no-target', words: "Can't compare" };
  const targets: Array<[number, string | undefined]> = [
    [12, kpi.target12m],
    [6, kpi.target6m],
    [3, kpi.target3m],
  ];
  const percent = [kpi.target3m, kpi.target6m, kpi.target12m].some((t) => t?.includes('%'));
  const value = figureOf(latest.value, percent) ?? figureOf(latest.value, false);
  if (value === undefined) return { status: 'no-target', words: "Can't compare" };
  const better = (a: number, b: number) => (aim === 'higher' ? a >= b : a <= b);
  const due = targets.find(([months, t]) => t && figureOf(t, percent) !== undefined && addMonths(planStart, months) <= today);
  if (due) {
    const target = figureOf(due[1], percent)!;
    return better(value, target)
      ? { status: 'on-track', words: 'On trajectory' }
      : { status: 'behind', words: `Behind the ${due[0]}-month target (${due[1]})` };
  }
  const baseline = figureOf(kpi.baseline, percent);
  if (baseline !== undefined && !better(value, baseline)) return { status: 'behind', words: 'Worse than baseline' };
  return { status: 'on-track', words: 'On trajectory' };
}

export function kpiRows(input: {
  kpis: Kpi[];
  measurements: KpiMeasurement[];
  planStart: IsoDate;
  today: IsoDate;
  nameOf: (key: string) => string | undefined;
  canRecord: (kpi: Kpi) => boolean;
}): KpiRowView[] {
  return [...input.kpis]
    .sort((a, b) => compareRefs(a.ref, b.ref))
    .map((kpi) => {
      const ms = input.measurements
        .filter((m) => m.kpiRef === kpi.ref)
        .sort((a, b) => a.measuredOn.localeCompare(b.measuredOn) || a.recordedAt.localeCompare(b.recordedAt));
      const latest = ms.at(-1);
      const row: KpiRowView = {
        ref: kpi.ref,
        priorityRef: kpi.priorityRef,
        description: kpi.description,
        measurements: ms.map((m) => {
          const out: KpiRowView['measurements'][number] = {
            measuredOn: m.measuredOn,
            value: m.value,
            recordedByName: input.nameOf(m.recordedBy) ?? m.recordedBy,
          };
          if (m.note) out.note = m.note;
          return out;
        }),
        trajectory: trajectory(kpi, latest, input.planStart, input.today),
        canRecord: input.canRecord(kpi),
      };
      if (kpi.outcomeRef) row.outcomeRef = kpi.outcomeRef;
      for (const k of ['baseline', 'target3m', 'target6m', 'target12m'] as const) if (kpi[k]) row[k] = kpi[k];
      if (latest) row.latest = { measuredOn: latest.measuredOn, value: latest.value };
      return row;
    });
}

/** Where the KPI targets count their 3, 6 and 12 months from: the first day of the plan's earliest due month. */
export function planStartOf(actions: Array<{ dueDate?: IsoDate; originalDueDate?: IsoDate }>): IsoDate | undefined {
  // The earliest date in one pass: the tab asks on every KPI page load, over every action in the plan.
  let first: IsoDate | undefined;
  for (const a of actions) {
    const d = a.originalDueDate ?? a.dueDate;
    if (d && (first === undefined || d < first)) first = d;
  }
  return first ? `${first.slice(0, 8)}01` : undefined;
}
