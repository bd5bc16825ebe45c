// Realistic plan actions for the card tests, taken from the Lancashire
// 2023-24 plan in sample/lancashire (refs, wording and due months as written).
import type { Action, ActionUpdate, RagStatus } from '../../core/model';

export const TODAY = '2023-03-13';

export function action(overrides: Partial<Action> & Pick<Action, 'ref' | 'text'>): Action {
  const [p, o] = overrides.ref.split('.');
  return { outcomeRef: `${p}.${o}`, priorityRef: p, leadKeys: ['jennifer-ashton'], rag: 'Green', ...overrides };
}

export const SURVEY = action({
  ref: '1.1.3',
  text:
    'Review the approaches for collecting the annual review survey data to improve uptake\n' +
    '- Establish method for analysing and reporting results from existing EHC AR Survey\n' +
    '- Collect and analyse data and provide feedback to the PACT meeting\n' +
    '- Promote survey through schools.',
  dueDate: '2023-03-31',
  originalDueDate: '2023-03-31',
  rag: 'Amber',
  commentary: 'Survey method agreed; analysis delayed by the data team move.',
  lastUpdatedAt: '2023-03-03T14:05:00Z',
});

export const CHILDREN_FEEDBACK = action({
  ref: '1.1.4',
  leadKeys: ['clare-smith'],
  text:
    'Establish task and finish group to review how feedback is gathered from children and young people and informs priorities in relation to the ' +
    'outcomes and experience of children and young people with SEND in a systematic way, with a particular focus on children and young people at SEN support level',
  dueDate: '2023-03-31',
  rag: 'Grey',
});

export const SCHOOL_LINKS = action({
  ref: '1.4.3',
  leadKeys: ['sally-richardson'],
  text:
    'Develop strong links and liaise with primary schools and settings, along with primary school advisors, working collaboratively to\n' +
    '- review existing systems\n- identify areas of concern and gains against benchmark data\n' +
    '- utilise Team Around the School and Settings (TASS) as the supportive vehicle to drive forward and implement change and continuous improvement\n' +
    '- develop action plan',
  dueDate: '2023-06-30',
  originalDueDate: '2023-01-31',
  rag: 'Red',
  commentary: 'Primary advisers restructured in January; new date agreed with the working group.',
  lastUpdatedAt: '2023-02-20T09:30:00Z',
});

export const EXCLUSIONS = action({
  ref: '1.5.2',
  leadKeys: ['sally-richardson'],
  text: 'Establish an Exclusions Task and Finish Group to\n- review good practice in other areas\n- create a comprehensive action plan',
  dueDate: '2023-04-30',
  rag: 'Green',
  completionEvidence: 'Terms of reference and first minutes (Feb 2023) on the partnership SharePoint.',
  completionReportedAt: '2023-03-10T11:00:00Z',
  completionReportedBy: 'sally-richardson',
  lastUpdatedAt: '2023-03-10T11:00:00Z',
});

export const POWAR = action({
  ref: '2.3.4',
  priorityRef: '2',
  leadKeys: ['clare-smith'],
  text:
    'Support the growth of POWAR as the participation forum for children and young people with SEND, to include the broadest representation possible of ' +
    'children and young people with different needs.\n- Conduct an annual review with the Participation Team to consider the development of POWAR.\n' +
    "- Conduct an annual review of children and young people's involvement in the Partnership Board ensuring this is meaningful and effective. " +
    'Propose any revisions to the Terms of Reference.\n- POWAR provided an annual report to the Partnership Board (Jan 23)',
  dueDate: '2023-04-30',
  rag: 'Amber',
  commentary: 'x'.repeat(2000),
});

export const NO_DATE = action({
  ref: '4.3.1',
  priorityRef: '4',
  text: 'Embed the graduated response across settings',
  dueNote: 'Dependent on sustainability',
  rag: 'Grey',
});

const RAGS: RagStatus[] = ['Green', 'Amber', 'Red', 'Grey', 'Blue'];

/** `n` distinct actions built from the longest real texts, for paging and size tests. */
export function manyActions(n: number): Array<{ action: Action; etag: string; reasons: string[] }> {
  const templates = [POWAR, SCHOOL_LINKS, CHILDREN_FEEDBACK, SURVEY, EXCLUSIONS];
  return Array.from({ length: n }, (_, i) => {
    const base = templates[i % templates.length];
    return {
      action: { ...base, ref: `3.${Math.floor(i / 9) + 1}.${(i % 9) + 1}`, rag: RAGS[i % RAGS.length], commentary: base.commentary },
      etag: `"{6C1F8E2A-1B7D-4D0F-9E55-${String(i).padStart(12, '0')}},${i + 3}"`,
      reasons: ['Not started, due 31 Mar 2023.', 'Its new date, 30 Jun 2023, has passed.'],
    };
  });
}

export function update(overrides: Partial<ActionUpdate> & Pick<ActionUpdate, 'kind' | 'changes'>): ActionUpdate {
  return {
    id: 'u-1',
    actionRef: '1.1.3',
    at: '2023-03-13T10:15:00Z',
    by: 'jennifer-ashton',
    byName: 'Jennifer Ashton',
    source: 'teams-card',
    ...overrides,
  };
}
