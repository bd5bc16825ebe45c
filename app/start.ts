// The composition root: configuration, the stores, the bot, the scheduler and
// one restify server, wired together. The command line and the server both
// start from app/, so imports run one way: app → bot/store → core.
import restify from './restify';
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import { importPlan } from '../core/import/import-plan';
import type { PlanStore } from '../core/ports';
import type { ReachStore } from '../core/reach';
import type { Logger } from 'pino';
import { ConfigError, unauthenticatedListenProblem, type Config } from './config';
import { apiGuard } from './http-guard';
import { lineLogger, logger as processLogger, withCorrelation } from './log';
import { openReachStore, openReadModel, openStore } from './open-store';
import type { PlanReadModel } from '../store/read-model';
import { monthEndSnapshot } from './month-end';
import { mountTabApi } from '../tab/server/api/mount';
import { listenProblem } from './port-check';
import { mountLegalPages } from './legal-pages';
import { readPlanFiles } from '../store/files/read-sheets';
import { createAdapter, type PlanPulseAdapter } from '../bot/adapter';
import { MAX_ACTIVITY_BYTES, mountBotRoutes } from '../bot/http';
import { ChannelTokenCheck } from '../bot/token-check';
import { AuthenticationConstants } from 'botframework-connector';
import { runFollowUps } from '../bot/follow-ups';
import { graphAppInstaller, installForUnreachedLeads, type AppInstaller } from '../bot/install-for-leads';
import { TeamsNotifier, TEAMS_RETRY, type Notifier, type RetryPolicy } from '../bot/notifier';
import { currentCycle, runNudgeCycle, type NudgeDeps } from '../bot/nudge-runner';
import { PlanPulseBot } from '../bot/planpulse-bot';
import { Scheduler } from '../bot/scheduler';
import type { BotServices } from '../bot/services';
import { mountTab } from '../tab/server/static';

export { openReachStore, MAX_ACTIVITY_BYTES };

export interface AppOptions {
  /** Where log lines go; by default the pino logger (app/log.ts), or `logger` when given. */
  log?: (line: string) => void;
  /** A pino logger to write through (tests capture its output). */
  logger?: Logger;
  store?: PlanStore;
  reach?: ReachStore;
  now?: () => Date;
  retry?: RetryPolicy;
  /** Tests drive cycles by hand. */
  schedule?: boolean;
  /** Whether to serve the tab's page (/tab/); `planpulse nudge` runs the app only to send, so it bundles no page. */
  tabPage?: boolean;
}

export interface RunningApp {
  port: number;
  services: BotServices;
  notifier: Notifier;
  adapter: PlanPulseAdapter;
  nudgeDeps: NudgeDeps;
  close(): Promise<void>;
}

/** The installer, when the tenant allows PlanPulse to install itself for leads. */
export function appInstaller(store: PlanStore, config: Config): AppInstaller | undefined {
  if (!config.teamsAppCatalogId || !config.graph) return undefined;
  const { SharePointPlanStore } = require('../store/sharepoint') as typeof import('../store/sharepoint');
  if (!(store instanceof SharePointPlanStore)) return undefined;
  return graphAppInstaller(store.graphClient(), config.graph.baseUrl, config.teamsAppCatalogId);
}

/** First start on the embedded default: load the sample plan so there is something to see. */
async function seedSamplePlan(readModel: PlanReadModel, config: Config, log: (line: string) => void) {
  // Asked of the read model, so the plan read to see whether it is empty is the one the tab then
  // answers from, not a second whole copy (10,000 actions) made at start only to be thrown away.
  if (config.store !== 'local' || (await readModel.plan()).actions.length) return;
  const store = readModel.store;
  if (!fs.existsSync(config.samplePlanDir)) {
    log(`no plan loaded: ${config.samplePlanDir} does not exist (use planpulse import)`);
    return;
  }
  const result = await importPlan(store, await readPlanFiles([config.samplePlanDir]));
  log(result.ok ? `sample plan loaded: ${result.summary}` : `sample plan not loaded: ${result.problems.map((p) => p.message).join('; ')}`);
}

