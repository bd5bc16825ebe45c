// The privacy statement and terms of use the Teams manifest links to. They say
// what PlanPulse itself does with data; the partnership adds its own policies.
import type restify from 'restify';

const page = (title: string, body: string) => `<!doctype html>
<html lang="en-GB"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} – PlanPulse</title></head>
<body style="font-family: Segoe UI, system-ui, sans-serif; max-width: 40em; margin: 2em auto; line-height: 1.5; padding: 0 1em">
<main><h1>${title}</h1>${body}</main></body></html>`;

const PRIVACY = page(
  'Privacy',
  `<p>PlanPulse runs in your partnership's own Microsoft 365 tenancy and keeps the improvement plan in your own SharePoint lists
(or, when run on one computer, in a local file). It stores, for each person named in the plan: their name as the plan writes it,
their Microsoft Entra object id and email address once matched, how the bot can reach them in Teams, and every update they make
(who, when, from where, what changed, and their commentary).</p>
<p>It sends nothing anywhere else: no analytics, no third-party services. Application logs never contain tokens or secrets.</p>
<p>Your partnership is the data controller. Ask your board secretariat to see, correct or remove what is held about you.</p>`,
);

const TERMS = page(
  'Terms of use',
  `<p>PlanPulse is provided to your partnership to track its Continuous Improvement Plan. Use it for that purpose only,
and record updates honestly: the board relies on them.</p>
<p>Your partnership's own acceptable-use policies for Microsoft 365 apply.</p>`,
);

export function mountLegalPages(server: restify.Server): void {
  for (const [route, html] of [
    ['/privacy', PRIVACY],
    ['/terms', TERMS],
  ] as const) {
    server.get(route, (_req, res, next) => {
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'public, max-age=3600' });
      res.end(html);
      return next();
    });
  }
}
