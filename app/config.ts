// Configuration, read once from the environment and validated up front: a
// wrong setting fails at start-up naming the variable, not at 09:00 on Monday.
import fs from 'node:fs';
import path from 'node:path';
import { isLoopbackHost, isLoopbackUrl } from '../core/loopback';
import { LOG_LEVELS } from './log';
import type { BotCredentials } from '../bot/adapter';

export interface GraphSettings {
  /** Graph's root, e.g. https://graph.microsoft.com or a national cloud's (https://graph.microsoft.us). */
  baseUrl: string;
  /** Entra authority host, e.g. https://login.microsoftonline.com (national clouds differ). */
  authorityHost: string;
  tenantId: string;
  clientId: string;
  /** The app's secret, unless a certificate is given. */
  clientSecret: string;
  /** A PEM file holding the certificate and its private key: preferred to a secret (AZURE_CLIENT_CERTIFICATE_PATH). */
  clientCertificatePath?: string;
  /** "contoso.sharepoint.com:/sites/send-partnership" or a site id. */
  site: string;
  /** SHAREPOINT_RU_PER_MINUTE: the app's resource-unit budget to pace under (1,200–6,000 by licence count); unset, only 429s pace it. */
  ruPerMinute?: number;
}

export interface NudgeSettings {
  /** Day (0 = Sunday) and London wall-clock time of the weekly prompt. */
  day: number;
  hour: number;
  minute: number;
  /** Ask about actions due within this many days. */
  windowDays: number;
  /** Ask about actions nobody has updated for this long. */
  staleDays: number;
  /** Skip actions updated this recently. */
  recentDays: number;
  /** Send one reminder after this many days without a reply. */
  remindAfterDays: number;
  /** Tell the chair after this many missed cycles in a row. */
  escalateAfterCycles: number;
  /** Send the chair's digest this many days before the group's next meeting. */
  digestDaysBefore: number;
}

/** The tab's SSO: whose tokens it accepts. Absent on the embedded default (local sign-in on loopback). */
export interface TabSsoSettings {
  authorityHost: string;
  tenantId: string;
  clientId: string;
  appIdUri: string;
}

export interface Config {
  store: 'local' | 'sharepoint';
  /** The tab's sign-in: Teams SSO when set, else local sign-in (loopback only). */
  tabSso?: TabSsoSettings;
  /**
   * TAB_HOST_ORIGINS: pages besides Teams and Microsoft 365 that may frame the
   * tab and answer teams-js (a test host on another port, a host not in
   * teams-js's list). Empty unless set.
   */
  tabHostOrigins: string[];
  dbFile: string;
  graph?: GraphSettings;
  port: number;
  host: string;
  /** Public https address of the app (tab pages, bot endpoint), for the manifest. */
  publicUrl?: string;
  /** The bot's own credentials (separate from Graph's AZURE_* ones). */
  bot: BotCredentials;
  nudge: NudgeSettings;
  /** The app's id in the tenant's Teams app catalogue: set it to let PlanPulse install itself for leads. */
  teamsAppCatalogId?: string;
  /** Where the sample plan loaded on first start lives. */
  samplePlanDir: string;
  /** How many app instances run at once: they share the tenant's Teams send budget. */
  instances: number;
}

export class ConfigError extends Error {}

const DAYS = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];