export async function startApp(config: Config, opts: AppOptions = {}): Promise<RunningApp> {
  // Refused before anything is opened: no store, no port.
  const unsafe = unauthenticatedListenProblem(config);
  if (unsafe) throw new ConfigError(`PlanPulse cannot start: ${unsafe}`);
  const log = opts.log ?? lineLogger(opts.logger ?? processLogger());
  // The plan in memory for the tab; every write through `store` refreshes it.
  const readModel = openReadModel(opts.store ?? (await openStore(config)));
  const store = readModel.store;
  await store.provision();
  await seedSamplePlan(readModel, config, log);
  const reach = opts.reach ?? openReachStore(store);
  const now = opts.now ?? (() => new Date());

  const adapter = createAdapter(config.bot, log);

  const rules = { windowDays: config.nudge.windowDays, staleDays: config.nudge.staleDays, recentDays: config.nudge.recentDays };
  const day = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'][config.nudge.day];
  const scheduleText = `Every ${day} at ${String(config.nudge.hour).padStart(2, '0')}:${String(config.nudge.minute).padStart(2, '0')}`;
  const notifier = new TeamsNotifier(adapter, config.bot.appId, opts.retry ?? { ...TEAMS_RETRY, instances: config.instances });
  const services: BotServices = { store, reach, now, rules, log, scheduleText, notifier, schedule: config.nudge };
  const bot = new PlanPulseBot(services);
  const nudgeDeps: NudgeDeps = { store, reach, notifier, now, rules, log, schedule: config.nudge };

  const server = restify.createServer({ name: 'PlanPulse' });
  // A request must arrive whole within these, so a slow sender cannot hold sockets open.
  server.server.headersTimeout = 10_000;
  server.server.requestTimeout = 30_000;
  // Anyone can post to /api/ routes and the body is read before any token is
  // checked: one guard refuses anything but capped, plain JSON before reading it.
  server.pre(apiGuard({ maxBytes: MAX_ACTIVITY_BYTES, bodyTimeoutMs: 10_000, log }));
  mountBotRoutes(server, adapter, bot, log, {
    unauthenticated: !config.bot.appId,
    tokenCheck: new ChannelTokenCheck(
      config.bot.channelOpenIdMetadataUrl ?? AuthenticationConstants.ToBotFromChannelOpenIdMetadataUrl,
      config.bot.channelTokenIssuer ?? AuthenticationConstants.ToBotFromChannelTokenIssuer,
    ),
    around: (activity, work) => withCorrelation({ kind: 'activity', activityId: activity.id ?? '', activityType: activity.type ?? '' }, work),
  });
  mountLegalPages(server);
  mountTabApi(server, {
    readModel,
    reach,
    now,
    log,
    sso: config.tabSso,
    host: config.host,
    entraConfigured: Boolean(config.bot.appId) || config.store !== 'local',
  });
  if (opts.tabPage !== false) mountTab(server, log, config.tabHostOrigins);
  server.get('/healthz', (_req, res, next) => {
    res.send(200, { ok: true });
    return next();
  });

  // Installing for unreached leads is a once-a-cycle job, not one for every catch-up tick.
  let installedInCycle: string | undefined;
  const scheduler = new Scheduler(
    config.nudge,
    {
      nudges: () =>
        withCorrelation({ kind: 'run', job: 'nudges' }, async () => {
          const installer = installedInCycle !== currentCycle(nudgeDeps) ? appInstaller(store, config) : undefined;
          if (installer) {
            installedInCycle = currentCycle(nudgeDeps);
            const i = await installForUnreachedLeads(store, reach, installer);
            log(`installed PlanPulse for ${i.installed.length} lead(s); ${i.failed.length} failed${i.failed[0] ? `: ${i.failed[0].error}` : ''}`);
          }
          const r = await runNudgeCycle(nudgeDeps);
          // A catch-up tick on a finished cycle is quiet.
          if (r.sent.length || r.failed.length || r.unconfirmed.length)
            log(
              `nudge cycle ${r.cycle}: ${r.sent.length} sent, ${r.alreadyHandled.length} already handled, ${r.unconfirmed.length} unconfirmed (claimed by a run that may have died; resumed when the claim lapses${r.retryAt ? ` at ${r.retryAt}` : ''}), ${r.failed.length} failed, ${r.gaveUp.length} given up`,
            );
          return r;
        }),
      followUps: () =>
        withCorrelation({ kind: 'run', job: 'follow-ups' }, async () => {
          await monthEndSnapshot(store, now(), log);
          await runFollowUps(nudgeDeps, config.nudge);
        }),
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
    throw new Error(listenProblem(e as NodeJS.ErrnoException, config.port, config.host), { cause: e });
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
