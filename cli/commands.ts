// The planpulse commands. Each opens the configured store, calls the core and
// prints what happened; failures print the reason and change nothing.
import fs from 'node:fs';
import { formatDate, londonDate, parseUserDate } from '../core/dates';
import { describeProblem, importPlan } from '../core/import/import-plan';
import { InvalidError } from '../core/errors';
import { recordMeasurement, scoreCardLine } from '../core/kpi';
import { conversationsByLead, reachOf } from '../core/lead-reach';
import { isMatched, leadKey } from '../core/leads';
import { matchPeople } from '../core/match-leads';
import type { DeliveryGroup } from '../core/model';
import type { PlanStore } from '../core/ports';
import { readPlanFiles, readSheets } from '../store/files/read-sheets';
import { requestsBetween, type RequestCount } from '../store/sharepoint/graph/request-count';
import type { Config } from '../app/config';
import { openReachStore, openStore } from '../app/open-store';
import { cannotRead } from './file-problems';
import { portProblem } from '../app/port-check';
import { snapshot } from './snapshot-command';

export interface Io {
  out(line: string): void;
  err(line: string): void;
  env: NodeJS.ProcessEnv;
}

type Command = (args: string[], config: Config, io: Io) => Promise<number>;

/** One wording for every date the command line cannot read, impossible ones ("31/02/2024") included. */
const unreadableDate = (raw: string) => `"${raw}" is not a date PlanPulse can read; try "12 Dec 2026"`;

/** Reads the files a person named; a file that cannot be read is said in words and ends the command. */
async function readNamed<T>(files: string[], io: Io, read: () => Promise<T>): Promise<T | undefined> {
  try {
    return await read();
  } catch (e) {
    const why = cannotRead(e, files.join(', '));
    if (!why) throw e;
    io.err(why);
    return undefined;
  }
}

/** The delivery group a person named, or undefined after saying which keys there are. */
async function namedGroup(store: PlanStore, groupKey: string, io: Io): Promise<DeliveryGroup | undefined> {
  const groups = (await store.loadPlan()).deliveryGroups;
  const group = groups.find((g) => g.key === groupKey);
  if (!group) {
    io.err(
      groups.length
        ? `There is no delivery group "${groupKey}"; the keys are ${groups.map((g) => g.key).join(', ')} (planpulse groups lists them)`
        : `There is no delivery group "${groupKey}": no plan is loaded yet (planpulse import)`,
    );
  }
  return group;
}

async function withStore<T>(config: Config, fn: (store: PlanStore) => Promise<T>, opts: { readOnly?: boolean } = {}): Promise<T> {
  const store = await openStore(config, opts);
  try {
    return await fn(store);
  } finally {
    await store.close();
  }
}

/** The store's request counter, where it keeps one (SharePoint does; SQLite sends none). */
function requestCounter(store: PlanStore): (() => RequestCount) | undefined {
  const counted = store as PlanStore & { requestCount?: () => RequestCount };
  return counted.requestCount && (() => counted.requestCount!());
}

const provision: Command = async (_args, config, io) =>
  withStore(config, async (store) => {
    const report = await store.provision();
    for (const line of report.changes) io.out(line);
    io.out(report.changes.length ? `provisioned: ${report.changes.length} change(s)` : 'already up to date: nothing changed');
    return 0;
  });

const importCommand: Command = async (args, config, io) => {
  const dryRun = args.includes('--dry-run');
  const files = args.filter((a) => !a.startsWith('--'));
  if (!files.length) {
    io.err('usage: planpulse import <plan.csv|plan.xlsx|folder> [kpis.csv] [delivery-groups.csv] [--dry-run]');
    return 2;
  }
  const sheets = await readNamed(files, io, () => readPlanFiles(files));
  if (!sheets) return 1;
  const run = async (store: PlanStore): Promise<number> => {
    // A dry run changes nothing, provisioning included: an unprovisioned store reads as empty.
    if (!dryRun) await store.provision();
    // Counted around the import alone, so provisioning's reads are not in the figure.
    const counter = requestCounter(store);
    const before = counter?.();
    const result = await importPlan(store, sheets, { dryRun });
    const spent = before && requestsBetween(before, counter!());
    for (const p of result.problems) io.err(describeProblem(p));
    if (!result.ok) {
      io.err(`import refused: ${result.problems.length} problem(s); nothing was changed`);
      return 1;
    }
    for (const n of result.notes) io.out(`note: ${describeProblem(n)}`);
    const d = result.diff!;
    if (dryRun) for (const line of d.lines) io.out(line);
    for (const gone of d.notInFile) io.out(`kept (not in these files): ${gone}`);
    io.out(
      `${d.created} to create, ${d.updated} to update, ${d.unchanged} unchanged` +
        (spent && !dryRun ? `; ${spent.outer} requests to SharePoint (${spent.batches} $batch carrying ${spent.inner} writes)` : ''),
    );
    // The summary's form is kept ("imported 5 priorities, …"); a run that wrote nothing says so.
    io.out(!dryRun && d.created + d.updated === 0 ? `${result.summary}; nothing had changed` : result.summary);
    return 0;
  };
  return withStore(config, run, { readOnly: dryRun });
};