export function loadConfig(env: NodeJS.ProcessEnv = process.env, root = path.resolve(__dirname, '..')): Config {
  const problems: string[] = [];
  const num = (name: string, fallback: number, min = 0): number => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < min) problems.push(`${name} must be a whole number of at least ${min} (got "${raw}")`);
    return n;
  };
  const store = (env.PLANPULSE_STORE || 'local').toLowerCase();
  if (store !== 'local' && store !== 'sharepoint') problems.push(`PLANPULSE_STORE must be "local" or "sharepoint" (got "${env.PLANPULSE_STORE}")`);

  let graph: GraphSettings | undefined;
  if (store === 'sharepoint') {
    const need = (name: string) => {
      const v = env[name];
      if (!v) problems.push(`${name} is required when PLANPULSE_STORE=sharepoint`);
      return v ?? '';
    };
    graph = {
      // Graph's root without a version: every caller adds /v1.0 itself (batch URLs must not carry one).
      baseUrl: (env.GRAPH_BASE_URL || 'https://graph.microsoft.com')
        .trim()
        .replace(/\/+$/, '')
        .replace(/\/(v1\.0|beta)$/i, ''),
      authorityHost: (env.ENTRA_AUTHORITY_HOST || 'https://login.microsoftonline.com').replace(/\/+$/, ''),
      tenantId: need('AZURE_TENANT_ID'),
      clientId: need('AZURE_CLIENT_ID'),
      clientSecret: env.AZURE_CLIENT_SECRET ?? '',
      clientCertificatePath: env.AZURE_CLIENT_CERTIFICATE_PATH || undefined,
      site: need('SHAREPOINT_SITE'),
      ruPerMinute: env.SHAREPOINT_RU_PER_MINUTE ? Number(env.SHAREPOINT_RU_PER_MINUTE) : undefined,
    };
    if (!graph.clientSecret && !graph.clientCertificatePath) {
      problems.push('AZURE_CLIENT_CERTIFICATE_PATH or AZURE_CLIENT_SECRET is required when PLANPULSE_STORE=sharepoint');
    }
    if (graph.clientCertificatePath && !fs.existsSync(graph.clientCertificatePath)) {
      problems.push(`AZURE_CLIENT_CERTIFICATE_PATH names a file that does not exist (${graph.clientCertificatePath})`);
    }
    if (graph.ruPerMinute !== undefined && !(Number.isInteger(graph.ruPerMinute) && graph.ruPerMinute > 0)) {
      problems.push(`SHAREPOINT_RU_PER_MINUTE must be a whole number above 0, e.g. 1200 (got "${env.SHAREPOINT_RU_PER_MINUTE}")`);
    }
    if (!/^https:\/\//.test(graph.baseUrl)) problems.push('GRAPH_BASE_URL must be an https:// address');
  }

  const schedule = (env.NUDGE_SCHEDULE || 'MON 09:00').trim().toUpperCase();
  const m = /^(SUN|MON|TUE|WED|THU|FRI|SAT)\s+(\d{1,2}):(\d{2})$/.exec(schedule);
  if (!m || Number(m[2]) > 23 || Number(m[3]) > 59) problems.push(`NUDGE_SCHEDULE must look like "MON 09:00" (got "${env.NUDGE_SCHEDULE}")`);

  const config: Config = {
    store: store as Config['store'],
    dbFile: path.resolve(root, env.PLANPULSE_DB || '.planpulse/planpulse.db'),
    graph,
    port: num('PORT', 3978, 0),
    host: env.HOST || '127.0.0.1',
    publicUrl: env.PUBLIC_URL,
    bot: {
      appId: env.MicrosoftAppId || '',
      appPassword: env.MicrosoftAppPassword || '',
      appTenantId: env.MicrosoftAppTenantId || '',
      appType: appTypeOf(env),
    },
    nudge: {
      day: m ? DAYS.indexOf(m[1]) : 1,
      hour: m ? Number(m[2]) : 9,
      minute: m ? Number(m[3]) : 0,
      windowDays: num('NUDGE_WINDOW_DAYS', 14),
      staleDays: num('NUDGE_STALE_DAYS', 28, 1),
      recentDays: num('NUDGE_RECENT_DAYS', 6),
      remindAfterDays: num('NUDGE_REMIND_AFTER_DAYS', 3, 1),
      escalateAfterCycles: num('NUDGE_ESCALATE_AFTER_CYCLES', 2, 1),
      digestDaysBefore: num('DIGEST_DAYS_BEFORE_MEETING', 3),
    },
    samplePlanDir: path.resolve(root, env.PLANPULSE_SAMPLE_PLAN || 'sample/lancashire'),
    teamsAppCatalogId: env.TEAMS_APP_CATALOG_ID || undefined,
    instances: num('PLANPULSE_INSTANCES', 1, 1),
    tabHostOrigins: tabHostOrigins(env, problems),
  };
  problems.push(...botProblems(env));
  const logLevel = (env.PLANPULSE_LOG || 'info').trim().toLowerCase();
  if (!(LOG_LEVELS as readonly string[]).includes(logLevel))
    problems.push(`PLANPULSE_LOG must be one of ${LOG_LEVELS.join(', ')} (got "${env.PLANPULSE_LOG}")`);
  config.tabSso = tabSso(env, problems);
  if (config.teamsAppCatalogId && config.store !== 'sharepoint') {
    problems.push('TEAMS_APP_CATALOG_ID needs PLANPULSE_STORE=sharepoint: installing the app goes through Graph with the same sign-in');
  }
  if (problems.length) throw new ConfigError(`PlanPulse cannot start:\n- ${problems.join('\n- ')}`);
  return config;
}

/**
 * Without Bot Framework credentials anyone who can reach the server can act
 * as anyone, so that mode listens on this machine only. Checked when the
 * server starts (the command line never listens).
 */
