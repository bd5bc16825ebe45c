// `npm run build`: PlanPulse as plain JavaScript, so the server compiles no
// TypeScript when it starts and loads no build tool while it runs.
//  - dist/planpulse.cjs: the command line and the server (cli/planpulse.ts and
//    everything it imports) in one file. Packages stay in node_modules, so
//    better-sqlite3's native module is the one npm built for this machine,
//    and the modules the code loads only when needed (SharePoint, the export
//    writers, pino-pretty) are still loaded only then.
//  - dist/tab/app.js: the tab's page, which the built server serves as it is
//    rather than bundling it with esbuild at start (tab/build.ts).
// `npm start` builds and then runs `node dist/planpulse.cjs serve`; App Service
// runs this script after its npm install (infra/README.md, "Azure resources").
import fs from 'node:fs';
import path from 'node:path';
import { bundleTabSource, PREBUILT } from '../tab/build';

const ROOT = path.resolve(__dirname, '..');
export const SERVER_ENTRY = path.join(ROOT, 'cli/planpulse.ts');
export const SERVER_OUT = path.join(ROOT, 'dist/planpulse.cjs');

export interface BuildResult {
  serverBytes: number;
  tabBytes: number;
  ms: number;
}

export async function build(): Promise<BuildResult> {
  const started = Date.now();
  const esbuild = require('esbuild') as typeof import('esbuild');
  // Both in one go: the server's bundle is a second or so, the page's a few.
  const [server, tab] = await Promise.all([
    esbuild.build({
      entryPoints: [SERVER_ENTRY],
      outfile: SERVER_OUT,
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      // Every package stays a require() of node_modules: native modules, and
      // packages that find files of their own beside them, work as they do
      // unbundled, and the bundle holds only PlanPulse's own code.
      packages: 'external',
      // tab/build.ts: the built server serves dist/tab/app.js rather than bundling the page.
      define: { PLANPULSE_BUILT: 'true' },
      // Stack traces in the log name PlanPulse's own functions.
      keepNames: true,
      legalComments: 'none',
      logLevel: 'silent',
      write: false,
      // node_modules may be a symlink to a shared install: resolve inside this checkout.
      preserveSymlinks: true,
    }),
    bundleTabSource(esbuild),
  ]);
  const code = server.outputFiles[0].contents;
  fs.mkdirSync(path.dirname(PREBUILT), { recursive: true });
  fs.writeFileSync(PREBUILT, tab);
  fs.writeFileSync(SERVER_OUT, code);
  return { serverBytes: code.length, tabBytes: tab.length, ms: Date.now() - started };
}

if (require.main === module) {
  build().then(
    (r) => {
      const kb = (n: number) => `${(n / 1024).toFixed(0)} kB`;
      console.log(
        `built ${path.relative(process.cwd(), SERVER_OUT)} (${kb(r.serverBytes)}) and ${path.relative(process.cwd(), PREBUILT)} (${kb(r.tabBytes)}) in ${(r.ms / 1000).toFixed(1)} s`,
      );
    },
    (e: Error) => {
      console.error(`npm run build failed: ${e.message}`);
      process.exit(1);
    },
  );
}
