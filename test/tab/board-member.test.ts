// Partnership Board members: named by the people sheet's "board" column, kept
// by both stores, and let into the board view (aggregates) but no group's rows.
import { expect } from 'chai';
import { toSheet } from '../../core/import/table';
import { matchPeople } from '../../core/match-leads';
import { startTabHarness, type StoreKind } from './harness';

describe('board members', function () {
  this.timeout(60_000);

  it('are read from the people sheet, and a bad "board" cell is refused', () => {
    const sheet = (cell: string) =>
      toSheet('people.csv', [
        ['name', 'email', 'upn', 'aad_object_id', 'secretariat', 'board', 'chair_of'],
        ['Bola Board', '', '', '', '', cell, ''],
      ]);
    expect(matchPeople([], sheet('yes'), []).added[0]).to.include({ key: 'bola-board', isBoardMember: true });
    expect(matchPeople([], sheet(''), []).added[0]).to.not.have.property('isBoardMember');
    expect(matchPeople([], sheet('perhaps'), []).problems.map((p) => p.message)).to.deep.equal([
      'board "perhaps" should be yes or no (yes, no, true, false, 1, 0, or blank for no)',
    ]);
  });

  for (const kind of ['sqlite', 'sharepoint'] as StoreKind[]) {
    it(`see the board and no group's actions (${kind})`, async () => {
      const h = await startTabHarness(kind);
      try {
        await h.app.services.store.saveLead({ key: 'bola-board', displayName: 'Bola Board', aliases: [], isBoardMember: true });
        expect((await h.store.listLeads()).find((l) => l.key === 'bola-board')).to.include({ isBoardMember: true });
        const session = await h.call('GET', '/api/tab/session', 'bola-board');
        expect(session.status).to.equal(200);
        expect(session.body.person.roles).to.deep.equal(['board']);
        expect((await h.call('GET', '/api/tab/board', 'bola-board')).status).to.equal(200);
        expect((await h.call('GET', '/api/tab/kpis', 'bola-board')).status).to.equal(200);
        const group = await h.call('GET', '/api/tab/groups/improving-outcomes', 'bola-board');
        expect(group.status).to.equal(403);
        expect(group.body).to.have.keys('error');
        expect((await h.call('GET', '/api/tab/actions/1.1.3', 'bola-board')).status).to.equal(403);
      } finally {
        await h.close();
      }
    });
  }
});
