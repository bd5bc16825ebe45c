// Every Graph call PlanPulse makes goes through here: one place that decorates
// traffic, honours throttling, counts requests and turns failures into the
// core's errors. Built on the Graph SDK for auth and URL handling, with the
// SDK's own retry switched off so each attempt is seen (and counted) here.
import { Client, ResponseType, RetryHandlerOptions, type AuthenticationProvider } from '@microsoft/microsoft-graph-client';
import { UpstreamError } from '../../../core/errors';
import { scrub } from '../../../core/redact';
import { GraphSignInError } from './auth';
import { graphError } from './graph-errors';
import { RequestCounter, type RequestCount } from './request-count';
import { DEFAULT_RETRY_POLICY, isThrottled, mayResend, retryDelaySeconds, type RetryPolicy } from './retry-policy';
import { resourceUnits, ThrottleGate } from './throttle-gate';

/** SharePoint serves well-decorated traffic first when it has to throttle. */
export const USER_AGENT = 'NONISV|PlanPulse|PlanPulse/0.1.0';

export type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'DELETE';

export interface GraphCall {
  method: HttpMethod;
  /** Relative and unversioned ("/sites/…"), or an absolute https @odata.nextLink. */
  url: string;
  body?: unknown;
  headers?: Record<string, string>;
  /** For error messages: what we were doing, e.g. "reading PlanPulse Actions". */
  what?: string;
  /** A create on a column SharePoint keeps unique, so safe to re-send after a 504. */
  uniqueKey?: boolean;
}

export interface GraphReply {
  status: number;
  /** Lower-case names. */
  headers: Record<string, string>;
  body: unknown;
}

export interface GraphClientSettings {
  /** e.g. https://graph.microsoft.com (national clouds differ); no version segment. */
  graphBaseUrl: string;
  authProvider: AuthenticationProvider;
  retry?: Partial<RetryPolicy>;
  /**
   * The app's SharePoint resource-unit budget a minute (1,200 for tenants under
   * 1,000 licences, up to 6,000; fact sheet A12). Requests are paced under it;
   * unset, they are paced only by SharePoint's own 429s.
   */
  ruPerMinute?: number;
}

export class GraphClient {
  readonly policy: RetryPolicy;
  private readonly client: Client;
  private readonly counter = new RequestCounter();
  private readonly gate: ThrottleGate;

  constructor(settings: GraphClientSettings) {
    this.policy = { ...DEFAULT_RETRY_POLICY, ...settings.retry };
    this.gate = new ThrottleGate(settings.ruPerMinute);
    const base = new URL(settings.graphBaseUrl);
    // The SDK appends the version itself; tolerate a base URL that already has one.
    const path = base.pathname.replace(/\/(v1\.0|beta)\/?$/, '').replace(/\/+$/, '');
    const tokens = settings.authProvider;
    this.client = Client.initWithMiddleware({
      // A failure to get a token is told apart from a failure to reach Graph.
      authProvider: {
        getAccessToken: async (options) => {
          try {
            return await tokens.getAccessToken(options);
          } catch (e) {
            if (e instanceof GraphSignInError) throw e;
            throw new GraphSignInError(`could not get an access token for Graph: ${e instanceof Error ? e.message : String(e)}`, { cause: e });
          }
        },
      },
      baseUrl: `${base.origin}${path}`,
      // Host names only: the SDK sends the token to these (and Graph's own hosts).
      customHosts: new Set([base.hostname]),
    });
  }

  requestCount(): RequestCount {
    return this.counter.snapshot();
  }

  countInner(n: number): void {
    this.counter.countInner(n);
  }

  /** Every request waits this long: SharePoint throttles the app, not one request. */
  holdOff(seconds: number): void {
    this.gate.holdOff(seconds);
  }

  /**
   * Sends the call, waiting out 429/503 as Retry-After asks (a bounded number
   * of times), and 504 likewise when a repeat is harmless (see mayResend). Returns 2xx replies; throws NotFoundError (404),
   * ConflictError (412) or UpstreamError for anything else.
   */
  async request(call: GraphCall): Promise<GraphReply> {
    for (let attempt = 0; ; attempt++) {
      const reply = await this.sendOnce(call);
      if (reply.status < 400) return reply;
      if (mayResend(reply.status, call) && attempt < this.policy.maxRetries) {
        // The wait is the gate's, so every other request waits it out as well.
        const seconds = retryDelaySeconds(reply.headers['retry-after'], attempt, this.policy);
        if (isThrottled(reply.status)) this.gate.holdOff(seconds);
        else await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
        continue;
      }
      throw graphError(reply.status, reply.body, call.what ?? `${call.method} ${call.url}`, call.url);
    }
  }

  private async sendOnce(call: GraphCall): Promise<GraphReply> {
    const isBatch = call.method === 'POST' && call.url === '/$batch';
    await this.gate.pass(unitsOf(call, isBatch));
    this.counter.countOuter(isBatch);
    this.counter.countUnits(unitsOf(call, isBatch));
    const request = this.client
      .api(call.url)
      .headers({ ...call.headers, 'User-Agent': USER_AGENT })
      // No SDK retries: they would be invisible to our counter and ignore our cap.
      .middlewareOptions([new RetryHandlerOptions(0, 0)])
      .responseType(ResponseType.RAW);
    let response: Response;
    try {
      switch (call.method) {
        case 'GET':
          response = await request.get();
          break;
        case 'POST':
          response = await request.post(call.body ?? {});
          break;
        case 'PATCH':
          response = await request.patch(call.body ?? {});
          break;
        case 'DELETE':
          response = await request.delete();
          break;
      }
    } catch (error) {
      const why = error instanceof Error ? error.message : String(error);
      // The SDK re-wraps what the auth provider throws, keeping its name as `code`.
      const signIn = error instanceof GraphSignInError || (error as { code?: unknown }).code === 'GraphSignInError';
      if (signIn) throw new UpstreamError(scrub(`${call.what ?? `${call.method} ${call.url}`} failed: ${why}`));
      throw new UpstreamError(scrub(`${call.what ?? `${call.method} ${call.url}`} failed: could not reach Graph (${why})`));
    }
    return { status: response.status, headers: headersOf(response.headers), body: await bodyOf(response) };
  }
}

/** What SharePoint will charge: a $batch costs what its inner requests cost. */
function unitsOf(call: GraphCall, isBatch: boolean): number {
  if (!isBatch) return resourceUnits(call.method, call.url);
  const inner = ((call.body ?? {}) as { requests?: Array<{ method: string; url: string }> }).requests ?? [];
  return inner.reduce((sum, r) => sum + resourceUnits(r.method, r.url), 0);
}

function headersOf(headers: Headers): Record<string, string> {
  const out: Record<string, string> = {};
  headers.forEach((value, name) => {
    out[name.toLowerCase()] = value;
  });
  return out;
}

async function bodyOf(response: Response): Promise<unknown> {
  const text = await response.text();
  if (text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