const leads: Command = async (args, config, io) =>
  withStore(config, async (store) => {
    const fileIndex = args.indexOf('--import');
    if (fileIndex >= 0) {
      const file = args[fileIndex + 1];
      if (!file) {
        io.err('usage: planpulse leads --import people.csv (columns: name, email, upn, aad_object_id, secretariat, board, chair_of)');
        return 2;
      }
      const sheets = await readNamed([file], io, () => readSheets(file));
      if (!sheets) return 1;
      const [sheet] = sheets;
      const plan = await store.loadPlan();
      const match = matchPeople(plan.leads, sheet, plan.deliveryGroups.map((g) => g.key));
      for (const p of match.problems) io.err(describeProblem(p));
      if (match.problems.length) {
        io.err(`people refused: ${match.problems.length} problem(s); nothing was changed`);
        return 1;
      }
      // Every row was checked against the sheet and the stored leads above, so
      // nothing is written unless the whole sheet is good.
      for (const lead of match.toSave) await store.saveLead(lead);
      for (const c of match.chairs) await store.setChair(c.groupKey, c.leadKey);
      io.out(`updated ${match.updated.length} lead(s), added ${match.added.length} person(s), set ${match.chairs.length} chair(s)`);
    }
    const all = await store.listLeads();
    const conversations = conversationsByLead(all, await openReachStore(store).listReachability());
    const rows = all.map((lead) => ({ lead, matched: isMatched(lead), reach: reachOf(lead, conversations.get(lead.key)) }));
    const reachWidth = Math.max('reachable in Teams'.length, ...rows.map((r) => r.reach.words.length));
    if (rows.length > 0) io.out(`${'matched'.padEnd(11)}  ${'reachable in Teams'.padEnd(reachWidth)}  lead`);
    for (const { lead, matched, reach } of rows) {
      const who = [lead.email ?? lead.upn, lead.aadObjectId].filter(Boolean).join(', ');
      io.out(
        `${matched ? 'matched    ' : 'not matched'}  ${reach.words.padEnd(reachWidth)}  ${lead.displayName}${who ? ` (${who})` : ''}${lead.isSecretariat ? ' [secretariat]' : ''}`,
      );
    }
    const matched = rows.filter((r) => r.matched).length;
    const reachable = rows.filter((r) => r.reach.reachable).length;
    io.out(`${all.length} leads: ${matched} matched, ${all.length - matched} not matched, ${reachable} reachable in Teams`);
    return 0;
  });

const chair: Command = async (args, config, io) => {
  const [groupKey, ...nameParts] = args;
  if (!groupKey || !nameParts.length) {
    io.err('usage: planpulse chair <delivery-group-key> <lead name> (or "none" to clear)');
    return 2;
  }
  const name = nameParts.join(' ');
  return withStore(config, async (store) => {
    if (!(await namedGroup(store, groupKey, io))) return 1;
    if (name === 'none') {
      await store.setChair(groupKey, undefined);
      io.out(`${groupKey} has no chair set`);
      return 0;
    }
    const key = leadKey(name);
    const lead = (await store.listLeads()).find((l) => l.key === key);
    if (!lead) {
      io.err(`"${name}" is not in the leads list; add them with planpulse leads --import`);
      return 1;
    }
    await store.setChair(groupKey, lead.key);
    io.out(`${lead.displayName} now chairs ${groupKey}`);
    return 0;
  });
};

