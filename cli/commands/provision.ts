// planpulse provision: creates or updates the lists (SharePoint) or tables (SQLite); a second run changes nothing.
import { DONE, withStore, type CommandSpec } from './shared';

export const provision: CommandSpec = {
  name: 'provision',
  usage: 'provision',
  summary: 'create or update the lists/tables; safe to repeat',
  flags: {},
  run: async (_args, config, io) =>
    withStore(config, async (store) => {
      const report = await store.provision();
      for (const line of report.changes) io.out(line);
      io.out(report.changes.length ? `provisioned: ${report.changes.length} change(s)` : 'already up to date: nothing changed');
      return DONE;
    }),
};
