// The bot's HTTP route: /api/messages, as Teams (or the Agents Playground) calls it.
import type { Activity } from 'botbuilder';
import { AuthenticationError } from 'botframework-connector';
import type restify from 'restify';
import type { PlanPulseAdapter } from './adapter';
import type { PlanPulseBot } from './planpulse-bot';

/** The largest request body /api/messages reads (Teams caps a message at about 100 KB). */
export const MAX_ACTIVITY_BYTES = 256 * 1024;

export function mountBotRoutes(server: restify.Server, adapter: PlanPulseAdapter, bot: PlanPulseBot, log: (line: string) => void): void {
  server.post('/api/messages', async (req, res) => {
    // botbuilder answers 500 to a body that is not an activity; say what is wrong instead.
    if (!req.body || typeof req.body !== 'object' || typeof req.body.type !== 'string') {
      res.send(400, { error: 'The body must be a Bot Framework activity (JSON with a "type").' });
      return;
    }
    const authHeader = String(req.headers.authorization ?? '');
    try {
      const invoke = await adapter.processIncoming(authHeader, req.body as Activity, (ctx) => bot.run(ctx));
      res.send(invoke?.status ?? 200, invoke?.body);
    } catch (e) {
      // Anyone on the internet can post here: a refusal is one line, not a stack.
      // botframework-connector passes a bad signature on as jsonwebtoken's own error, not an AuthenticationError.
      if (e instanceof AuthenticationError || (e instanceof Error && e.name === 'JsonWebTokenError')) {
        log(`refused an activity: not authenticated (${e.message})`);
        res.send(401, { error: 'Not authenticated' });
        return;
      }
      log(`activity failed: ${(e as Error).stack ?? String(e)}`);
      res.send(500, { error: 'PlanPulse could not handle this activity' });
    }
  });
}