const kpi: Command = async (args, config, io) => {
  return withStore(config, async (store) => {
    if (args[0] === 'record') {
      const [, ref, ...rest] = args;
      const flag = (name: string) => {
        const i = rest.indexOf(name);
        return i >= 0 ? rest.splice(i, 2)[1] : undefined;
      };
      const on = flag('--on');
      const note = flag('--note');
      const today = londonDate(new Date());
      if (!ref || !rest.length) {
        io.err('usage: planpulse kpi record <kpi-ref> <value> [--on <date>] [--note <text>]');
        return 2;
      }
      const measuredOn = on ? parseUserDate(on, today) : today;
      if (!measuredOn) {
        io.err(unreadableDate(on!));
        return 2;
      }
      try {
        const m = await recordMeasurement(store, { kpiRef: ref, value: rest.join(' '), measuredOn, note, recordedBy: 'cli' }, new Date(), today);
        io.out(`recorded ${m.kpiRef}: ${m.value} on ${formatDate(m.measuredOn)}`);
        return 0;
      } catch (e) {
        if (e instanceof InvalidError) {
          for (const p of e.problems) io.err(p);
          io.err('nothing was recorded');
          return 1;
        }
        throw e;
      }
    }
    if (args.length) {
      io.err(`unknown kpi command "${args[0]}": planpulse kpi shows the score card; planpulse kpi record <kpi-ref> <value> [--on <date>] [--note <text>] records a measurement`);
      return 2;
    }
    const plan = await store.loadPlan();
    const measurements = await store.kpiMeasurements();
    for (const k of plan.kpis) io.out(scoreCardLine(k, measurements.filter((m) => m.kpiRef === k.ref).at(-1)));
    io.out(`${plan.kpis.length} KPIs, ${new Set(measurements.map((m) => m.kpiRef)).size} measured`);
    return 0;
  });
};

const meeting: Command = async (args, config, io) => {
  const [groupKey, ...dateParts] = args;
  if (!groupKey || !dateParts.length) {
    io.err('usage: planpulse meeting <delivery-group-key> <date, e.g. 12 Dec 2026> (or "none" to clear)');
    return 2;
  }
  const raw = dateParts.join(' ');
  const today = londonDate(new Date());
  const date = raw === 'none' ? undefined : parseUserDate(raw, today);
  if (raw !== 'none' && !date) {
    io.err(unreadableDate(raw));
    return 2;
  }
  // This is the *next* meeting: a past one would send a digest nobody can use.
  if (date && date < today) {
    io.err(`"${raw}" is before today (${formatDate(today)}): give the date the group next meets`);
    return 2;
  }
  return withStore(config, async (store) => {
    if (!(await namedGroup(store, groupKey, io))) return 1;
    await store.setNextMeeting(groupKey, date);
    io.out(date ? `${groupKey} next meets on ${formatDate(date)}: the chair's digest goes out ${config.nudge.digestDaysBefore} day(s) before` : `${groupKey} has no meeting date set`);
    return 0;
  });
};

/** Each delivery group's key (what chair and meeting take), name, chair, cadence and next meeting. */
const groups: Command = async (_args, config, io) =>
  withStore(config, async (store) => {
    const plan = await store.loadPlan();
    const names = new Map((await store.listLeads()).map((l) => [l.key, l.displayName]));
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
    return 0;
  });

/**
 * Sends this cycle's check-ins now, through the same path as the schedule and
 * in the same cycle (the current scheduled slot), so a repeat run, or a run
 * after the scheduled one, sends nothing twice. Sending needs the bot's
 * connector, so it runs the app without its schedule.
 */
const nudge: Command = async (args, config, io) => {
  if (args.includes('--dry-run')) return nudgeDryRun(config, io);
  const { startApp } = require('../app/start') as typeof import('../app/start');
  const { runNudgeCycle } = require('../bot/nudge-runner') as typeof import('../bot/nudge-runner');
  const app = await startApp({ ...config, port: 0 }, { schedule: false, log: (line: string) => io.err(line) });
  try {
    const r = await runNudgeCycle(app.nudgeDeps);
    for (const s of r.sent) io.out(`sent ${s.leadKey}: ${s.refs.join(', ')}`);
    for (const f of r.failed) io.err(`failed ${f.leadKey}: ${f.error}`);
    io.out(`cycle ${r.cycle}: ${r.sent.length} sent, ${r.alreadyHandled.length} already handled, ${r.failed.length} failed, ${r.plan.skipped.length} skipped`);
    return r.failed.length ? 1 : 0;
  } finally {
    await app.close();
  }
};

/** Who would be asked about what: reads the store and writes nothing (no provisioning, seeding or claims). */
async function nudgeDryRun(config: Config, io: Io): Promise<number> {
  if (config.store === 'local' && !fs.existsSync(config.dbFile)) {
    io.out(`no plan at ${config.dbFile} yet, so nobody would be asked (import a plan or run npm start first)`);
    return 0;
  }
  const { openReachStore } = require('../app/start') as typeof import('../app/start');
  const { planCycle } = require('../bot/nudge-runner') as typeof import('../bot/nudge-runner');
  const rules = { windowDays: config.nudge.windowDays, staleDays: config.nudge.staleDays, recentDays: config.nudge.recentDays };
  return withStore(config, async (store) => {
    const reach = openReachStore(store);
    const { nudges } = await planCycle({ store, reach, rules, now: () => new Date(), schedule: config.nudge });
    const done = new Set((await reach.deliveriesInCycle(nudges.cycle)).filter((d) => d.state === 'sent' || d.state === 'skipped').map((d) => d.leadKey));
    for (const n of nudges.nudges) {
      const refs = n.items.map((i) => i.action.ref).join(', ');
      io.out(done.has(n.lead.key) ? `already asked ${n.lead.displayName} this cycle (${refs})` : `would ask ${n.lead.displayName} about ${refs}`);
    }
    for (const sk of nudges.skipped) io.out(`would skip ${sk.lead.displayName} (${sk.items} action(s)): ${sk.reason}`);
    const toAsk = nudges.nudges.filter((n) => !done.has(n.lead.key)).length;
    io.out(`cycle ${nudges.cycle}: ${toAsk} lead(s) to ask, ${nudges.nudges.length - toAsk} already asked, ${nudges.skipped.length} skipped`);
    return 0;
  }, { readOnly: true });
}

