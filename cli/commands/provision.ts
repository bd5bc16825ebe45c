// planpulse provision: creates or updates the lists (SharePoint) or tables (SQLite); a second run changes nothing.
import { DONE, USAGE, withStore, type CommandSpec } from './shared';

export const provision: CommandSpec = {
  name: 'provision',
  usage: 'provision',
  summary: 'create or update the lists/tables; safe to repeat',
  flags: {},
  run: async ({ positionals }, config, io) => {
    if (positionals.length) {
      io.err(`planpulse provision takes no words of its own ("${positionals[0]}"): usage: planpulse provision; nothing was done`);
      return USAGE;
    }
    return withStore(config, async (store) => {
      const report = await store.provision();
      for (const line of report.changes) io.out(line);
      io.out(report.changes.length ? `provisioned: ${report.changes.length} change(s)` : 'already up to date: nothing changed');
      return DONE;
    });
  },
};
