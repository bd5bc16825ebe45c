// Composition root: store, bot, scheduler and HTTP server wired together.
// With no app id the bot accepts unauthenticated activities (local use, the
// Agents Playground); with MicrosoftAppId set every activity's token is checked.
import { CloudAdapter, ConfigurationBotFrameworkAuthentication, type Activity, type InvokeResponse, type TurnContext } from 'botbuilder';
import { AuthenticationError } from 'botframework-connector';
import restify from 'restify';
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import { importPlan } from '../core/import/import-plan';
import type { PlanStore } from '../core/ports';
import type { ReachStore } from '../core/reach';
import type { Config } from '../cli/config';
import { openReachStore, openStore } from '../cli/open-store';
import { listenProblem } from '../cli/port-check';
import { readPlanFiles } from '../store/files/read-sheets';
import { runFollowUps } from './follow-ups';
import { graphAppInstaller, installForUnreachedLeads, type AppInstaller } from './install-for-leads';
import { TeamsNotifier, TEAMS_RETRY, type Notifier, type RetryPolicy } from './notifier';
import { currentCycle, runNudgeCycle, type NudgeDeps } from './nudge-runner';
import { PlanPulseBot } from './planpulse-bot';
import { Scheduler } from './scheduler';
import type { BotServices } from './services';

/** The largest request body /api/messages reads (Teams caps a message at about 100 KB). */
export const MAX_ACTIVITY_BYTES = 256 * 1024;

export { openReachStore };

export interface AppOptions {
  log?: (line: string) => void;
  store?: PlanStore;
  reach?: ReachStore;
  now?: () => Date;
  retry?: RetryPolicy;
  /** Tests drive cycles by hand. */
  schedule?: boolean;
}

export interface RunningApp {
  port: number;
  services: BotServices;
  notifier: Notifier;
  adapter: CloudAdapter;
  nudgeDeps: NudgeDeps;
  close(): Promise<void>;
}

/**
 * CloudAdapter.process writes every refused token to the console as a full
 * stack and answers for us; this takes the same authenticated path and lets the
 * endpoint answer and log in its own words.
 */
class PlanPulseAdapter extends CloudAdapter {
  processIncoming(authHeader: string, activity: Activity, logic: (ctx: TurnContext) => Promise<void>): Promise<InvokeResponse | undefined> {
    // As botbuilder does before a turn: timestamps arrive as text.
    const a = activity as Activity & Record<string, unknown>;
    for (const [field, raw] of [['timestamp', 'rawTimestamp'], ['localTimestamp', 'rawLocalTimestamp'], ['expiration', 'rawExpiration']] as const) {
      if (typeof a[field] === 'string') {
        a[raw] = a[field];
        a[field] = new Date(a[field] as string);
      }
    }
    return this.processActivity(authHeader, activity, logic);
  }
}

/** The installer, when the tenant allows PlanPulse to install itself for leads. */
export function appInstaller(store: PlanStore, config: Config): AppInstaller | undefined {
  if (!config.teamsAppCatalogId || !config.graph) return undefined;
  const { SharePointPlanStore } = require('../store/sharepoint') as typeof import('../store/sharepoint');
  if (!(store instanceof SharePointPlanStore)) return undefined;
  return graphAppInstaller(store.graphClient(), config.graph.baseUrl, config.teamsAppCatalogId);
}

/** First start on the embedded default: load the sample plan so there is something to see. */
async function seedSamplePlan(store: PlanStore, config: Config, log: (line: string) => void) {
  if (config.store !== 'local' || (await store.loadPlan()).actions.length) return;
  if (!fs.existsSync(config.samplePlanDir)) {
    log(`no plan loaded: ${config.samplePlanDir} does not exist (use planpulse import)`);
    return;
  }
  const result = await importPlan(store, await readPlanFiles([config.samplePlanDir]));
  log(result.ok ? `sample plan loaded: ${result.summary}` : `sample plan not loaded: ${result.problems.map((p) => p.message).join('; ')}`);
}

