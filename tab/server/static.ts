// Serves the tab's page under /tab/: one HTML shell and one script, with a
// Content-Security-Policy that lets only Teams and Microsoft 365 frame it and
// allows no inline script. The script is ready at start-up (tab/build.ts): read from
// dist/tab/app.js by the built server, bundled in memory when the server runs from source.
import type { Request, Response, Next, Server } from 'restify';
import { buildTab } from '../build';

/** Hosts that may frame the tab: Teams (commercial, GCC High, DoD), Microsoft 365 and Outlook. */
export const FRAME_ANCESTORS = [
  "'self'",
  'https://teams.microsoft.com',
  'https://*.teams.microsoft.com',
  'https://teams.cloud.microsoft',
  'https://*.cloud.microsoft',
  'https://*.office.com',
  'https://outlook.office.com',
  'https://outlook.office365.com',
  'https://*.office365.com',
  'https://outlook.live.com',
  'https://teams.live.com',
  'https://teams.microsoft.us',
  'https://gov.teams.microsoft.us',
  'https://dod.teams.microsoft.us',
];

/** The page's CSP; `extraHosts` (TAB_HOST_ORIGINS) may frame it too. */
export function tabCsp(extraHosts: string[] = []): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    // Fluent UI (Griffel) inserts its rules at run time; no inline script is allowed.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self' data:",
    // teams-js refreshes its list of trusted host origins from this CDN (it falls back to its own list).
    "connect-src 'self' https://res.cdn.office.net",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    `frame-ancestors ${[...FRAME_ANCESTORS, ...extraHosts].join(' ')}`,
  ].join('; ');
}

export const TAB_CSP = tabCsp();

/** The attribute-safe text of an origin list (origins carry no quotes or angle brackets, but be sure). */
function attr(v: string): string {
  return v.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function shell(hash: string, extraHosts: string[]): string {
  return `<!doctype html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>PlanPulse</title>
<link rel="icon" href="data:,">
${extraHosts.length ? `<meta name="planpulse-host-origins" content="${attr(extraHosts.join(' '))}">\n` : ''}</head>
<body>
<div id="root"><p>Loading PlanPulse…</p></div>
<noscript>PlanPulse needs JavaScript.</noscript>
<script src="/tab/app.js?v=${hash}"></script>
</body>
</html>
`;
}

function secure(res: Response, csp: string) {
  res.setHeader('Content-Security-Policy', csp);
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Referrer-Policy', 'same-origin');
}

function failed(res: Response, next: Next) {
  return (e: Error) => {
    res.send(500, { error: `The tab could not be built: ${e.message}` });
    next(false);
  };
}

/** Whether this process has said the page was built: the build is cached, so it is said once. */
let announced = false;

/** Mounts GET /tab/ (and /tab, /tab/index.html) and GET /tab/app.js. */
export function mountTab(server: Server, log: (line: string) => void = () => undefined, extraHosts: string[] = []): void {
  const csp = tabCsp(extraHosts);
  // Built once at start-up; requests that arrive first wait for it.
  buildTab().then(
    (b) => {
      if (!announced) log(`tab page ready: ${(b.gzip.length / 1024).toFixed(0)} kB gzip`);
      announced = true;
    },
    (e: Error) => log(`tab page did not build: ${e.message}`),
  );

  const page = (req: Request, res: Response, next: Next) => {
    buildTab().then(
      (b) => {
        secure(res, csp);
        res.setHeader('Cache-Control', 'no-cache');
        res.setHeader('Content-Type', 'text/html; charset=utf-8');
        res.writeHead(200);
        res.end(req.method === 'HEAD' ? undefined : shell(b.hash, extraHosts));
        next(false);
      },
      failed(res, next),
    );
  };
  const script = (req: Request, res: Response, next: Next) => {
    buildTab().then(
      (b) => {
        secure(res, csp);
        const etag = `"${b.hash}"`;
        res.setHeader('ETag', etag);
        res.setHeader('Cache-Control', 'no-cache');
        res.setHeader('Content-Type', 'text/javascript; charset=utf-8');
        if (req.headers['if-none-match'] === etag) {
          res.writeHead(304);
          res.end();
          return next(false);
        }
        const gzip = /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));
        const body = gzip ? b.gzip : b.js;
        if (gzip) res.setHeader('Content-Encoding', 'gzip');
        res.setHeader('Vary', 'Accept-Encoding');
        res.setHeader('Content-Length', body.length);
        res.writeHead(200);
        res.end(req.method === 'HEAD' ? undefined : body);
        next(false);
      },
      failed(res, next),
    );
  };
  for (const p of ['/tab', '/tab/', '/tab/index.html']) server.get(p, page);
  server.get('/tab/app.js', script);
}
