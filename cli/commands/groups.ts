// planpulse groups [--json]: each delivery group's key (what chair and meeting take), name, chair, cadence and next meeting.
import { formatDate } from '../../core/dates';
import { DONE, USAGE, printJson, withStore, type CommandSpec } from './shared';

export const groups: CommandSpec = {
  name: 'groups',
  usage: 'groups [--json]',
  summary: 'list the delivery groups: key, name, chair, cadence, next meeting',
  flags: { json: { type: 'boolean' } },
  run: async ({ flags, positionals }, config, io) => {
    if (positionals.length) {
      io.err('usage: planpulse groups [--json]');
      return USAGE;
    }
    return withStore(
      config,
      async (store) => {
        const plan = await store.loadPlan();
        const names = new Map((await store.listLeads()).map((l) => [l.key, l.displayName]));
        if (flags.json) {
          printJson(
            io,
            plan.deliveryGroups.map((g) => ({ ...g, chair: g.chairLeadKey ? (names.get(g.chairLeadKey) ?? g.chairLeadKey) : undefined })),
          );
          return DONE;
        }
        for (const g of plan.deliveryGroups) {
          const chairName = g.chairLeadKey ? (names.get(g.chairLeadKey) ?? g.chairLeadKey) : 'not set';
          const role = g.chairRole ? ` (${g.chairRole})` : '';
          const next = g.nextMeeting ? formatDate(g.nextMeeting) : 'not set';
          io.out(`${g.key}: ${g.name}; chair ${chairName}${role}; meets ${g.reportingText || g.cadence}; next meeting ${next}`);
        }
        io.out(
          plan.deliveryGroups.length
            ? `${plan.deliveryGroups.length} delivery groups: set a chair with planpulse chair <group-key> <name>, a meeting with planpulse meeting <group-key> <date>`
            : 'no delivery groups yet: import a plan first (planpulse import)',
        );
        return DONE;
      },
      { readOnly: true },
    );
  },
};
