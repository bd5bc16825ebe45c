// Why Teams gave the page no sign-in token, in words that say what to do next
// (tab-design.md §5). Teams answers authentication.getAuthToken with a bare
// reason: "resourceRequiresConsent", "consent_required", "resourceDisabled",
// "invalid_resource", "CancelledByUser", "FailedToOpenWindow", an AADSTS code…

export type SignInKind = 'consent' | 'setup' | 'cancelled' | 'popup' | 'timeout' | 'other';

export class SignInError extends Error {
  constructor(
    readonly kind: SignInKind,
    /** What Teams said, for the person to pass on to their admin. */
    readonly teamsSaid: string,
  ) {
    super(`Teams sign-in failed (${kind}): ${teamsSaid}`);
    this.name = 'SignInError';
  }
}

const RULES: Array<[RegExp, SignInKind]> = [
  [/consent|interaction_?required|ui_?required|AADSTS65001|AADSTS65004/i, 'consent'],
  [/cancel/i, 'cancelled'],
  [/FailedToOpenWindow|popup|pop-up/i, 'popup'],
  [/resource|audience|AADSTS500011|AADSTS50001|AADSTS700016|invalid_client|unauthorized_client|not.?configured|webApplicationInfo/i, 'setup'],
  [/timed? ?out/i, 'timeout'],
];

/** A host's refusal, classified. */
export function signInProblem(teamsSaid: string): SignInError {
  const said = teamsSaid.trim().slice(0, 200);
  const kind = RULES.find(([re]) => re.test(said))?.[1] ?? 'other';
  return new SignInError(kind, said || 'no reason given');
}

const ADMIN = "ask your Teams admin to check PlanPulse's single sign-on set-up";

export function signInWords(e: SignInError): string {
  const said = `Teams said: ${e.teamsSaid}.`;
  switch (e.kind) {
    case 'consent':
      return `PlanPulse needs your consent to sign you in. Select Try again and accept Teams' prompt. If your organisation lets only admins consent, ask your Teams admin to grant consent to PlanPulse for everyone. (${said})`;
    case 'setup':
      return `Teams couldn't sign you in because PlanPulse's sign-in set-up doesn't match its app registration. Ask your Teams admin to check that the Application ID URI in the app package matches the one in Entra ID. (${said})`;
    case 'cancelled':
      return `The sign-in was closed before it finished. Select Try again to sign in. (${said})`;
    case 'popup':
      return `Teams couldn't open its sign-in window. Allow pop-ups for Teams, then select Try again. (${said})`;
    case 'timeout':
      return `Teams didn't give PlanPulse a sign-in in time. Select Try again; if it keeps happening, ${ADMIN}. (${said})`;
    default:
      return `Teams couldn't sign you in to PlanPulse. Select Try again; if it keeps happening, ${ADMIN}. (${said})`;
  }
}
