// Two delivery groups (one quarterly, one monthly), their priorities and an
// action factory: the small plan the exceptions rule and the board pack are
// both tested on.
import type { Action, DeliveryGroup, Priority } from '../../core/model';

export const TODAY = '2023-03-03';

export const action = (ref: string, over: Partial<Action> = {}): Action => ({
  ref,
  outcomeRef: ref.split('.').slice(0, 2).join('.'),
  priorityRef: ref.split('.')[0],
  text: `Action ${ref}`,
  leadKeys: ['jennifer-ashton'],
  rag: 'Green',
  dueDate: '2023-06-30',
  lastUpdatedAt: '2023-03-01T09:00:00Z',
  ...over,
});

/** Fresh each call, so no test can change another's plan. */
export const twoGroups = (): { priorities: Priority[]; deliveryGroups: DeliveryGroup[] } => ({
  deliveryGroups: [
    {
      key: 'outcomes',
      name: 'Improving Outcomes',
      chairRole: 'Head of Inclusion',
      cadence: 'quarterly',
      byException: true,
      reportingText: 'Quarterly or by exception',
    },
    {
      key: 'journey',
      name: 'Improving the SEND Journey',
      chairRole: 'Associate Director',
      cadence: 'monthly',
      byException: true,
      reportingText: 'Monthly or by exception',
    },
  ],
  priorities: [
    { ref: '1', title: 'Improving Outcomes', deliveryGroupKey: 'outcomes' },
    { ref: '3', title: 'Improving the SEND Journey', deliveryGroupKey: 'journey' },
  ],
});