export function unauthenticatedListenProblem(config: Pick<Config, 'host' | 'bot'>): string | undefined {
  if (config.bot.appId || isLoopbackHost(config.host)) return undefined;
  return `HOST=${config.host} needs Bot Framework credentials (MicrosoftAppId and MicrosoftAppPassword): without them anyone who can reach this address could act as any lead. Set them, or use HOST=127.0.0.1 for local use.`;
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The tab's SSO settings, one problem per bad setting. TAB_SSO_CLIENT_ID
 * turns SSO on (and local sign-in off); the tenant falls back to the app's.
 */
function tabSso(env: NodeJS.ProcessEnv, problems: string[]): TabSsoSettings | undefined {
  const clientId = env.TAB_SSO_CLIENT_ID?.trim();
  if (!clientId) {
    if (env.TAB_SSO_APP_ID_URI)
      problems.push('TAB_SSO_APP_ID_URI is set but TAB_SSO_CLIENT_ID is not: set both for Teams sign-in, or neither for local sign-in');
    return undefined;
  }
  const appIdUri = env.TAB_SSO_APP_ID_URI?.trim() ?? '';
  const tenantId = (env.TAB_SSO_TENANT_ID || env.AZURE_TENANT_ID || env.MicrosoftAppTenantId || '').trim();
  const authorityHost = (env.ENTRA_AUTHORITY_HOST || 'https://login.microsoftonline.com').trim().replace(/\/+$/, '');
  if (!GUID.test(clientId)) problems.push(`TAB_SSO_CLIENT_ID must be the Entra app's client id, a GUID (got "${clientId}")`);
  if (!appIdUri)
    problems.push(
      `TAB_SSO_APP_ID_URI is required with TAB_SSO_CLIENT_ID, e.g. api://planpulse.example/${GUID.test(clientId) ? clientId : '<client id>'}`,
    );
  else if (!/^api:\/\/\S+$/.test(appIdUri)) problems.push(`TAB_SSO_APP_ID_URI must start with api:// (got "${appIdUri}")`);
  if (!tenantId) problems.push('TAB_SSO_TENANT_ID is required with TAB_SSO_CLIENT_ID (or AZURE_TENANT_ID, or MicrosoftAppTenantId)');
  else if (!GUID.test(tenantId)) problems.push(`TAB_SSO_TENANT_ID must be the tenant's id, a GUID (got "${tenantId}")`);
  if (!/^https:\/\/[^/\s]+$/.test(authorityHost))
    problems.push(`ENTRA_AUTHORITY_HOST must be an https:// host such as https://login.microsoftonline.com (got "${env.ENTRA_AUTHORITY_HOST}")`);
  return { authorityHost, tenantId, clientId, appIdUri };
}

/** A DNS name (letters, digits, hyphens; IDNs as URL() spells them, xn--…). */
const HOST_NAME = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)*[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

/**
 * TAB_HOST_ORIGINS, comma- or space-separated origins: https for any host,
 * http only on this machine (a test host). Each is trusted to frame the tab and
 * to speak for Teams to it, so a path, a wildcard or a typo is refused.
 */
function tabHostOrigins(env: NodeJS.ProcessEnv, problems: string[]): string[] {
  const out: string[] = [];
  for (const given of (env.TAB_HOST_ORIGINS ?? '').split(/[\s,]+/).filter(Boolean)) {
    let url: URL | undefined;
    try {
      url = new URL(given);
    } catch {
      url = undefined;
    }
    const origin = url?.origin;
    const loopback = isLoopbackUrl(given);
    // A host name or address and nothing else: URL() lets ";", quotes and commas into a host,
    // which in the Content-Security-Policy header would end frame-ancestors and start a directive.
    const plainHost = !!url && (HOST_NAME.test(url.hostname) || /^\[[0-9a-f:.]+\]$/.test(url.hostname));
    if (!url || !origin || origin === 'null' || given.replace(/\/$/, '') !== origin || given.includes('*') || !plainHost)
      problems.push(`TAB_HOST_ORIGINS takes origins such as https://host.example or http://127.0.0.1:4010, nothing more (got "${given}")`);
    else if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback))
      problems.push(`TAB_HOST_ORIGINS: "${given}" must be https (http only on this machine, for a test host)`);
    else out.push(origin);
  }
  return out;
}

const APP_TYPES = ['SingleTenant', 'MultiTenant', 'UserAssignedMSI'];

/** botbuilder reads MicrosoftAppType without regard to case; so do we, and hand it on spelt its way. */
function appTypeOf(env: NodeJS.ProcessEnv): string {
  const given = env.MicrosoftAppType?.trim();
  if (!given) return env.MicrosoftAppId ? 'SingleTenant' : 'MultiTenant';
  return APP_TYPES.find((t) => t.toLowerCase() === given.toLowerCase()) ?? given;
}

/**
 * The bot's sign-in settings, checked here because botbuilder only finds them
 * wanting on the first activity or at start-up, after the store was provisioned.
 * With an app id and no type, the type is SingleTenant (new Azure Bot
 * registrations are single-tenant), which needs the tenant id.
 */
function botProblems(env: NodeJS.ProcessEnv): string[] {
  const appId = env.MicrosoftAppId;
  const type = appTypeOf(env);
  if (!appId) return [];
  const problems: string[] = [];
  if (!APP_TYPES.includes(type)) {
    problems.push(`MicrosoftAppType must be one of ${APP_TYPES.join(', ')} (got "${type}")`);
    return problems;
  }
  if (type !== 'MultiTenant' && !env.MicrosoftAppTenantId) {
    const how = env.MicrosoftAppType ? `MicrosoftAppType=${type}` : `MicrosoftAppId is set and MicrosoftAppType defaults to ${type}`;
    problems.push(
      `MicrosoftAppTenantId is required: ${how}. Set it to the bot's Entra tenant id, or set MicrosoftAppType=MultiTenant for a multi-tenant registration`,
    );
  }
  if (type !== 'UserAssignedMSI' && !env.MicrosoftAppPassword)
    problems.push(`MicrosoftAppPassword is required when MicrosoftAppId is set and MicrosoftAppType=${type}`);
  return problems;
}
