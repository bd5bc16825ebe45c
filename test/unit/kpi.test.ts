import { expect } from 'chai';
import { valueProblem } from '../../core/kpi';
import type { Kpi } from '../../core/model';

const figures: Kpi = { ref: '1.1.K1', priorityRef: '1', outcomeRef: '1.1', description: 'Complaints', baseline: '593 (6% of EHCP\'s in 2022)', target3m: '15%', target6m: '10%', target12m: '5%' };

describe('KPI values: a measurement reads like the KPI\'s own figures', () => {
  it('takes figures with words around them', () => {
    for (const v of ['12%', '593', '41% (16.2% to 66%)', '77% in 2022', 'about 40']) expect(valueProblem(figures, v), v).to.equal(undefined);
  });

  it('refuses a value with no number in it, saying why', () => {
    expect(valueProblem(figures, 'banana')).to.equal('"banana" has no number in it: KPI 1.1.K1 is measured in figures like its targets (e.g. "15%"), so give one, e.g. "12%" or "593".');
  });

  it('takes words for a KPI whose baseline and targets are words, or that has none', () => {
    const inWords: Kpi = { ...figures, baseline: 'No', target3m: 'In progress', target6m: 'Yes', target12m: 'Yes' };
    expect(valueProblem(inWords, 'Yes')).to.equal(undefined);
    const noTargets: Kpi = { ...figures, baseline: undefined, target3m: undefined, target6m: undefined, target12m: undefined };
    expect(valueProblem(noTargets, 'In place')).to.equal(undefined);
  });
});
