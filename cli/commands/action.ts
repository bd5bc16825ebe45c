// planpulse action 1.1.3 [--json]: one action with its whole history: what it
// says, its RAG, its original and revised due dates, and every change, who
// made it, when and from where (a Teams card, chat, the tab, the import).
import { ragInWords } from '../../core/rag';
import { formatDate, formatInstant, isIsoDate } from '../../core/dates';
import type { Action, ActionUpdate, FieldChange, UpdateSource } from '../../core/model';
import { actionJson, dueWords } from './actions';
import { DONE, FAILED, USAGE, printJson, withStore, type CommandSpec } from './shared';

const FROM: Record<UpdateSource, string> = {
  'teams-card': 'a Teams card',
  'teams-chat': 'Teams chat',
  tab: 'the Teams tab',
  cli: 'the command line',
  import: 'a plan import',
};

const FIELD: Record<string, string> = {
  rag: 'RAG',
  dueDate: 'due date',
  originalDueDate: 'planned due date',
  dueNote: 'due note',
  commentary: 'commentary',
  completionEvidence: 'completion evidence',
  completionReportedAt: 'completion reported',
  completionReportedBy: 'completion reported by',
  signedOffAt: 'signed off',
  signedOffBy: 'signed off by',
  delegateKey: 'delegate',
  text: 'text',
  leadKeys: 'leads',
};

function shown(v: unknown): string {
  if (v === null || v === undefined || v === '') return '(none)';
  if (Array.isArray(v)) return v.length ? v.join(', ') : '(none)';
  if (isIsoDate(v)) return formatDate(v);
  const s = String(v).replace(/\s*\n\s*/g, ' ');
  return s.length > 60 ? `"${s.slice(0, 59)}…"` : `"${s}"`;
}

/** "RAG "Grey" → "Amber"; due date 31 Mar 2023 → 30 Apr 2023" */
export function describeChanges(changes: FieldChange[]): string {
  return changes.map((c) => `${FIELD[c.field] ?? c.field} ${shown(c.from)} → ${shown(c.to)}`).join('; ');
}

/** "6 Mar 2023, 10:15  Jennifer Ashton, from a Teams card: RAG "Grey" → "Amber". "Waiting on data"" */
export function historyLine(u: ActionUpdate): string {
  // The comment is quoted once at the end, not again as a change to the commentary.
  const changes = u.changes.filter((c) => !(c.field === 'commentary' && u.comment && c.to === u.comment));
  const what = u.kind === 'no-change' ? 'no change' : describeChanges(changes) || (u.comment ? 'commentary' : u.kind);
  return `${formatInstant(u.at)}  ${u.byName || u.by}, from ${FROM[u.source] ?? u.source}: ${what}${u.comment ? `. "${u.comment.replace(/\s*\n\s*/g, ' ')}"` : ''}`;
}

/** "due 30 Jun 2023, revised; first planned for 31 Mar 2023", "due 31 Mar 2023, as planned". */
export function dueLine(a: Action): string {
  if (a.dueDate && a.originalDueDate && a.dueDate !== a.originalDueDate)
    return `due ${formatDate(a.dueDate)}, revised; first planned for ${formatDate(a.originalDueDate)}`;
  if (a.dueDate && a.dueDate === a.originalDueDate) return `due ${formatDate(a.dueDate)}, as planned`;
  return dueWords(a);
}

export const action: CommandSpec = {
  name: 'action',
  usage: 'action <ref> [--json]',
  summary: 'one action with its whole history: who changed what, when and from where',
  flags: { json: { type: 'boolean' } },
  run: async ({ flags, positionals }, config, io) => {
    const [ref, ...extra] = positionals;
    if (!ref || extra.length) {
      io.err('usage: planpulse action <ref> [--json], e.g. planpulse action 1.1.3');
      return USAGE;
    }
    return withStore(
      config,
      async (store) => {
        const found = await store.getAction(ref.trim());
        if (!found) {
          io.err(`There is no action ${ref} (planpulse actions lists them)`);
          return FAILED;
        }
        const a = found.value;
        const history = await store.actionHistory(a.ref);
        const names = new Map((await store.listLeads()).map((l) => [l.key, l.displayName]));
        const priority = await store.getPriority(a.priorityRef);
        if (flags.json) {
          printJson(io, {
            ...actionJson(a, names, priority?.deliveryGroupKey),
            completionEvidence: a.completionEvidence,
            signedOffBy: a.signedOffBy,
            history,
          });
          return DONE;
        }
        io.out(`${a.ref}  ${a.text.replace(/\s*\n\s*/g, ' ')}`);
        io.out(
          `priority ${a.priorityRef}${priority ? ` (${priority.title})` : ''}${a.outcomeRef ? `, outcome ${a.outcomeRef}` : ''}${priority ? `; delivery group ${priority.deliveryGroupKey}` : ''}`,
        );
        io.out(
          `leads: ${a.leadKeys.length ? a.leadKeys.map((k) => names.get(k) ?? k).join(' / ') : 'unassigned'}${a.delegateKey ? `; delegated to ${names.get(a.delegateKey) ?? a.delegateKey}` : ''}`,
        );
        io.out(`RAG: ${ragInWords(a.rag)}`);
        io.out(`${dueLine(a)}${a.dueNote && a.dueDate ? `; the plan says "${a.dueNote}"` : ''}`);
        if (a.commentary) io.out(`latest commentary: "${a.commentary.replace(/\s*\n\s*/g, ' ')}"`);
        if (a.completionReportedAt)
          io.out(`completion reported ${formatInstant(a.completionReportedAt)}${a.completionEvidence ? `: "${a.completionEvidence}"` : ''}`);
        if (a.signedOffAt) io.out(`signed off ${formatInstant(a.signedOffAt)} by ${a.signedOffBy && (names.get(a.signedOffBy) ?? a.signedOffBy)}`);
        io.out(history.length ? `history (${history.length}, oldest first):` : 'history: no changes yet');
        for (const u of history) io.out(`  ${historyLine(u)}`);
        return DONE;
      },
      { readOnly: true },
    );
  },
};
