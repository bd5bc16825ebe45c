// The KPI score card: baseline, 3/6/12-month targets and dated measurements.
import { randomUUID } from 'node:crypto';
import { formatDate, isIsoDate } from './dates';
import { InvalidError, NotFoundError } from './errors';
import type { IsoDate, Kpi, KpiMeasurement } from './model';
import type { PlanStore } from './ports';
import { MAX_TEXT } from './rag';
import { shortenAtWord } from './shorten';

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
  const note = input.note?.trim();
  if (note && note.length > MAX_TEXT)
    problems.push(`Keep the note to ${MAX_TEXT.toLocaleString('en-GB')} characters (it has ${note.length.toLocaleString('en-GB')}).`);
  // Only a value short enough to keep is judged (and quoted back) as a figure.
  const unlike = value && value.length <= 255 && valueProblem(kpi, value);
  if (unlike) problems.push(unlike);
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

/**
 * A measurement must read like the KPI's own figures. Real values are figures
 * with words around them ("12%", "593", "41% (16.2% to 66%)"), so a value with
 * no number in it is refused when the KPI's baseline or targets have one; a
 * KPI measured in words ("Yes", "In place") takes words.
 */
export function valueProblem(kpi: Kpi, value: string): string | undefined {
  const figures = [kpi.target3m, kpi.target6m, kpi.target12m, kpi.baseline].filter((v): v is string => !!v && /\d/.test(v));
  if (!figures.length || /\d/.test(value)) return undefined;
  return `"${value}" has no number in it: KPI ${kpi.ref} is measured in figures like its targets (e.g. "${figures[0]}"), so give one, e.g. "12%" or "593".`;
}

/** One line of the score card: the targets and the latest measurement. */
export function scoreCardLine(kpi: Kpi, latest: KpiMeasurement | undefined): string {
  const targets = [`baseline ${kpi.baseline ?? '–'}`, `3m ${kpi.target3m ?? '–'}`, `6m ${kpi.target6m ?? '–'}`, `12m ${kpi.target12m ?? '–'}`].join(
    ', ',
  );
  const now = latest ? `latest ${latest.value} on ${formatDate(latest.measuredOn)}` : 'not yet measured';
  return `${kpi.ref}  ${shortenAtWord(kpi.description.split('\n')[0], 90)}  (${targets}; ${now})`;
}
