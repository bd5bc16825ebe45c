// One contract for every PlanStore. The embedded SQLite store and the
// SharePoint store (against the stateful Graph fake) both run it, so the two
// can never drift apart in what they promise callers.
import { expect } from 'chai';
import path from 'node:path';
import { ConflictError, InvalidError, NotFoundError } from '../../core/errors';
import { importPlan } from '../../core/import/import-plan';
import { diffPlan } from '../../core/import/plan-diff';
import type { Action, ActionUpdate, Lead, Versioned } from '../../core/model';
import type { PlanStore } from '../../core/ports';
import { emptyChanges } from '../../core/ports';
import { readPlanFiles } from '../../store/files/read-sheets';
import { parseCsv } from '../../core/import/csv';
import { describeProblem } from '../../core/import/import-plan';
import { toSheet } from '../../core/import/table';

export interface StoreUnderTest {
  store: PlanStore;
  cleanup(): Promise<void>;
}

export const SAMPLE_DIR = path.resolve(__dirname, '../../sample/lancashire');

let seq = 0;
export function anUpdate(ref: string, over: Partial<ActionUpdate> = {}): ActionUpdate {
  seq++;
  return {
    id: `00000000-0000-4000-8000-${String(seq).padStart(12, '0')}`,
    actionRef: ref,
    at: '2023-03-06T10:15:00Z',
    by: 'jennifer-ashton',
    byName: 'Jennifer Ashton',
    source: 'teams-card',
    kind: 'status',
    changes: [{ field: 'rag', from: 'Grey', to: 'Green' }],
    comment: 'Survey analysis under way',
    ...over,
  };
}

/** A small plan sheet: one outcome and the given action rows ("ref,text,due,lead,rag"). */
export function smallPlan(actions: string[], title = 'Outcomes'): ReturnType<typeof toSheet> {
  const csv = [
    'priority,priority_title,ref,kind,text,due,lead,rag',
    `1,"${title}",1.1,outcome,Feedback is used,,Sally Richardson,`,
    ...actions.map((a) => {
      const [ref, ...rest] = a.split(',');
      return `1,"${title}",${ref},action,${rest.join(',')}`;
    }),
  ].join('\n');
  return toSheet('plan.csv', parseCsv(csv));
}

