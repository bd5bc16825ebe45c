// The KPI score card: baseline, 3/6/12-month targets and dated measurements.
import { randomUUID } from 'node:crypto';
import { formatDate, isIsoDate } from './dates';
import { InvalidError, NotFoundError } from './errors';
import type { IsoDate, Kpi, KpiMeasurement } from './model';
import type { PlanStore } from './ports';

export interface MeasurementInput {
  kpiRef: string;
  value: string;
  measuredOn: string;
  note?: string;
  recordedBy: string;
}

/** Checks a measurement in full, then records it. Nothing is written when anything is wrong. */
export async function recordMeasurement(store: PlanStore, input: MeasurementInput, now: Date, today: IsoDate): Promise<KpiMeasurement> {
  // "1.1.k1" is as clear as "1.1.K1": people type refs, and no two differ only in case.
  const wanted = input.kpiRef.trim().toUpperCase();
  const kpi = (await store.loadPlan()).kpis.find((k) => k.ref.toUpperCase() === wanted);
  if (!kpi) throw new NotFoundError(`There is no KPI ${input.kpiRef}; planpulse kpi lists them.`);
  const problems: string[] = [];
  const value = input.value.trim();
  if (!value) problems.push('Give the measured value, e.g. "12%".');
  if (value.length > 255) problems.push('Keep the value under 255 characters.');
  if (!isIsoDate(input.measuredOn)) problems.push('The measurement date is not a real date.');
  else if (input.measuredOn > today) problems.push(`The measurement date cannot be after today (${formatDate(today)}).`);
  if (problems.length) throw new InvalidError(problems);
  const m: KpiMeasurement = {
    id: randomUUID(),
    kpiRef: kpi.ref,
    measuredOn: input.measuredOn,
    value,
    note: input.note?.trim() || undefined,
    recordedBy: input.recordedBy,
    recordedAt: now.toISOString().replace(/\.\d{3}Z$/, 'Z'),
  };
  if (!m.note) delete m.note;
  await store.addKpiMeasurement(m);
  return m;
}

/** One line of the score card: the targets and the latest measurement. */
export function scoreCardLine(kpi: Kpi, latest: KpiMeasurement | undefined): string {
  const targets = [`baseline ${kpi.baseline ?? '–'}`, `3m ${kpi.target3m ?? '–'}`, `6m ${kpi.target6m ?? '–'}`, `12m ${kpi.target12m ?? '–'}`].join(', ');
  const now = latest ? `latest ${latest.value} on ${formatDate(latest.measuredOn)}` : 'not yet measured';
  return `${kpi.ref}  ${kpi.description.split('\n')[0].slice(0, 90)}  (${targets}; ${now})`;
}
