// planpulse leads [--import people.csv] [--json]: who leads what, whether each
// is matched to a Teams account and reachable, and which actions have no lead.
import { openReachStore } from '../../app/open-store';
import { describeProblem } from '../../core/import/import-plan';
import { conversationsByLead, reachOf } from '../../core/lead-reach';
import { isMatched } from '../../core/leads';
import { matchPeople } from '../../core/match-leads';
import { unassignedActions } from '../../core/action-filters';
import { readSheets } from '../../store/files/read-sheets';
import { DONE, FAILED, USAGE, printJson, readNamed, withStore, type CommandSpec } from './shared';

export const leads: CommandSpec = {
  name: 'leads',
  usage: 'leads [--import people.csv] [--json]',
  summary: 'show which leads are matched and reachable in Teams, and unassigned actions; load a people sheet',
  flags: { import: { type: 'string' }, json: { type: 'boolean' } },
  run: async ({ flags, positionals }, config, io) => {
    if (positionals.length) {
      io.err(`planpulse leads takes no names ("${positionals[0]}"): usage: planpulse leads [--import people.csv] [--json]`);
      return USAGE;
    }
    const file = flags.import as string | undefined;
    const sheets = file !== undefined ? await readNamed([file], io, () => readSheets(file)) : undefined;
    if (file !== undefined && !sheets) return FAILED;
    let imported: { updated: number; added: number; chairs: number } | undefined;
    return withStore(
      config,
      async (store) => {
        if (sheets) {
          const [sheet] = sheets;
          const plan = await store.loadPlan();
          const match = matchPeople(
            plan.leads,
            sheet,
            plan.deliveryGroups.map((g) => g.key),
          );
          for (const p of match.problems) io.err(describeProblem(p));
          if (match.problems.length) {
            io.err(`people refused: ${match.problems.length} problem(s); nothing was changed`);
            return FAILED;
          }
          // Every row was checked against the sheet and the stored leads above, so
          // nothing is written unless the whole sheet is good.
          for (const lead of match.toSave) await store.saveLead(lead);
          for (const c of match.chairs) await store.setChair(c.groupKey, c.leadKey);
          imported = { updated: match.updated.length, added: match.added.length, chairs: match.chairs.length };
          // With --json the counts go inside the one JSON document below.
          if (!flags.json) io.out(`updated ${imported.updated} lead(s), added ${imported.added} person(s), set ${imported.chairs} chair(s)`);
        }
        const all = await store.listLeads();
        const conversations = conversationsByLead(all, await openReachStore(store).listReachability());
        const rows = all.map((lead) => ({ lead, matched: isMatched(lead), reach: reachOf(lead, conversations.get(lead.key)) }));
        const unassigned = unassignedActions((await store.loadPlan()).actions.map((a) => a.value)).map((a) => a.ref);
        if (flags.json) {
          printJson(io, {
            leads: rows.map(({ lead, matched, reach }) => ({
              key: lead.key,
              name: lead.displayName,
              email: lead.email ?? lead.upn,
              matched,
              reachable: reach.reachable,
              reach: reach.words,
              secretariat: Boolean(lead.isSecretariat),
            })),
            unassigned,
            ...(imported && { imported }),
          });
          return DONE;
        }
        const reachWidth = Math.max('reachable in Teams'.length, ...rows.map((r) => r.reach.words.length));
        if (rows.length > 0) io.out(`${'matched'.padEnd(11)}  ${'reachable in Teams'.padEnd(reachWidth)}  lead`);
        for (const { lead, matched, reach } of rows) {
          const who = [lead.email ?? lead.upn, lead.aadObjectId].filter(Boolean).join(', ');
          io.out(
            `${matched ? 'matched    ' : 'not matched'}  ${reach.words.padEnd(reachWidth)}  ${lead.displayName}${who ? ` (${who})` : ''}${lead.isSecretariat ? ' [secretariat]' : ''}`,
          );
        }
        if (unassigned.length) io.out(`unassigned (no lead, nobody is asked about them): ${unassigned.join(', ')}`);
        const matched = rows.filter((r) => r.matched).length;
        const reachable = rows.filter((r) => r.reach.reachable).length;
        io.out(
          `${all.length} leads: ${matched} matched, ${all.length - matched} not matched, ${reachable} reachable in Teams${unassigned.length ? `; ${unassigned.length} action(s) unassigned` : ''}`,
        );
        return DONE;
      },
      { readOnly: !sheets },
    ); // only loading a people sheet writes: a listing on a fresh machine makes no file
  },
};
