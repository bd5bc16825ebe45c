// planpulse serve (npm start): the bot and its schedule, until stopped.
import { portProblem } from '../../app/port-check';
import { FAILED, USAGE, loadServer, type CommandSpec } from './shared';

export const serve: CommandSpec = {
  name: 'serve',
  usage: 'serve',
  summary: 'start the bot (npm start)',
  flags: {},
  run: async ({ positionals }, config, io) => {
    if (positionals.length) {
      io.err('usage: planpulse serve (settings come from the environment: see .env.example)');
      return USAGE;
    }
    const busy = await portProblem(config.port, config.host);
    if (busy) {
      io.err(busy);
      return FAILED;
    }
    // Loaded only here (and by nudge and install-app), so other commands never load restify.
    const { startApp } = loadServer();
    // The server logs through pino (app/log.ts): JSON in production, readable at a terminal, PLANPULSE_LOG sets the level.
    const app = await startApp(config);
    const base = `http://${config.host}:${app.port}`;
    // The README sends a newcomer to the tab: say where it is, not only the bot's endpoint.
    io.out(`PlanPulse is running at ${base} (bot endpoint: /api/messages; the tab: ${base}/tab/)`);
    return new Promise<number>(() => undefined); // runs until stopped
  },
};
