// Bundles the tab's page (tab/web) with esbuild. The server calls buildTab()
// once at start-up and serves the result from memory, so `npm start` needs no
// separate build step. Run as a script (`npx tsx tab/build.ts`) it writes
// dist/tab/app.js and prints the sizes, for a deployment without esbuild.
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
const PREBUILT = path.join(ROOT, 'dist/tab/app.js');

async function bundle(): Promise<Buffer> {
  // esbuild is a build tool: a deployment that ran `npm ci --omit=dev` serves dist/tab instead.
  let esbuild: typeof import('esbuild');
  try {
    esbuild = require('esbuild') as typeof import('esbuild');
  } catch {
    return fs.readFileSync(PREBUILT);
  }
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
  cached ??= bundle().then(finish);
  // A failed build is not cached, so the next request tries again.
  cached.catch(() => (cached = undefined));
  return cached;
}

if (require.main === module) {
  buildTab().then(
    (b) => {
      fs.mkdirSync(path.dirname(PREBUILT), { recursive: true });
      fs.writeFileSync(PREBUILT, b.js);
      console.log(`dist/tab/app.js: ${(b.js.length / 1024).toFixed(1)} kB minified, ${(b.gzip.length / 1024).toFixed(1)} kB gzip`);
    },
    (e: Error) => {
      console.error(e.message);
      process.exit(1);
    },
  );
}
