// "My actions": everything a lead leads or was handed, across groups.
import type { IsoDate, Lead } from '../model';
import { compareRefs } from '../refs';
import { actionRow } from './action-row';
import { isOwnAction, type PlanIndex } from './plan-index';
import type { ActionRowView } from './view-types';

export function myActions(ix: PlanIndex, me: Lead, today: IsoDate): ActionRowView[] {
  return ix.plan.actions
    .filter((a) => isOwnAction(a.value, me.key))
    .sort((a, b) => compareRefs(a.value.ref, b.value.ref))
    .map((a) => actionRow({ ix, viewer: me, today }, a));
}