export async function startApp(config: Config, opts: AppOptions = {}): Promise<RunningApp> {
  const log = opts.log ?? ((line: string) => console.log(line));
  const store = opts.store ?? (await openStore(config));
  await store.provision();
  await seedSamplePlan(store, config, log);
  const reach = opts.reach ?? openReachStore(store);
  const now = opts.now ?? (() => new Date());

  const auth = new ConfigurationBotFrameworkAuthentication({
    MicrosoftAppId: config.bot.appId,
    MicrosoftAppPassword: config.bot.appPassword,
    MicrosoftAppTenantId: config.bot.appTenantId,
    MicrosoftAppType: config.bot.appType,
  });
  const adapter = new PlanPulseAdapter(auth);
  adapter.onTurnError = async (ctx, error) => {
    log(`turn failed: ${error.stack ?? error.message}`);
    await ctx.sendActivity('Sorry, something went wrong on our side. Nothing you sent was lost: please try again.');
  };

  const rules = { windowDays: config.nudge.windowDays, staleDays: config.nudge.staleDays, recentDays: config.nudge.recentDays };
  const day = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'][config.nudge.day];
  const scheduleText = `Every ${day} at ${String(config.nudge.hour).padStart(2, '0')}:${String(config.nudge.minute).padStart(2, '0')}`;
  const notifier = new TeamsNotifier(adapter, config.bot.appId, opts.retry ?? { ...TEAMS_RETRY, instances: config.instances });
  const services: BotServices = { store, reach, now, rules, log, scheduleText, notifier, schedule: config.nudge };
  const bot = new PlanPulseBot(services);
  const nudgeDeps: NudgeDeps = { store, reach, notifier, now, rules, log, schedule: config.nudge };

  const server = restify.createServer({ name: 'PlanPulse' });
  // Anyone can post to /api/messages and the body is read before the token is
  // checked, so it is capped: Teams' own activities are far smaller.
  server.use(restify.plugins.bodyParser({ maxBodySize: MAX_ACTIVITY_BYTES }));
  server.post('/api/messages', async (req, res) => {
    // botbuilder answers 500 to a body that is not an activity; say what is wrong instead.
    if (!req.body || typeof req.body !== 'object' || typeof req.body.type !== 'string') {
      res.send(400, { error: 'The body must be a Bot Framework activity (JSON with a "type").' });
      return;
    }
    const authHeader = String(req.headers.authorization ?? '');
    try {
      const invoke = await adapter.processIncoming(authHeader, req.body as Activity, (ctx) => bot.run(ctx));
      res.send(invoke?.status ?? 200, invoke?.body);
    } catch (e) {
      // Anyone on the internet can post here: a refusal is one line, not a stack.
      if (e instanceof AuthenticationError) {
        log(`refused an activity: not authenticated (${e.message})`);
        res.send(401, { error: 'Not authenticated' });
        return;
      }
      log(`activity failed: ${(e as Error).stack ?? String(e)}`);
      res.send(500, { error: 'PlanPulse could not handle this activity' });
    }
  });
  server.get('/healthz', (_req, res, next) => {
    res.send(200, { ok: true });
    return next();
  });

  // Installing for unreached leads is a once-a-cycle job, not one for every catch-up tick.
  let installedInCycle: string | undefined;
  const scheduler = new Scheduler(
    config.nudge,
    {
      nudges: async () => {
        const installer = installedInCycle !== currentCycle(nudgeDeps) ? appInstaller(store, config) : undefined;
        if (installer) {
          installedInCycle = currentCycle(nudgeDeps);
          const i = await installForUnreachedLeads(store, reach, installer);
          log(`installed PlanPulse for ${i.installed.length} lead(s); ${i.failed.length} failed${i.failed[0] ? `: ${i.failed[0].error}` : ''}`);
        }
        const r = await runNudgeCycle(nudgeDeps);
        // A catch-up tick on a finished cycle is quiet.
        if (r.sent.length || r.failed.length) log(`nudge cycle ${r.cycle}: ${r.sent.length} sent, ${r.alreadyHandled.length} already handled, ${r.failed.length} failed, ${r.gaveUp.length} given up`);
      },
      followUps: () => runFollowUps(nudgeDeps, config.nudge),
      log,
    },
    now,
  );
  if (opts.schedule !== false) scheduler.start();

  try {
    await new Promise<void>((resolve, reject) => {
      // Without this the port being taken is an unhandled 'error' event that kills the process.
      server.once('error', reject);
      server.listen(config.port, config.host, resolve);
    });
  } catch (e) {
    await scheduler.stop();
    if (!opts.store) await store.close();
    throw new Error(listenProblem(e as NodeJS.ErrnoException, config.port, config.host));
  }
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    services,
    notifier,
    adapter,
    nudgeDeps,
    close: async () => {
      await scheduler.stop();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      if (!opts.store) await store.close();
    },
  };
}