export function runPlanStoreContract(name: string, make: () => Promise<StoreUnderTest>): void {
  describe(`PlanStore contract: ${name}`, function () {
    this.timeout(60_000);
    let sut: StoreUnderTest;
    let store: PlanStore;

    beforeEach(async () => {
      sut = await make();
      store = sut.store;
      await store.provision();
    });
    afterEach(async () => {
      await store.close();
      await sut.cleanup();
    });

    async function importSample() {
      const result = await importPlan(store, await readPlanFiles([SAMPLE_DIR]));
      expect(result.problems).to.deep.equal([]);
      return result;
    }

    it('keeps a two-level plan (actions with no outcome, KPIs on a priority) and reads it back the same', async () => {
      const dir = path.resolve(__dirname, '../fixtures/plans/worcestershire-two-level');
      const result = await importPlan(store, await readPlanFiles([dir]));
      expect(result.problems.map(describeProblem)).to.deep.equal([]);
      const plan = await store.loadPlan();
      expect([plan.priorities.length, plan.outcomes.length, plan.actions.length, plan.kpis.length]).to.deep.equal([2, 0, 9, 2]);
      const a = (await store.getAction('2.3'))!.value;
      expect(a).to.include({ ref: '2.3', priorityRef: '2', rag: 'Red' });
      expect('outcomeRef' in a).to.equal(false);
      expect(plan.kpis.map((k) => [k.ref, k.priorityRef, 'outcomeRef' in k])).to.deep.equal([
        ['1.K1', '1', false],
        ['2.K1', '2', false],
      ]);
      const again = await importPlan(store, await readPlanFiles([dir]), { dryRun: true });
      expect(again.diff!.lines).to.deep.equal([]);
    });

    it('provisions idempotently: a second run changes nothing', async () => {
      const again = await store.provision();
      expect(again.changes).to.deep.equal([]);
    });

    it('imports the Lancashire plan whole', async () => {
      const result = await importSample();
      expect(result.summary).to.equal('imported 5 priorities, 33 outcomes, 153 actions, 26 KPIs');
      const plan = await store.loadPlan();
      expect(plan.deliveryGroups).to.have.length(5);
      expect(plan.priorities).to.have.length(5);
      expect(plan.outcomes).to.have.length(33);
      expect(plan.actions).to.have.length(153);
      expect(plan.kpis).to.have.length(26);
      expect(plan.leads.map((l) => l.key)).to.include.members(['matt-pilling', 'sapphire-murray', 'fiona-harris-hilton']);
      // What went in comes back out, field for field.
      const byRef = new Map(result.plan!.actions.map((a) => [a.ref, a]));
      for (const { value } of plan.actions) expect(value).to.deep.equal(byRef.get(value.ref));
      expect(plan.outcomes).to.deep.equal(result.plan!.outcomes);
      expect(plan.kpis).to.deep.equal(result.plan!.kpis);
      expect(plan.deliveryGroups.map((g) => g.key).sort()).to.deep.equal(result.plan!.deliveryGroups.map((g) => g.key).sort());
    });

    it('keeps awkward cells exactly: two leads, a due note, bullets, a summer due date', async () => {
      await importSample();
      const two = (await store.getAction('1.3.2'))!.value;
      expect(two.leadKeys).to.deep.equal(['matt-pilling', 'sapphire-murray']);
      const note = (await store.getAction('5.9.4'))!.value;
      expect(note.dueDate).to.equal(undefined);
      expect(note.dueNote).to.equal('Dependent on sustainability');
      const bullets = (await store.getAction('1.1.3'))!.value;
      expect(bullets.text.split('\n')).to.have.length(4);
      expect(bullets.text).to.contain('\n• Collect and analyse data');
      const july = (await store.getAction('1.1.9'))!.value; // "Jul- 23"
      expect(july.dueDate).to.equal('2023-07-31');
      expect(july.rag).to.equal('Grey');
    });

    it('keeps a due note longer than one line of SharePoint text, exactly', async () => {
      const why =
        'Dependent on sustainability funding being agreed by the partnership board, on the outcome of the wider review of inclusion services, and on the recruitment of a specialist lead for the service; the delivery group will set a date once each of these is known and the board has approved the revised scope of the work.';
      expect(why.length).to.be.greaterThan(255);
      const result = await importPlan(store, [smallPlan([`1.1.1,Review complaints,"${why}",Jennifer Ashton,`])]);
      expect(result.problems).to.deep.equal([]);
      const stored = (await store.getAction('1.1.1'))!.value;
      expect(stored.dueNote).to.equal(why);
      expect(stored.dueDate).to.equal(undefined);
      expect(stored).to.deep.equal(result.plan!.actions[0]);
    });

    it('refuses a title too long for one line with its row number, and writes nothing', async () => {
      const title = 'Improving outcomes '.repeat(15).trim();
      const result = await importPlan(store, [smallPlan(['1.1.1,Review complaints,Mar-23,Jennifer Ashton,'], title)]);
      expect(result.ok).to.equal(false);
      expect(result.problems.map(describeProblem)).to.deep.equal([
        `plan.csv, row 2: the title of priority 1 is ${title.length} characters long; at most 255 fit (shorten it)`,
      ]);
      const plan = await store.loadPlan();
      expect([plan.priorities, plan.outcomes, plan.actions, plan.leads, plan.deliveryGroups].map((x) => x.length)).to.deep.equal([0, 0, 0, 0, 0]);
    });

    it('re-importing changes nothing when the files have not changed', async () => {
      await importSample();
      const again = await importPlan(store, await readPlanFiles([SAMPLE_DIR]));
      expect(again.diff!.created).to.equal(0);
      expect(again.diff!.updated).to.equal(0);
    });

    it('answers undefined for an action that does not exist', async () => {
      await importSample();
      expect(await store.getAction('9.9.9')).to.equal(undefined);
    });

    it('saves an update with the right eTag, returns a new eTag and keeps the history', async () => {
      await importSample();
      const before = (await store.getAction('1.1.3'))!;
      const next: Action = {
        ...before.value,
        rag: 'Green',
        commentary: 'Survey analysis under way',
        lastUpdatedAt: '2023-03-06T10:15:00Z',
        lastUpdatedBy: 'jennifer-ashton',
      };
      const update = anUpdate('1.1.3', { baseEtag: before.etag });
      const saved = await store.saveAction(next, before.etag, update);
      expect(saved.etag).to.not.equal(before.etag);
      expect(saved.value).to.deep.equal(next);
      expect((await store.getAction('1.1.3'))!).to.deep.equal(saved);
      expect(await store.actionHistory('1.1.3')).to.deep.equal([update]);
    });

    it('two concurrent updates of one action: one saved, the other told of the conflict, nothing lost', async () => {
      await importSample();
      const read = (await store.getAction('2.1.1'))!;
      const amber: Action = { ...read.value, rag: 'Amber', commentary: 'Venue delayed' };
      const green: Action = { ...read.value, rag: 'Green', commentary: 'On track' };
      const u1 = anUpdate('2.1.1', { comment: 'Venue delayed' });
      const u2 = anUpdate('2.1.1', { comment: 'On track' });
      const results = await Promise.allSettled([store.saveAction(amber, read.etag, u1), store.saveAction(green, read.etag, u2)]);
      const won = results.filter((r) => r.status === 'fulfilled') as PromiseFulfilledResult<Versioned<Action>>[];
      const lost = results.filter((r) => r.status === 'rejected') as PromiseRejectedResult[];
      expect(won).to.have.length(1);
      expect(lost).to.have.length(1);
      expect(lost[0].reason).to.be.instanceOf(ConflictError);
      const current = (lost[0].reason as ConflictError<Versioned<Action>>).current!;
      expect(current.value.rag).to.equal(won[0].value.value.rag);
      const stored = (await store.getAction('2.1.1'))!;
      expect(stored.value).to.deep.equal(won[0].value.value);
      const history = await store.actionHistory('2.1.1');
      expect(history).to.have.length(1);
      expect(history[0].comment).to.equal(won[0].value.value.commentary);
      // The loser can retry on the current eTag and nothing is lost.
      await store.saveAction({ ...stored.value, commentary: 'Retried' }, stored.etag, anUpdate('2.1.1', { comment: 'Retried' }));
      expect((await store.actionHistory('2.1.1')).map((h) => h.comment)).to.deep.equal([won[0].value.value.commentary, 'Retried']);
    });

    it('refuses a stale eTag and changes nothing', async () => {
      await importSample();
      const first = (await store.getAction('3.1.1'))!;
      await store.saveAction({ ...first.value, rag: 'Green' }, first.etag, anUpdate('3.1.1'));
      const afterFirst = (await store.getAction('3.1.1'))!;
      let error: unknown;
      try {
        await store.saveAction({ ...first.value, rag: 'Red' }, first.etag, anUpdate('3.1.1'));
      } catch (e) {
        error = e;
      }
      expect(error).to.be.instanceOf(ConflictError);
      expect(await store.getAction('3.1.1')).to.deep.equal(afterFirst);
      expect(await store.actionHistory('3.1.1')).to.have.length(1);
    });

    it('reports a missing action on save as not found', async () => {
      await importSample();
      const any = (await store.getAction('1.1.1'))!;
      let error: unknown;
      try {
        await store.saveAction({ ...any.value, ref: '9.9.9' }, any.etag, anUpdate('9.9.9'));
      } catch (e) {
        error = e;
      }
      expect(error).to.be.instanceOf(NotFoundError);
    });

    it('re-import updates text, dates and leads by ref and never touches RAG, commentary or history', async () => {
      const first = await importSample();
      const read = (await store.getAction('1.2.1'))!;
      const leadsUpdate = anUpdate('1.2.1');
      await store.saveAction({ ...read.value, rag: 'Red', dueDate: '2023-09-30', commentary: 'Data late' }, read.etag, leadsUpdate);
      const read2 = (await store.getAction('1.2.2'))!;
      const changes = emptyChanges();
      const planned = first.plan!;
      const edited = {
        ...planned,
        actions: planned.actions.map((a) =>
          a.ref === '1.2.1'
            ? { ...a, text: 'Review the dashboard (revised)', originalDueDate: '2023-04-30', dueDate: '2023-04-30', leadKeys: ['jennifer-ashton'] }
            : a.ref === '1.2.2'
              ? { ...a, originalDueDate: '2023-05-31', dueDate: '2023-05-31' }
              : a,
        ),
      };
      const diff = diffPlan(edited, await store.loadPlan());
      expect(diff.updated).to.equal(2);
      Object.assign(changes, diff.changes);
      await store.applyChanges(changes);
      const after = (await store.getAction('1.2.1'))!.value;
      expect(after.text).to.equal('Review the dashboard (revised)');
      expect(after.leadKeys).to.deep.equal(['jennifer-ashton']);
      expect(after.originalDueDate).to.equal('2023-04-30');
      expect(after.rag).to.equal('Red');
      expect(after.dueDate).to.equal('2023-09-30'); // the lead's new date stands
      expect(after.commentary).to.equal('Data late');
      // The lead's record is kept as it was; the import adds one record of its own.
      const history = await store.actionHistory('1.2.1');
      expect(history).to.have.length(2);
      expect(history[0]).to.deep.equal(leadsUpdate);
      expect(history[1]).to.deep.include({ actionRef: '1.2.1', by: 'import', source: 'import', kind: 'import' });
      expect(history[1].changes).to.deep.equal([
        { field: 'text', from: read.value.text, to: 'Review the dashboard (revised)' },
        { field: 'originalDueDate', from: read.value.originalDueDate, to: '2023-04-30' },
        { field: 'leadKeys', from: read.value.leadKeys, to: ['jennifer-ashton'] },
      ]);
      const after2 = (await store.getAction('1.2.2'))!.value;
      expect(after2.dueDate).to.equal('2023-05-31'); // never revised by a lead: follows the plan
      expect(after2.rag).to.equal(read2.value.rag);
      const history2 = await store.actionHistory('1.2.2');
      expect(history2.map((h) => h.changes)).to.deep.equal([
        [
          { field: 'originalDueDate', from: read2.value.originalDueDate, to: '2023-05-31' },
          { field: 'dueDate', from: read2.value.dueDate, to: '2023-05-31' },
        ],
      ]);
    });

    it('re-import keeps a due date a lead set after the import read the plan', async () => {
      const first = await importSample();
      const edited = {
        ...first.plan!,
        actions: first.plan!.actions.map((a) => (a.ref === '1.2.2' ? { ...a, originalDueDate: '2023-05-31', dueDate: '2023-05-31' } : a)),
      };
      const diff = diffPlan(edited, await store.loadPlan());
      expect(diff.changes.actions.updated).to.deep.equal([{ key: '1.2.2', patch: { originalDueDate: '2023-05-31', dueDate: '2023-05-31' } }]);
      // Between the diff and the write, the lead moves the date.
      const read = (await store.getAction('1.2.2'))!;
      await store.saveAction({ ...read.value, rag: 'Red', dueDate: '2023-10-31', commentary: 'Slipped' }, read.etag, anUpdate('1.2.2'));
      await store.applyChanges(diff.changes);
      const after = (await store.getAction('1.2.2'))!.value;
      expect(after).to.deep.include({ dueDate: '2023-10-31', originalDueDate: '2023-05-31', rag: 'Red', commentary: 'Slipped' });
      const history = await store.actionHistory('1.2.2');
      expect(history.map((h) => h.kind)).to.deep.equal(['status', 'import']);
      expect(history[1].changes).to.deep.equal([{ field: 'originalDueDate', from: read.value.originalDueDate, to: '2023-05-31' }]);
    });

    it('finds leads by Entra object id and keeps who they are', async () => {
      await importSample();
      const lead = (await store.listLeads()).find((l) => l.key === 'jennifer-ashton')!;
      await store.saveLead({
        ...lead,
        email: 'jennifer.ashton@example.org',
        upn: 'jennifer.ashton@example.org',
        aadObjectId: 'AAAAAAAA-1111-4111-8111-000000000001',
      });
      const found = await store.findLeadByAadObjectId('aaaaaaaa-1111-4111-8111-000000000001');
      expect(found?.key).to.equal('jennifer-ashton');
      expect(found?.email).to.equal('jennifer.ashton@example.org');
      expect(await store.findLeadByAadObjectId('bbbbbbbb-1111-4111-8111-000000000009')).to.equal(undefined);
      // A re-import must not forget the match.
      await importPlan(store, await readPlanFiles([SAMPLE_DIR]));
      expect((await store.findLeadByAadObjectId('AAAAAAAA-1111-4111-8111-000000000001'))?.email).to.equal('jennifer.ashton@example.org');
    });

    const person = (key: string, displayName: string, over: Partial<Lead> = {}): Lead => ({ key, displayName, aliases: [], ...over });

    it('finds a lead by email or UPN without regard to case, and keeps addresses lower case', async () => {
      await store.saveLead(
        person('jennifer-ashton', 'Jennifer Ashton', { email: ' Jennifer.Ashton@Lancashire.example ', upn: 'JA1@lancashire.example' }),
      );
      await store.saveLead(person('sally-richardson', 'Sally Richardson', { email: 'sally.richardson@lancashire.example' }));
      expect((await store.findLeadByEmail('JENNIFER.ASHTON@lancashire.example'))?.key).to.equal('jennifer-ashton');
      expect((await store.findLeadByEmail('ja1@LANCASHIRE.example'))?.key).to.equal('jennifer-ashton');
      expect((await store.findLeadByEmail('sally.richardson@lancashire.example'))?.key).to.equal('sally-richardson');
      expect(await store.findLeadByEmail('nobody@lancashire.example')).to.equal(undefined);
      const kept = (await store.listLeads()).find((l) => l.key === 'jennifer-ashton')!;
      expect([kept.email, kept.upn]).to.deep.equal(['jennifer.ashton@lancashire.example', 'ja1@lancashire.example']);
    });

    it('finds a lead by Entra object id without regard to case or spaces, and keeps it lower case', async () => {
      await store.saveLead(person('jennifer-ashton', 'Jennifer Ashton', { aadObjectId: ' 0D1E2F30-1111-4111-8111-00000000000A ' }));
      expect((await store.findLeadByAadObjectId('0d1e2f30-1111-4111-8111-00000000000a'))?.key).to.equal('jennifer-ashton');
      expect((await store.findLeadByAadObjectId('0D1E2F30-1111-4111-8111-00000000000A'))?.key).to.equal('jennifer-ashton');
      expect((await store.listLeads())[0].aadObjectId).to.equal('0d1e2f30-1111-4111-8111-00000000000a');
    });

    it('refuses a second lead with the same Entra object id in any case, naming both, and changes nothing', async () => {
      await store.saveLead(person('jennifer-ashton', 'Jennifer Ashton', { aadObjectId: '0d1e2f30-1111-4111-8111-00000000000b' }));
      const refused = await store
        .saveLead(
          person('sally-richardson', 'Sally Richardson', { email: 'sally@lancashire.example', aadObjectId: '0D1E2F30-1111-4111-8111-00000000000B' }),
        )
        .then(
          () => undefined,
          (e: unknown) => e,
        );
      expect(refused).to.be.instanceOf(InvalidError);
      expect((refused as InvalidError).message)
        .to.contain('Sally Richardson')
        .and.to.contain('Jennifer Ashton');
      expect((await store.listLeads()).map((l) => l.key)).to.deep.equal(['jennifer-ashton']);
      expect((await store.findLeadByAadObjectId('0d1e2f30-1111-4111-8111-00000000000b'))?.key).to.equal('jennifer-ashton');
      // The holder may still be saved again with its own id.
      await store.saveLead(
        person('jennifer-ashton', 'Jennifer Ashton', { aadObjectId: '0D1E2F30-1111-4111-8111-00000000000B', email: 'ja@lancashire.example' }),
      );
      expect((await store.findLeadByEmail('ja@lancashire.example'))?.aadObjectId).to.equal('0d1e2f30-1111-4111-8111-00000000000b');
    });

    it('refuses a second lead with the same email or UPN in any case, naming both, and changes nothing', async () => {
      await store.saveLead(person('jennifer-ashton', 'Jennifer Ashton', { email: 'jennifer.ashton@lancashire.example' }));
      await store.saveLead(person('sally-richardson', 'Sally Richardson'));
      for (const clash of [{ email: 'Jennifer.Ashton@lancashire.example' }, { upn: 'JENNIFER.ASHTON@lancashire.example' }]) {
        const refused = await store.saveLead(person('sally-richardson', 'Sally Richardson', clash)).then(
          () => undefined,
          (e: unknown) => e,
        );
        expect(refused).to.be.instanceOf(InvalidError);
        expect((refused as InvalidError).message)
          .to.contain('Sally Richardson')
          .and.to.contain('Jennifer Ashton');
      }
      const sally = (await store.listLeads()).find((l) => l.key === 'sally-richardson')!;
      expect([sally.email, sally.upn]).to.deep.equal([undefined, undefined]);
      expect((await store.findLeadByEmail('jennifer.ashton@lancashire.example'))?.key).to.equal('jennifer-ashton');
    });

    it('sets and clears a delivery group chair; an unknown group is not found', async () => {
      await importSample();
      const priority = (await store.getPriority('1'))!;
      await store.setChair(priority.deliveryGroupKey, 'sally-richardson');
      expect((await store.getDeliveryGroup(priority.deliveryGroupKey))!.chairLeadKey).to.equal('sally-richardson');
      await store.setChair(priority.deliveryGroupKey, undefined);
      expect((await store.getDeliveryGroup(priority.deliveryGroupKey))!.chairLeadKey).to.equal(undefined);
      let error: unknown;
      try {
        await store.setChair('no-such-group', 'sally-richardson');
      } catch (e) {
        error = e;
      }
      expect(error).to.be.instanceOf(NotFoundError);
    });

    it('sets and clears when a group next meets; a re-import keeps it', async () => {
      await importSample();
      await store.setNextMeeting('communications', '2023-06-30');
      expect((await store.getDeliveryGroup('communications'))!.nextMeeting).to.equal('2023-06-30');
      await importPlan(store, await readPlanFiles([SAMPLE_DIR]));
      expect((await store.getDeliveryGroup('communications'))!.nextMeeting).to.equal('2023-06-30');
      await store.setNextMeeting('communications', undefined);
      expect((await store.getDeliveryGroup('communications'))!.nextMeeting).to.equal(undefined);
    });

    it('records dated KPI measurements in date order', async () => {
      await importSample();
      const m = (id: string, on: string, value: string) => ({
        id,
        kpiRef: '1.1.K1',
        measuredOn: on,
        value,
        recordedBy: 'sally-richardson',
        recordedAt: '2023-07-01T09:00:00Z',
      });
      await store.addKpiMeasurement(m('m2', '2023-06-30', '9%'));
      await store.addKpiMeasurement(m('m1', '2023-03-31', '12%'));
      const got = await store.kpiMeasurements('1.1.K1');
      expect(got.map((x) => [x.measuredOn, x.value])).to.deep.equal([
        ['2023-03-31', '12%'],
        ['2023-06-30', '9%'],
      ]);
      expect(await store.kpiMeasurements('2.1.K1')).to.deep.equal([]);
    });
  });
}
