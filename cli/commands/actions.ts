// planpulse actions [--group KEY] [--lead NAME] [--rag Red,Amber] [--overdue]
// [--changed-since DATE] [--json]: the plan as it stands, one line an action.
import { filterActions, readRagList, type ActionFilter } from '../../core/action-filters';
import { formatDate, formatInstant, londonDate, parseUserDate } from '../../core/dates';
import { leadKey } from '../../core/leads';
import type { Action, Lead } from '../../core/model';
import { shortenAtWord as shorten } from '../../core/shorten';
import { DONE, FAILED, USAGE, printJson, unreadableDate, withStore, type CommandSpec } from './shared';

const USAGE_LINE = 'actions [--group KEY] [--lead NAME] [--rag Red,Amber] [--overdue] [--changed-since DATE] [--json]';

/** An action as --json gives it: the record, with its leads' names and its group. */
export function actionJson(a: Action, names: Map<string, string>, groupKey: string | undefined) {
  return {
    ref: a.ref,
    text: a.text,
    rag: a.rag,
    dueDate: a.dueDate,
    originalDueDate: a.originalDueDate,
    dueNote: a.dueNote,
    leads: a.leadKeys.map((k) => names.get(k) ?? k),
    delegate: a.delegateKey && (names.get(a.delegateKey) ?? a.delegateKey),
    deliveryGroup: groupKey,
    priorityRef: a.priorityRef,
    outcomeRef: a.outcomeRef,
    commentary: a.commentary,
    lastUpdatedAt: a.lastUpdatedAt,
    lastUpdatedBy: a.lastUpdatedBy && (names.get(a.lastUpdatedBy) ?? a.lastUpdatedBy),
    completionReportedAt: a.completionReportedAt,
    signedOffAt: a.signedOffAt,
  };
}

/** "due 30 Apr 2023 (planned 31 Mar 2023)", "due: Dependent on sustainability", "no due date". */
export function dueWords(a: Action): string {
  if (a.dueDate)
    return `due ${formatDate(a.dueDate)}${a.originalDueDate && a.originalDueDate !== a.dueDate ? ` (planned ${formatDate(a.originalDueDate)})` : ''}`;
  return a.dueNote ? `due: ${shorten(a.dueNote.replace(/\s*\n\s*/g, ' '), 40)}` : 'no due date';
}

export const actions: CommandSpec = {
  name: 'actions',
  usage: USAGE_LINE,
  summary: 'the plan as it stands: ref, RAG, due, leads, latest commentary',
  flags: {
    group: { type: 'string' },
    lead: { type: 'string' },
    rag: { type: 'string' },
    overdue: { type: 'boolean' },
    'changed-since': { type: 'string' },
    json: { type: 'boolean' },
  },
  run: async ({ flags, positionals }, config, io) => {
    if (positionals.length) {
      io.err(`usage: planpulse ${USAGE_LINE} (for one action: planpulse action ${positionals[0]})`);
      return USAGE;
    }
    const today = londonDate(new Date());
    const filter: ActionFilter = { overdue: flags.overdue === true };
    if (flags.rag !== undefined) {
      const read = readRagList(flags.rag as string);
      if ('problem' in read) {
        io.err(read.problem);
        return USAGE;
      }
      filter.rags = read.rags;
    }
    if (flags['changed-since'] !== undefined) {
      const raw = flags['changed-since'] as string;
      const since = parseUserDate(raw, today);
      if (!since) {
        io.err(unreadableDate(raw));
        return USAGE;
      }
      filter.changedSince = since;
    }
    return withStore(
      config,
      async (store) => {
        const plan = await store.loadPlan();
        const leads = await store.listLeads();
        if (flags.group !== undefined) {
          const key = flags.group as string;
          if (!plan.deliveryGroups.some((g) => g.key === key)) {
            io.err(
              `There is no delivery group "${key}"${plan.deliveryGroups.length ? `; the keys are ${plan.deliveryGroups.map((g) => g.key).join(', ')}` : ': no plan is loaded yet (planpulse import)'}`,
            );
            return FAILED;
          }
          filter.groupKey = key;
        }
        if (flags.lead !== undefined) {
          const name = flags.lead as string;
          const lead = findLead(leads, name);
          if (!lead) {
            io.err(`There is no lead "${name}" (planpulse leads lists them)`);
            return FAILED;
          }
          filter.leadKey = lead.key;
        }
        const names = new Map(leads.map((l) => [l.key, l.displayName]));
        const groupOf = new Map(plan.priorities.map((p) => [p.ref, p.deliveryGroupKey]));
        const shown = filterActions(
          plan.actions.map((a) => a.value),
          plan,
          filter,
          today,
        );
        if (flags.json) {
          printJson(
            io,
            shown.map((a) => actionJson(a, names, groupOf.get(a.priorityRef))),
          );
          return DONE;
        }
        for (const a of shown) {
          const who = a.leadKeys.length ? a.leadKeys.map((k) => names.get(k) ?? k).join(' / ') : 'unassigned';
          const latest = a.commentary
            ? `; "${shorten(a.commentary.replace(/\s*\n\s*/g, ' '), 60)}"${a.lastUpdatedAt ? ` (${formatInstant(a.lastUpdatedAt)})` : ''}`
            : '';
          io.out(`${a.ref}  ${a.rag}; ${dueWords(a)}; ${who}${latest}`);
        }
        io.out(`${shown.length} of ${plan.actions.length} actions`);
        return DONE;
      },
      { readOnly: true },
    );
  },
};

/** A lead by name as typed: their key, or any spelling the plan used. */
export function findLead(leads: Lead[], name: string): Lead | undefined {
  const key = leadKey(name);
  return leads.find((l) => l.key === key) ?? leads.find((l) => l.aliases.some((a) => leadKey(a) === key));
}
