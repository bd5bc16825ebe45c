// Leads written before Entra ids were kept lower case: a file may hold one id
// in two cases. Such an id must name nobody, and no save may add a third.
import { expect } from 'chai';
import { InvalidError } from '../../core/errors';
import { SqlitePlanStore } from '../../store/local/sqlite-plan-store';

describe('SQLite leads written before ids were normalised', () => {
  let store: SqlitePlanStore;
  beforeEach(() => {
    store = new SqlitePlanStore(':memory:');
    const insert = store.db.prepare('INSERT INTO leads (key, aad_object_id, email, data) VALUES (?, ?, ?, ?)');
    for (const [key, name, aad] of [
      ['jennifer-ashton', 'Jennifer Ashton', '0D1E2F30-1111-4111-8111-000000000001'],
      ['sally-richardson', 'Sally Richardson', '0d1e2f30-1111-4111-8111-000000000001'],
    ])
      insert.run(key, aad, null, JSON.stringify({ key, displayName: name, aliases: [], aadObjectId: aad }));
  });
  afterEach(() => store.close());

  it('treats an id two leads share as naming nobody', async () => {
    expect(await store.findLeadByAadObjectId('0d1e2f30-1111-4111-8111-000000000001')).to.equal(undefined);
  });

  it('refuses another lead with that id with a domain error, not a raw SQLite one', async () => {
    const refused = await store
      .saveLead({ key: 'board-secretariat', displayName: 'Board Secretariat', aliases: [], aadObjectId: ' 0d1e2f30-1111-4111-8111-000000000001' })
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    expect(refused).to.be.instanceOf(InvalidError);
    expect((refused as InvalidError).problems).to.have.length(2); // one sentence for each lead already holding it
    expect((await store.listLeads()).map((l) => l.key)).to.deep.equal(['jennifer-ashton', 'sally-richardson']);
  });
});
