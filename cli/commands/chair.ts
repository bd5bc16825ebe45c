// planpulse chair <group-key> <name>: sets who chairs a delivery group ("none" clears it).
import { leadKey } from '../../core/leads';
import { DONE, FAILED, USAGE, namedGroup, noPlanYet, withStore, type CommandSpec } from './shared';

export const chair: CommandSpec = {
  name: 'chair',
  usage: 'chair <group-key> <name>',
  summary: 'set who chairs a delivery group ("none" clears it)',
  flags: {},
  run: async ({ positionals }, config, io) => {
    const [groupKey, ...nameParts] = positionals;
    if (!groupKey || !nameParts.length) {
      io.err('usage: planpulse chair <delivery-group-key> <lead name> (or "none" to clear)');
      return USAGE;
    }
    const name = nameParts.join(' ');
    if (noPlanYet(config, io)) return FAILED;
    return withStore(config, async (store) => {
      if (!(await namedGroup(store, groupKey, io))) return FAILED;
      if (name === 'none') {
        await store.setChair(groupKey, undefined);
        io.out(`${groupKey} has no chair set`);
        return DONE;
      }
      const key = leadKey(name);
      const lead = (await store.listLeads()).find((l) => l.key === key);
      if (!lead) {
        io.err(`"${name}" is not in the leads list; add them with planpulse leads --import`);
        return FAILED;
      }
      await store.setChair(groupKey, lead.key);
      io.out(`${lead.displayName} now chairs ${groupKey}`);
      return DONE;
    });
  },
};