export const INSTALL_APP_NEEDS_SHAREPOINT = 'install-app works only with the SharePoint store: set PLANPULSE_STORE=sharepoint and TEAMS_APP_CATALOG_ID';

/**
 * Said before the settings are checked, so an admin on the embedded default
 * hears what install-app needs rather than a start-up error about TEAMS_APP_CATALOG_ID.
 */
export function installAppProblem(env: NodeJS.ProcessEnv): string | undefined {
  return (env.PLANPULSE_STORE || 'local').toLowerCase() === 'sharepoint' ? undefined : INSTALL_APP_NEEDS_SHAREPOINT;
}

/** Installs the Teams app for matched leads who never installed it (needs TEAMS_APP_CATALOG_ID). */
const installApp: Command = async (args, config, io) => {
  const dryRun = args.includes('--dry-run');
  const { appInstaller } = require('../app/start') as typeof import('../app/start');
  const { installForUnreachedLeads } = require('../bot/install-for-leads') as typeof import('../bot/install-for-leads');
  return withStore(config, async (store) => {
    const installer = appInstaller(store, config);
    if (!installer) {
      io.err(config.store === 'sharepoint' ? "install-app needs TEAMS_APP_CATALOG_ID: set it to the app's id in your Teams app catalogue" : INSTALL_APP_NEEDS_SHAREPOINT);
      return 2;
    }
    const r = await installForUnreachedLeads(store, openReachStore(store), installer, dryRun);
    for (const k of r.installed) io.out(`${dryRun ? 'would install for' : 'installed for'} ${k}`);
    for (const k of r.alreadyInstalled) io.out(`already installed for ${k}`);
    for (const f of r.failed) io.err(`failed for ${f.leadKey}: ${f.error}`);
    io.out(`${r.installed.length} ${dryRun ? 'to install' : 'installed'}, ${r.alreadyInstalled.length} already installed, ${r.failed.length} failed`);
    return r.failed.length ? 1 : 0;
  });
};

const serve: Command = async (_args, config, io) => {
  const busy = await portProblem(config.port, config.host);
  if (busy) {
    io.err(busy);
    return 1;
  }
  // Loaded only here so admin commands do not pay for botbuilder and restify.
  const { startApp } = require('../app/start') as typeof import('../app/start');
  const app = await startApp(config, { log: (line: string) => io.out(line) });
  io.out(`PlanPulse is running at http://${config.host}:${app.port} (bot endpoint: /api/messages)`);
  return new Promise<number>(() => undefined); // runs until stopped
};

export const COMMANDS: Record<string, Command> = {
  provision,
  import: importCommand,
  leads,
  groups,
  chair,
  meeting,
  kpi,
  nudge,
  'install-app': installApp,
  serve,
  snapshot,
};

export function usage(): string {
  return [
    'planpulse <command>',
    '  serve                         start the bot (npm start)',
    '  provision                     create or update the lists/tables; safe to repeat',
    '  import <files|folder> [--dry-run]  load a plan (CSV or .xlsx), its KPIs and delivery groups',
    '  leads [--import people.csv]   show which leads are matched and reachable in Teams; load a people sheet',
    '  groups                        list the delivery groups: key, name, chair, cadence, next meeting',
    '  chair <group-key> <name>      set who chairs a delivery group',
    '  kpi [record <ref> <value> [--on <date>] [--note <text>]]  the KPI score card; record a measurement',
    '  meeting <group-key> <date>    when a delivery group next meets (its chair\'s digest goes out just before)',
    '  install-app [--dry-run]       install the Teams app for matched leads who never have (optional)',
    '  nudge [--dry-run]             send this cycle\'s check-ins now (or print who would be asked)',
    '  snapshot [--month YYYY-MM] [--list]  keep the month-end snapshot of every action (the board\'s trend); frozen once kept',
    'Settings come from the environment: see .env.example.',
  ].join('\n');
}
