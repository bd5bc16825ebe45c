import { expect } from 'chai';
import { recordMeasurement, valueProblem } from '../../core/kpi';
import { InvalidError } from '../../core/errors';
import type { PlanStore } from '../../core/ports';
import type { Kpi } from '../../core/model';

const figures: Kpi = {
  ref: '1.1.K1',
  priorityRef: '1',
  outcomeRef: '1.1',
  description: 'Complaints',
  baseline: "593 (6% of EHCP's in 2022)",
  target3m: '15%',
  target6m: '10%',
  target12m: '5%',
};

describe("KPI values: a measurement reads like the KPI's own figures", () => {
  it('takes figures with words around them', () => {
    for (const v of ['12%', '593', '41% (16.2% to 66%)', '77% in 2022', 'about 40']) expect(valueProblem(figures, v), v).to.equal(undefined);
  });

  it('refuses a value with no number in it, saying why', () => {
    expect(valueProblem(figures, 'banana')).to.equal(
      '"banana" has no number in it: KPI 1.1.K1 is measured in figures like its targets (e.g. "15%"), so give one, e.g. "12%" or "593".',
    );
  });

  it('takes words for a KPI whose baseline and targets are words, or that has none', () => {
    const inWords: Kpi = { ...figures, baseline: 'No', target3m: 'In progress', target6m: 'Yes', target12m: 'Yes' };
    expect(valueProblem(inWords, 'Yes')).to.equal(undefined);
    const noTargets: Kpi = { ...figures, baseline: undefined, target3m: undefined, target6m: undefined, target12m: undefined };
    expect(valueProblem(noTargets, 'In place')).to.equal(undefined);
  });
});

describe('recording a measurement: bounded text', () => {
  const saved: unknown[] = [];
  const store = { loadPlan: async () => ({ kpis: [figures] }), addKpiMeasurement: async (m: unknown) => void saved.push(m) } as unknown as PlanStore;
  const record = (value: string, note?: string) =>
    recordMeasurement(
      store,
      { kpiRef: '1.1.K1', value, measuredOn: '2023-03-31', note, recordedBy: 'sally' },
      new Date('2023-04-03T09:00:00Z'),
      '2023-04-03',
    );
  const problemsOf = async (p: Promise<unknown>) =>
    p.then(
      () => [],
      (e: unknown) => (e instanceof InvalidError ? e.problems : [String(e)]),
    );

  it('refuses a note over 2,000 characters, storing nothing', async () => {
    expect(await problemsOf(record('12%', 'n'.repeat(2001)))).to.deep.equal(['Keep the note to 2,000 characters (it has 2,001).']);
    expect(saved).to.have.length(0);
  });

  it('does not quote a 100 KB value back', async () => {
    const problems = await problemsOf(record('y'.repeat(100 * 1024)));
    expect(problems).to.deep.equal(['Keep the value under 255 characters.']);
    expect(saved).to.have.length(0);
  });

  it('keeps a note as typed within the bound', async () => {
    await record('12%', '<script>alert(1)</script> @everyone');
    expect((saved.at(-1) as { note: string }).note).to.equal('<script>alert(1)</script> @everyone');
  });
});
