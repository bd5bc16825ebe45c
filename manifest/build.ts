// Builds the Teams app package (`npm run manifest`): fills the manifest
// template's ${{NAME}} placeholders from the settings (the environment, then
// .env), validates the result offline against the Teams schema that
// @microsoft/app-manifest bundles, and zips manifest.json with the two
// committed icons. Nothing is written when a setting is missing or the
// manifest does not validate: the validator's messages are the error.
import fs from 'node:fs';
import path from 'node:path';
import { zipSync, strToU8 } from 'fflate';
import { loadDotEnv } from '../cli/dotenv';

export const TEMPLATE = path.join(__dirname, 'manifest.template.json');
export const ICONS = { 'color.png': path.join(__dirname, 'color.png'), 'outline.png': path.join(__dirname, 'outline.png') };
export const PACKAGE = path.join(__dirname, 'build', 'planpulse.zip');

/**
 * Settings the manifest needs, by the names the app itself reads:
 * MicrosoftAppId is botbuilder's name for the bot's app id, so the manifest's
 * botId and the running bot can never disagree.
 */
export const REQUIRED_SETTINGS = ['TEAMS_APP_ID', 'PUBLIC_URL', 'MicrosoftAppId', 'TAB_SSO_CLIENT_ID', 'TAB_SSO_APP_ID_URI'] as const;

export class ManifestError extends Error {
  constructor(readonly problems: string[]) {
    super(`The Teams app package was not built:\n- ${problems.join('\n- ')}`);
  }
}

const packageVersion = (): string => JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'package.json'), 'utf8')).version;

/** The placeholder values: settings, defaults for the optional ones, and the host derived from PUBLIC_URL. */
export function manifestValues(env: NodeJS.ProcessEnv): { values: Record<string, string>; problems: string[] } {
  const problems: string[] = [];
  const values: Record<string, string> = { APP_VERSION: packageVersion(), PARTNERSHIP_NAME: 'SEND Partnership' };
  for (const [name, value] of Object.entries(env)) if (value) values[name] = value;
  for (const name of REQUIRED_SETTINGS) if (!env[name]) problems.push(`${name} is not set (see infra/README.md, "The Teams app")`);
  if (env.PUBLIC_URL) {
    let url: URL | undefined;
    try {
      url = new URL(env.PUBLIC_URL);
    } catch {
      /* reported below */
    }
    // Teams loads tabs only over https, and the schema accepts http too, so it is checked here.
    if (!url || url.protocol !== 'https:') problems.push(`PUBLIC_URL must be an https:// address (got "${env.PUBLIC_URL}")`);
    else {
      values.PUBLIC_URL = env.PUBLIC_URL.replace(/\/+$/, '');
      values.PUBLIC_HOSTNAME = url.hostname;
      // Teams only hands the tab an SSO token for a resource on the tab's own domain.
      const uri = env.TAB_SSO_APP_ID_URI;
      if (uri && !uri.startsWith(`api://${url.hostname}/`)) {
        problems.push(
          `TAB_SSO_APP_ID_URI must be on the tab's host, like api://${url.hostname}/${env.TAB_SSO_CLIENT_ID || '<TAB_SSO_CLIENT_ID>'} (got "${uri}")`,
        );
      }
    }
  }
  return { values, problems };
}

/** Replaces ${{NAME}} placeholders; names with no value are listed, not guessed. */
export function fillTemplate(template: string, values: Record<string, string>): { manifest: Record<string, unknown>; missing: string[] } {
  const missing = new Set<string>();
  const filled = template.replace(/\$\{\{(\w+)\}\}/g, (_, name: string) => {
    const value = values[name];
    if (value === undefined || value === '') {
      missing.add(name);
      return '';
    }
    return JSON.stringify(value).slice(1, -1);
  });
  return { manifest: JSON.parse(filled), missing: [...missing] };
}

/** The schema's own messages, e.g. "/bots/0/botId must match pattern ...". Offline: the schema is bundled. */
export async function validateManifest(manifest: Record<string, unknown>): Promise<string[]> {
  const { AppManifestUtils } = require('@microsoft/app-manifest') as { AppManifestUtils: { validateAgainstSchema(m: unknown): Promise<string[]> } };
  return AppManifestUtils.validateAgainstSchema(manifest);
}

/** Fills, validates and zips; throws ManifestError naming every problem. */
export async function buildAppPackage(
  env: NodeJS.ProcessEnv,
  template = fs.readFileSync(TEMPLATE, 'utf8'),
): Promise<{ zip: Uint8Array; manifest: Record<string, unknown> }> {
  const { values, problems } = manifestValues(env);
  const { manifest, missing } = fillTemplate(template, values);
  // PUBLIC_HOSTNAME comes from PUBLIC_URL, whose own problem is already named.
  const derivedFrom: Record<string, string> = { PUBLIC_HOSTNAME: 'PUBLIC_URL' };
  const unnamed = missing.filter((name) => !problems.some((p) => p.startsWith(`${derivedFrom[name] ?? name} `)));
  problems.push(...unnamed.map((name) => `${name} is not set (the manifest template uses it)`));
  if (problems.length) throw new ManifestError(problems);
  const invalid = await validateManifest(manifest);
  if (invalid.length) throw new ManifestError(invalid.map((m) => `manifest.json${m}`));
  // A fixed timestamp: the same settings give the same bytes, so a rebuilt package is recognisably unchanged.
  const mtime = new Date('2020-01-01T00:00:00Z');
  const zip = zipSync(
    {
      'manifest.json': [strToU8(JSON.stringify(manifest, null, 2)), { mtime }],
      'color.png': [fs.readFileSync(ICONS['color.png']), { mtime }],
      'outline.png': [fs.readFileSync(ICONS['outline.png']), { mtime }],
    },
    { level: 9 },
  );
  return { zip, manifest };
}

/** `npm run manifest [-- --out FILE]`: settings from the environment, then .env in the working directory. */
async function main(args: string[]) {
  const at = args.indexOf('--out');
  const out = at >= 0 && args[at + 1] ? path.resolve(args[at + 1]) : PACKAGE;
  const env = { ...process.env };
  loadDotEnv(path.resolve('.env'), env);
  const { zip } = await buildAppPackage(env);
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, zip);
  console.log(`Teams app package: ${path.relative(process.cwd(), out)} (manifest.json, color.png, outline.png)`);
}

if (require.main === module) {
  main(process.argv.slice(2)).catch((e) => {
    console.error((e as Error).message);
    process.exitCode = 1;
  });
}
