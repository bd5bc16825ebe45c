// Who is asking, decided before anything else: a Teams SSO token (validated
// with jose), or on the embedded default only, local sign-in as one of the
// plan's people. The person comes from the plan, never from the request body.
import type restify from 'restify';
import { normaliseAadObjectId } from '../../../core/lead-identity';
import { hostnameOf, isLoopbackHost } from '../../../core/loopback';
import type { Lead, PlanSnapshot } from '../../../core/model';
import type { Identity } from '../../../core/update-action';
import { SsoUnavailable, SsoVerifier, TokenRefused, type SsoSettings } from '../auth/sso';
import { HttpError } from './http-errors';

export interface Caller {
  lead: Lead;
  mode: 'teams' | 'local';
  /** What the core use cases act as. */
  identity: Identity;
}

/** Local sign-in's stand-in for an Entra object id: leads on a fresh copy have none. */
export const LOCAL_ID_PREFIX = 'local:';

/** Headers a reverse proxy or tunnel (nginx, App Service, dev tunnels, ngrok) adds: the request came from elsewhere. */
const FORWARDING_HEADERS = [
  'forwarded',
  'x-forwarded-for',
  'x-forwarded-host',
  'x-forwarded-proto',
  'x-real-ip',
  'x-original-host',
  'x-original-url',
  'via',
  'x-arr-log-id',
  'x-ms-forwarded-for',
];

export class Identifier {
  private readonly verifier?: SsoVerifier;

  /**
   * @param entraConfigured any Entra settings besides the tab's own: the bot's
   * credentials (MicrosoftAppId) or Graph's (the SharePoint store). Local
   * sign-in is for the embedded default only, so any of them turns it off.
   */
  constructor(
    private readonly sso: SsoSettings | undefined,
    private readonly host: string,
    private readonly entraConfigured: boolean,
  ) {
    this.verifier = sso && new SsoVerifier(sso);
  }

  /**
   * Local sign-in: the embedded default (no Entra settings at all) on a
   * loopback listener, and a request that is plainly from this machine: it
   * came in on loopback from loopback, names a loopback host (so a page on
   * another site rebinding its DNS to 127.0.0.1 is refused), and carries no
   * proxy's or tunnel's headers (a proxy on the same machine connects from
   * loopback but speaks for anyone who can reach it).
   */
  localAllowed(req: restify.Request): boolean {
    if (this.sso || this.entraConfigured || !isLoopbackHost(this.host)) return false;
    if (!isLoopbackHost(req.socket?.localAddress) || !isLoopbackHost(req.socket?.remoteAddress)) return false;
    const headers = req.headers ?? {};
    const host = headers.host;
    if (typeof host !== 'string' || !isLoopbackHost(hostnameOf(host))) return false;
    const origin = headers.origin;
    if (origin !== undefined) {
      let originHost: string;
      try {
        originHost = new URL(String(origin)).hostname;
      } catch {
        return false;
      }
      if (!isLoopbackHost(hostnameOf(originHost))) return false;
    }
    return !FORWARDING_HEADERS.some((h) => headers[h] !== undefined);
  }

  async identify(req: restify.Request, plan: () => Promise<PlanSnapshot>): Promise<Caller> {
    const header = String(req.headers.authorization ?? '');
    const [scheme, ...rest] = header.trim().split(/\s+/);
    const credential = rest.join(' ');
    if (/^local$/i.test(scheme ?? '')) {
      if (!this.localAllowed(req))
        throw new HttpError(401, { error: 'Local sign-in works only on the embedded default at 127.0.0.1: open PlanPulse in Microsoft Teams.' });
      const lead = (await plan()).leads.find((l) => l.key === credential);
      if (!lead) throw new HttpError(401, { error: 'There is nobody with that key in the plan to sign in as.' });
      return { lead, mode: 'local', identity: { aadObjectId: `${LOCAL_ID_PREFIX}${lead.key}`, name: lead.displayName } };
    }
    if (!/^bearer$/i.test(scheme ?? '') || !credential) throw new HttpError(401, { error: 'Not signed in: open PlanPulse in Microsoft Teams.' });
    if (!this.verifier) throw new HttpError(401, { error: 'Teams sign-in is not set up on this server (TAB_SSO_CLIENT_ID).' });
    const who = await this.verifier.verify(credential).catch((e: unknown) => {
      throw e instanceof TokenRefused || e instanceof SsoUnavailable ? e : new TokenRefused('the token could not be checked');
    });
    const oid = normaliseAadObjectId(who.oid);
    const matches = (await plan()).leads.filter((l) => normaliseAadObjectId(l.aadObjectId) === oid);
    // Signed in, but the plan does not know them (or knows two): they may see nothing.
    if (matches.length !== 1)
      throw new HttpError(403, {
        error: 'You are signed in, but PlanPulse does not know you as anyone in the plan. Ask the secretariat to link your account.',
      });
    return { lead: matches[0], mode: 'teams', identity: { aadObjectId: oid!, name: who.name || matches[0].displayName } };
  }
}
