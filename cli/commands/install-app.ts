// planpulse install-app [--dry-run]: installs the Teams app for matched leads who never installed it (needs TEAMS_APP_CATALOG_ID).
import { openReachStore } from '../../app/open-store';
import { DONE, FAILED, PARTLY, USAGE, loadServer, withStore, type CommandSpec } from './shared';

export const INSTALL_APP_NEEDS_SHAREPOINT =
  'install-app works only with the SharePoint store: set PLANPULSE_STORE=sharepoint and TEAMS_APP_CATALOG_ID';

/**
 * Said before the settings are checked, so an admin on the embedded default
 * hears what install-app needs rather than a start-up error about TEAMS_APP_CATALOG_ID.
 */
export function installAppProblem(env: NodeJS.ProcessEnv): string | undefined {
  return (env.PLANPULSE_STORE || 'local').toLowerCase() === 'sharepoint' ? undefined : INSTALL_APP_NEEDS_SHAREPOINT;
}

export const installApp: CommandSpec = {
  name: 'install-app',
  usage: 'install-app [--dry-run]',
  summary: 'install the Teams app for matched leads who never have (optional, SharePoint mode)',
  flags: { 'dry-run': { type: 'boolean' } },
  run: async ({ flags, positionals }, config, io) => {
    if (positionals.length) {
      io.err('usage: planpulse install-app [--dry-run]');
      return USAGE;
    }
    const dryRun = flags['dry-run'] === true;
    const { appInstaller } = loadServer();
    const { installForUnreachedLeads } = require('../../bot/install-for-leads') as typeof import('../../bot/install-for-leads');
    return withStore(config, async (store) => {
      const installer = appInstaller(store, config);
      if (!installer) {
        io.err(
          config.store === 'sharepoint'
            ? "install-app needs TEAMS_APP_CATALOG_ID: set it to the app's id in your Teams app catalogue"
            : INSTALL_APP_NEEDS_SHAREPOINT,
        );
        return USAGE;
      }
      const r = await installForUnreachedLeads(store, openReachStore(store), installer, dryRun);
      for (const k of r.installed) io.out(`${dryRun ? 'would install for' : 'installed for'} ${k}`);
      for (const k of r.alreadyInstalled) io.out(`already installed for ${k}`);
      for (const f of r.failed) io.err(`failed for ${f.leadKey}: ${f.error}`);
      io.out(
        `${r.installed.length} ${dryRun ? 'to install' : 'installed'}, ${r.alreadyInstalled.length} already installed, ${r.failed.length} failed`,
      );
      if (!r.failed.length) return DONE;
      return r.installed.length ? PARTLY : FAILED;
    });
  },
};
