// Browser tests of the tab: PlanPulse started in-process on 127.0.0.1 with the
// Lancashire sample in a temporary SQLite file and a fixed "now", and Debian's
// Chromium driven by playwright-core. Every request that is not to loopback is
// aborted, so nothing leaves the machine (teams-js's CDN origin list included).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';
import { startApp, type RunningApp } from '../../app/start';
import { loadConfig } from '../../app/config';
import { importPlan } from '../../core/import/import-plan';
import type { Action, PlanSnapshot } from '../../core/model';
import { updateActionStatus } from '../../core/update-action';
import { readPlanFiles } from '../../store/files/read-sheets';
import { SqlitePlanStore } from '../../store/local/sqlite-plan-store';
import { SAMPLE_DIR } from '../contract/plan-store.contract';
import { FAKE_HOST_HTML } from './fake-teams-host';

export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
export const NOW = '2023-04-03T09:00:00Z';
export const SHOTS = path.resolve(__dirname, '../../test-output/screenshots');

export const aad = (n: number) => `aaaaaaaa-0000-4000-8000-${String(n).padStart(12, '0')}`;
/** Plan people the tests act as, with the Entra ids the SSO tests sign tokens for. */
export const PEOPLE = {
  jennifer: { key: 'jennifer-ashton', name: 'Jennifer Ashton', oid: aad(1) }, // leads 1.1.3, 1.1.6, 1.2.2 …
  sally: { key: 'sally-richardson', name: 'Sally Richardson', oid: aad(2) }, // chairs Improving Outcomes (priority 1)
  clare: { key: 'clare-smith', name: 'Clare Smith', oid: aad(3) }, // leads 1.1.4
  secretariat: { key: 'board-secretariat', name: 'Board Secretariat', oid: aad(5) },
};
export const GROUP = 'improving-outcomes';
export const PRIORITY = '1';

export interface TabWorld {
  app: RunningApp;
  store: SqlitePlanStore;
  base: string;
  browser: Browser;
  close(): Promise<void>;
}

/**
 * Gives the plan something to show: a few updates in priority 1 made through
 * the same use case the bot and the tab use, two weeks before "now".
 */
async function seed(store: SqlitePlanStore) {
  const at = () => new Date('2023-03-20T10:00:00Z');
  const by = { aadObjectId: PEOPLE.secretariat.oid, name: PEOPLE.secretariat.name };
  const update = async (ref: string, report: Parameters<typeof updateActionStatus>[1]['report']) => {
    await updateActionStatus({ store, now: at }, { identity: by, ref, report, source: 'tab' });
  };
  await update('1.1.4', { rag: 'Amber', commentary: 'Waiting for the February data.' });
  await update('1.1.7', { rag: 'Red', newDueDate: '2023-06-30', commentary: 'Panel capacity fell in March; recruitment agreed.' });
  await update('1.1.8', { rag: 'Green', commentary: 'On track.' });
  await update('1.2.1', { rag: 'Green', commentary: 'Started.' });
  // A lead reports completion, for the chair to sign off.
  await updateActionStatus(
    { store, now: at },
    {
      identity: { aadObjectId: PEOPLE.jennifer.oid, name: PEOPLE.jennifer.name },
      ref: '1.2.3',
      report: { rag: 'Blue', completionEvidence: 'Published on the Local Offer.' },
      source: 'tab',
    },
  );
}

export async function startTabWorld(env: Record<string, string> = {}): Promise<TabWorld> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'planpulse-tab-e2e-'));
  const store = new SqlitePlanStore(path.join(dir, 'plan.db'));
  await store.provision();
  const imported = await importPlan(store, await readPlanFiles([SAMPLE_DIR]));
  if (!imported.ok) throw new Error('sample plan did not import');
  for (const p of [PEOPLE.jennifer, PEOPLE.sally, PEOPLE.clare]) {
    const lead = (await store.listLeads()).find((l) => l.key === p.key)!;
    await store.saveLead({ ...lead, aadObjectId: p.oid });
  }
  await store.saveLead({
    key: PEOPLE.secretariat.key,
    displayName: PEOPLE.secretariat.name,
    aliases: [],
    aadObjectId: PEOPLE.secretariat.oid,
    isSecretariat: true,
  });
  await store.setChair(GROUP, PEOPLE.sally.key);
  await seed(store);

  const config = loadConfig({ PLANPULSE_DB: path.join(dir, 'unused.db'), PORT: '0', HOST: '127.0.0.1', ...env });
  const app = await startApp(config, { store, now: () => new Date(NOW), schedule: false, log: () => undefined });
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  return {
    app,
    store,
    base: `http://127.0.0.1:${app.port}`,
    browser,
    close: async () => {
      await browser.close();
      await app.close();
      await store.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

export type Theme = 'light' | 'dark' | 'contrast';

/** A fresh browser context: loopback only, optionally signed in locally as `person`, in a theme. */
export async function newContext(
  world: TabWorld,
  opts: { person?: string; theme?: Theme; width?: number; height?: number } = {},
): Promise<BrowserContext> {
  const context = await world.browser.newContext({
    viewport: { width: opts.width ?? 1280, height: opts.height ?? 900 },
    colorScheme: opts.theme === 'dark' ? 'dark' : 'light',
    // Outside Teams the page takes high contrast from prefers-contrast (or forced-colors);
    // prefers-contrast lets axe check our own high-contrast colours rather than the OS's.
    contrast: opts.theme === 'contrast' ? 'more' : 'no-preference',
    locale: 'en-GB',
    timezoneId: 'Europe/London',
  });
  await context.route('**/*', (route) => {
    const url = new URL(route.request().url());
    if (url.hostname !== '127.0.0.1' && url.hostname !== 'localhost') return route.abort();
    // The fake Teams host lives on the tab's own origin, as teams-js trusts that with no set-up.
    if (url.pathname === '/__fake-teams/host.html') return route.fulfill({ status: 200, contentType: 'text/html', body: FAKE_HOST_HTML });
    return route.continue();
  });
  if (opts.person) await context.addInitScript((key: string) => localStorage.setItem('planpulse.localPerson', key), opts.person);
  return context;
}

/**
 * axe's WCAG 2.0–2.2 A/AA rules. `framed` pages (the fake Teams host) need the
 * full mode, which reaches into the tab's iframe; a top-level page is checked
 * in legacy mode, which is quicker and needs no extra blank page.
 */
export async function axeViolations(page: Page, framed = true): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21aa', 'wcag22aa']).setLegacyMode(!framed).analyze();
  return result.violations.map(
    (v) =>
      `${v.id} (${v.impact}): ${v.help} — ${v.nodes
        .slice(0, 3)
        .map((n) => n.target.join(' '))
        .join(' | ')}`,
  );
}

export async function screenshot(page: Page, name: string, fullPage = true): Promise<void> {
  fs.mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage });
}

export async function plan(world: TabWorld): Promise<PlanSnapshot> {
  return world.store.loadPlan();
}

export function actionsOf(p: PlanSnapshot, priorityRef: string): Action[] {
  return p.actions.map((a) => a.value).filter((a) => a.priorityRef === priorityRef);
}

export function ragCounts(actions: Action[]): Record<string, number> {
  const out: Record<string, number> = { Grey: 0, Blue: 0, Green: 0, Amber: 0, Red: 0 };
  for (const a of actions) out[a.rag]++;
  return out;
}
