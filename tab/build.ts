// Bundles the tab's page (tab/web) with esbuild. The server calls buildTab()
// once at start-up and serves the result from memory. The built server
// (`npm run build`, app/build.ts) does not bundle at all: it serves the
// dist/tab/app.js written beside it, so production never loads esbuild.
import path from 'node:path';
import fs from 'node:fs';
import zlib from 'node:zlib';

export interface TabBundle {
  js: Buffer;
  gzip: Buffer;
  /** A content hash, for ETag and the script URL. */
  hash: string;
}

const ROOT = path.resolve(__dirname, '..');
const ENTRY = path.join(ROOT, 'tab/web/main.tsx');
export const PREBUILT = path.join(ROOT, 'dist/tab/app.js');

/** Replaced by `true` in dist/planpulse.cjs (app/build.ts); undeclared when the source runs through tsx. */
declare const PLANPULSE_BUILT: boolean | undefined;
const BUILT = typeof PLANPULSE_BUILT !== 'undefined' && PLANPULSE_BUILT;

function prebuilt(): Buffer {
  try {
    return fs.readFileSync(PREBUILT);
  } catch (e) {
    throw new Error(`${path.relative(ROOT, PREBUILT)} could not be read (${(e as NodeJS.ErrnoException).code}): run npm run build`, { cause: e });
  }
}

/** The page script the server serves: dist/tab/app.js in the built server, else bundled from source now. */
async function bundleTab(): Promise<Buffer> {
  // The built server was built with its page: serve that one, and never load esbuild.
  if (BUILT) return prebuilt();
  // esbuild is a build tool: a deployment that ran `npm ci --omit=dev` serves dist/tab instead.
  let esbuild: typeof import('esbuild');
  try {
    esbuild = require('esbuild') as typeof import('esbuild');
  } catch {
    return prebuilt();
  }
  return bundleTabSource(esbuild);
}

/** The page script bundled from the tab's source (tab/web) as it is now. */
export async function bundleTabSource(esbuild: typeof import('esbuild')): Promise<Buffer> {
  const result = await esbuild.build({
    entryPoints: [ENTRY],
    bundle: true,
    minify: true,
    format: 'iife',
    target: ['chrome110', 'edge110', 'safari16', 'firefox110'],
    platform: 'browser',
    jsx: 'automatic',
    define: { 'process.env.NODE_ENV': '"production"' },
    legalComments: 'none',
    write: false,
    logLevel: 'silent',
    // node_modules may be a symlink to a shared install: resolve inside this checkout, so
    // esbuild reads this checkout's package.json rather than the install's parent's.
    preserveSymlinks: true,
  });
  return Buffer.from(result.outputFiles[0].contents);
}

function finish(js: Buffer): TabBundle {
  const gzip = zlib.gzipSync(js, { level: 9 });
  const hash = require('node:crypto').createHash('sha256').update(js).digest('base64url').slice(0, 16) as string;
  return { js, gzip, hash };
}

let cached: Promise<TabBundle> | undefined;

/** The page script, built once per process and shared by every server in it. */
export function buildTab(): Promise<TabBundle> {
  cached ??= bundleTab().then(finish);
  // A failed build is not cached, so the next request tries again.
  cached.catch(() => (cached = undefined));
  return cached;
}
