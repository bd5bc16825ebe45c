// The field map on its own: what goes into list fields and what comes back.
import { expect } from 'chai';
import type { Action, Lead } from '../../core/model';
import { actionMap, leadMap } from '../../store/sharepoint/field-map';
import { ALL_LISTS, columnSpec, LISTS } from '../../store/sharepoint/schema';

const action: Action = {
  ref: '1.1.3',
  outcomeRef: '1.1',
  priorityRef: '1',
  text: 'Review the survey\n• Collect and analyse data',
  dueDate: '2023-06-30',
  originalDueDate: '2023-03-31',
  leadKeys: ['matt-pilling', 'sapphire-murray'],
  rag: 'Amber',
  commentary: 'Venue delayed',
  lastUpdatedAt: '2023-03-06T10:15:00Z',
};

describe('SharePoint field map', () => {
  it('writes calendar dates at midday UTC and reads the stored London midnight back as the same day', () => {
    const fields = actionMap.toFields(action);
    expect(fields.DueDate).to.equal('2023-06-30T12:00:00Z');
    // What SharePoint hands back for 30 Jun (BST) and 31 Mar (GMT).
    const read = actionMap.fromFields({ ...fields, DueDate: '2023-06-29T23:00:00Z', OriginalDueDate: '2023-03-31T00:00:00Z' });
    expect(read.dueDate).to.equal('2023-06-30');
    expect(read.originalDueDate).to.equal('2023-03-31');
  });

  it('round-trips a whole action, leaving out what it does not hold', () => {
    expect(actionMap.fromFields(actionMap.toFields(action))).to.deep.equal(action);
  });

  it('writes null for every empty column of a whole record, so a save clears what was removed', () => {
    const fields = actionMap.toFields({ ...action, commentary: undefined, dueDate: undefined });
    expect(fields.Commentary).to.equal(null);
    expect(fields.DueDate).to.equal(null);
    expect(fields.SignedOffAt).to.equal(null);
  });

  it('writes only what a patch holds, and clears a property the patch sets to undefined', () => {
    expect(actionMap.patchFields({ text: 'New words' })).to.deep.equal({ ActionText: 'New words' });
    expect(actionMap.patchFields({ dueNote: undefined })).to.deep.equal({ DueNote: null });
  });

  it('stores lead keys as text with the names beside them for people exporting the list', () => {
    const names = { leadName: (k: string) => ({ 'matt-pilling': 'Matt Pilling' })[k] };
    const fields = actionMap.patchFields({ leadKeys: ['matt-pilling', 'sapphire-murray'] }, names);
    expect(fields).to.deep.equal({ LeadKeys: 'matt-pilling;sapphire-murray', LeadNames: 'Matt Pilling; sapphire-murray' });
  });

  it('keeps a lead’s aliases one a line and never touches the Person column', () => {
    const lead: Lead = {
      key: 'fiona-harris-hilton',
      displayName: 'Fiona Harris-Hilton',
      aliases: ['Fiona Harris- Hilton'],
      isSecretariat: true,
      awayUntil: '2023-08-14',
    };
    const fields = leadMap.toFields(lead);
    expect(fields).to.not.have.property('Person');
    expect(fields).to.not.have.property('PersonLookupId');
    expect(leadMap.select).to.not.include('Person');
    expect(leadMap.fromFields({ ...fields, AwayUntil: '2023-08-13T23:00:00Z' })).to.deep.equal(lead);
  });

  it('uses only columns the schema defines, and filters only on indexed ones', () => {
    for (const map of [actionMap, leadMap]) {
      const list = LISTS[map.list];
      for (const name of map.select) if (name !== 'Title') expect(columnSpec(list, name), `${list.displayName}.${name}`).to.not.equal(undefined);
      expect(columnSpec(list, map.keyColumn)?.indexed).to.equal(true);
    }
    expect(columnSpec(LISTS.actions, 'Rag')).to.deep.include({
      indexed: true,
      choice: { choices: ['Grey', 'Blue', 'Green', 'Amber', 'Red'], allowTextEntry: false, displayAs: 'dropDownMenu' },
    });
    expect(columnSpec(LISTS.actionUpdates, 'ActionRef')?.indexed).to.equal(true);
    expect(columnSpec(LISTS.leads, 'AadObjectId')?.indexed).to.equal(true);
    expect(ALL_LISTS.map((l) => l.displayName)).to.have.length(12);
    for (const list of [LISTS.conversations, LISTS.deliveries, LISTS.digests, LISTS.monthSnapshots]) {
      const unique = list.columns.find((c) => c.enforceUniqueValues)!;
      expect(unique.indexed, `${list.displayName}.${unique.name} must be indexed to be unique`).to.equal(true);
    }
  });
});
