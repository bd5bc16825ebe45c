// Two app instances saving leads at once: the check before writing can be
// passed by both, so SharePoint's unique Entra id column has the last word,
// and its refusal reaches the caller as the same domain error.
import { expect } from 'chai';
import { InvalidError } from '../../core/errors';
import type { GraphFake, UniqueViolationStatus } from '../fakes/graph';
import type { SharePointPlanStore } from '../../store/sharepoint';
import { startFakeAndStore, storeOn } from './fake-store';

// Graph does not document a duplicate's status; the refusal is recognised whichever it is.
for (const status of [409, 400, 500] as UniqueViolationStatus[])
  describe(`SharePoint leads: one Entra id, one lead (a duplicate answers ${status})`, () => {
    let fake: GraphFake;
    let store: SharePointPlanStore;
    beforeEach(async () => {
      ({ fake, store } = await startFakeAndStore({ uniqueViolationStatus: status }));
      await store.provision();
      fake.resetRequests();
    });
    afterEach(() => fake.close());

    it('lets only one of two racing saves take an Entra id; the other is refused with a domain error', async () => {
      const other = storeOn(fake);
      const results = await Promise.allSettled([
        store.saveLead({ key: 'jennifer-ashton', displayName: 'Jennifer Ashton', aliases: [], aadObjectId: '0d1e2f30-1111-4111-8111-000000000001' }),
        other.saveLead({
          key: 'sally-richardson',
          displayName: 'Sally Richardson',
          aliases: [],
          aadObjectId: '0D1E2F30-1111-4111-8111-000000000001',
        }),
      ]);
      // Both passed the check before writing; SharePoint refused the second write.
      expect(fake.requests.filter((r) => r.method === 'POST' && r.status === status)).to.have.length(1);
      const refused = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
      expect(refused).to.have.length(1);
      expect(refused[0].reason).to.be.instanceOf(InvalidError);
      expect((refused[0].reason as InvalidError).message).to.contain('0d1e2f30-1111-4111-8111-000000000001');
      const holders = (await store.listLeads()).filter((l) => l.aadObjectId === '0d1e2f30-1111-4111-8111-000000000001');
      expect(holders).to.have.length(1);
      expect((await store.findLeadByAadObjectId('0D1E2F30-1111-4111-8111-000000000001'))?.key).to.equal(holders[0].key);
    });
  });
