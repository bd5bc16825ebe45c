// Builds the Teams app package: fills the manifest's ${{VAR}} placeholders from
// the environment, validates it against the bundled Teams schema (offline),
// writes manifest.json and the icons to manifest/build/, and zips them when
// the `zip` tool is present. Usage: npx tsx manifest/build.ts
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { colourIcon, outlineIcon } from './icons';

export function fillTemplate(template: string, env: NodeJS.ProcessEnv): { manifest: Record<string, unknown>; missing: string[] } {
  const missing = new Set<string>();
  const filled = template.replace(/\$\{\{(\w+)\}\}/g, (_, name: string) => {
    const value = env[name];
    if (!value) missing.add(name);
    return value ?? '';
  });
  return { manifest: JSON.parse(filled), missing: [...missing] };
}

export async function validateManifest(manifest: Record<string, unknown>): Promise<string[]> {
  const { AppManifestUtils } = require('@microsoft/app-manifest') as { AppManifestUtils: { validateAgainstSchema(m: unknown): Promise<string[]> } };
  return AppManifestUtils.validateAgainstSchema(manifest);
}

export const TEMPLATE = path.join(__dirname, 'manifest.template.json');

async function main() {
  const env = { APP_VERSION: '0.1.0', PARTNERSHIP_NAME: 'SEND Partnership', ...process.env } as NodeJS.ProcessEnv;
  if (env.PUBLIC_URL && !env.PUBLIC_HOSTNAME) env.PUBLIC_HOSTNAME = new URL(env.PUBLIC_URL).hostname;
  const { manifest, missing } = fillTemplate(fs.readFileSync(TEMPLATE, 'utf8'), env);
  if (missing.length) throw new Error(`set ${missing.join(', ')} (see manifest/README.md)`);
  const problems = await validateManifest(manifest);
  if (problems.length) throw new Error(`manifest does not validate:\n- ${problems.join('\n- ')}`);
  const out = path.join(__dirname, 'build');
  fs.mkdirSync(out, { recursive: true });
  fs.writeFileSync(path.join(out, 'manifest.json'), JSON.stringify(manifest, null, 2));
  fs.writeFileSync(path.join(out, 'color.png'), colourIcon());
  fs.writeFileSync(path.join(out, 'outline.png'), outlineIcon());
  try {
    const files = ['manifest.json', 'color.png', 'outline.png'].map((f) => path.join(out, f));
    execFileSync('zip', ['-j', '-q', path.join(out, 'planpulse.zip'), ...files]);
    console.log(`app package: ${path.join(out, 'planpulse.zip')}`);
  } catch {
    console.log(`manifest and icons written to ${out} (install zip to build the package)`);
  }
}

if (require.main === module) main().catch((e) => {
  console.error((e as Error).message);
  process.exitCode = 1;
});
