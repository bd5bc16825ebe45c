// Where the page runs: inside a Teams (or Microsoft 365) host through
// teams-js, or top-level in a browser (local sign-in). Outside a frame the
// page never calls app.initialize, so it never waits out teams-js's 60 s timeout.
//
// Everything a host may do differently from the Teams we tested against is
// absorbed here rather than in the views: a getContext that fails or answers
// in another shape (the handshake's frame context and the default theme are
// used), a runtime without pages.config or meeting support (the call is
// refused with words, never thrown into React), a host that never answers
// (each call has a time limit), and errors given as strings or objects.
import { app, authentication, meeting, pages } from '@microsoft/teams-js';
import { hostErrorText, shareProblem } from './share-words';
import { SignInError, signInProblem } from './sign-in-words';

export type ThemeName = 'light' | 'dark' | 'contrast';
export type FrameKind = 'content' | 'settings' | 'remove' | 'sidePanel' | 'meetingStage' | 'task' | 'other';

/** How loading ended, told to the host once (tab-app initialization: success, expected failure or failure). */
export type LoadOutcome =
  | { kind: 'success' }
  | { kind: 'expected-failure'; reason: 'PermissionError' | 'NotFound' | 'Throttling' | 'Offline' | 'Other'; message: string }
  | { kind: 'failure'; reason: 'AuthFailed' | 'Timeout' | 'Other'; message: string };

export interface StageSharing {
  allowed: boolean;
  /** Why not, in words, when Teams said no or could not be asked. */
  why?: string;
}

export interface SavedTab {
  contentUrl: string;
  entityId: string;
  suggestedDisplayName: string;
  removeUrl?: string;
}

export interface Host {
  inTeams: boolean;
  frame: FrameKind;
  theme: ThemeName;
  /** The Teams user's display name hint (never proof of who they are). */
  userHint?: string;
  /** The tab instance's entityId, which a configurable tab gets back when it is reconfigured. */
  pageId?: string;
  /** The meeting the page runs in (Teams' meeting id, else its chat id): the key of the stage's shared position. */
  meetingId?: string;
  onTheme(handler: (t: ThemeName) => void): void;
  token(): Promise<string>;
  canShareToStage(): Promise<StageSharing>;
  shareToStage(url: string): Promise<void>;
  configPage?: {
    setValid(valid: boolean): void;
    /** Registers (once) the save handler; `save` is asked for the settings at the moment Teams saves. */
    onSave(save: () => SavedTab | undefined): void;
    /** The saved settings of the tab being reconfigured (undefined for a new tab, or if the host does not say). */
    current(): Promise<{ contentUrl?: string; entityId?: string } | undefined>;
  };
  removePage?: {
    setValid(valid: boolean): void;
    onRemove(remove: () => void): void;
  };
  /** After the server refused `refused`: forget it and ask Teams for another (Teams only). */
  renewToken?(refused: string): Promise<string>;
  /** The page can show something: hide the host's loading indicator. */
  loaded(): void;
  /** How loading ended; only the first call reaches the host. */
  finished(outcome: LoadOutcome): void;
}

export function teamsTheme(theme: string | undefined): ThemeName {
  const t = String(theme ?? '').toLowerCase();
  return t === 'dark' ? 'dark' : t === 'contrast' || t === 'highcontrast' || t === 'high-contrast' ? 'contrast' : 'light';
}

function osTheme(): ThemeName {
  if (window.matchMedia('(forced-colors: active)').matches || window.matchMedia('(prefers-contrast: more)').matches) return 'contrast';
  return window.matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}

function standalone(): Host {
  return {
    inTeams: false,
    frame: 'content',
    theme: osTheme(),
    onTheme(handler) {
      for (const q of ['(prefers-color-scheme: dark)', '(forced-colors: active)', '(prefers-contrast: more)']) {
        window.matchMedia(q).addEventListener('change', () => handler(osTheme()));
      }
    },
    token: () => Promise.reject(new Error('Not in Teams')),
    canShareToStage: async () => ({ allowed: false }),
    shareToStage: async () => undefined,
    loaded: () => undefined,
    finished: () => undefined,
  };
}

/** How long the host may take to answer a call before the page says so. */
export const HOST_TIMEOUTS = { token: 45_000, share: 20_000, capabilities: 10_000, config: 5_000 };

function within<T>(ms: number, p: Promise<T>, onTimeout: () => Error): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const t = setTimeout(() => reject(onTimeout()), ms);
    p.then(
      (v) => {
        clearTimeout(t);
        resolve(v);
      },
      (e: unknown) => {
        clearTimeout(t);
        reject(e);
      },
    );
  });
}

/** The claims' exp of a JWT, in ms since the epoch (undefined if it is not one). */
function expiryOf(token: string): number | undefined {
  try {
    const part = token.split('.')[1];
    const json = JSON.parse(atob(part.replace(/-/g, '+').replace(/_/g, '/'))) as { exp?: unknown };
    return typeof json.exp === 'number' ? json.exp * 1000 : undefined;
  } catch {
    return undefined;
  }
}

/** A token this close to its expiry is not used again: ask Teams for another. */
const REFRESH_BEFORE_MS = 5 * 60_000;

/**
 * Teams SSO tokens: one request to the host at a time (views load in
 * parallel), the last token reused while it is well inside its lifetime, and a
 * new one asked for when it nears expiry or the server refused it.
 */
function tokenSource() {
  let last: { token: string; exp?: number } | undefined;
  let pending: Promise<string> | undefined;
  const ask = (): Promise<string> => {
    pending ??= within(
      HOST_TIMEOUTS.token,
      authentication.getAuthToken().then((t) => {
        if (typeof t !== 'string' || !t) throw new SignInError('other', 'Teams answered without a token');
        return t;
      }),
      () => new SignInError('timeout', `no answer in ${HOST_TIMEOUTS.token / 1000} seconds`),
    )
      .then(
        (token) => {
          last = { token, exp: expiryOf(token) };
          return token;
        },
        (e: unknown) => {
          last = undefined;
          throw e instanceof SignInError ? e : signInProblem(hostErrorText(e));
        },
      )
      .finally(() => {
        pending = undefined;
      });
    return pending;
  };
  return {
    token(): Promise<string> {
      if (last && last.exp !== undefined && last.exp - Date.now() > REFRESH_BEFORE_MS) return Promise.resolve(last.token);
      return ask();
    },
    /** The server refused `refused`: forget it, and ask Teams again. */
    renew(refused: string): Promise<string> {
      if (last?.token === refused) last = undefined;
      return ask();
    },
  };
}

export async function connectHost(): Promise<Host> {
  // Top-level page: not in Teams. (teams-js would reject too, but only after loading its origin list.)
  if (window.parent === window && !window.opener) return standalone();
  // Hosts the server was told to trust besides Teams' own (TAB_HOST_ORIGINS): a test host on another port.
  const extra = document.querySelector<HTMLMetaElement>('meta[name="planpulse-host-origins"]')?.content.split(' ').filter(Boolean);
  await app.initialize(extra?.length ? extra : undefined);
  // From the handshake: what teams-js itself checks each call against.
  const handshakeFrame = String(app.getFrameContext() ?? '');
  // getContext is a hint; a host that fails it or answers in another shape still gets a page.
  const context = await within(HOST_TIMEOUTS.config, app.getContext(), () => new Error('no context')).catch(() => undefined);
  const fc = handshakeFrame || String(context?.page?.frameContext ?? 'content');
  const known: FrameKind[] = ['content', 'settings', 'remove', 'sidePanel', 'meetingStage', 'task'];
  const frame: FrameKind = fc === 'stage' ? 'meetingStage' : known.includes(fc as FrameKind) ? (fc as FrameKind) : 'other';
  const tokens = tokenSource();
  let told = false;
  const host: Host = {
    inTeams: true,
    frame,
    theme: teamsTheme(context?.app?.theme),
    userHint: context?.user?.userPrincipalName,
    pageId: context?.page?.id || undefined,
    meetingId: context?.meeting?.id || context?.chat?.id || undefined,
    onTheme(handler) {
      try {
        app.registerOnThemeChangeHandler((t) => handler(teamsTheme(t)));
      } catch {
        // A host without theme events keeps the theme it started with.
      }
    },
    token: () => tokens.token(),
    renewToken: (refused) => tokens.renew(refused),
    canShareToStage: () => {
      const asked = new Promise<StageSharing>((resolve) => {
        meeting.getAppContentStageSharingCapabilities((err, result) => {
          if (err) resolve({ allowed: false, why: shareProblem(err) });
          else resolve({ allowed: !!result?.doesAppHaveSharePermission });
        });
      });
      return within(HOST_TIMEOUTS.capabilities, asked, () => new Error('no answer')).catch(() => ({
        allowed: false,
        why: "Teams didn't say whether PlanPulse may share to the stage in this meeting.",
      }));
    },
    shareToStage: (url) =>
      within(
        HOST_TIMEOUTS.share,
        new Promise<void>((resolve, reject) => {
          meeting.shareAppContentToStage((err, result) => {
            if (err) reject(new Error(shareProblem(err)));
            else if (result === false) reject(new Error(shareProblem(undefined)));
            else resolve();
          }, url);
        }),
        () => new Error(`Teams didn't answer within ${HOST_TIMEOUTS.share / 1000} seconds. Try again.`),
      ),
    loaded: () => {
      try {
        app.notifyAppLoaded();
      } catch {
        // Only a loading indicator hangs on this; never the page.
      }
    },
    finished: (outcome) => {
      if (told) return;
      told = true;
      try {
        if (outcome.kind === 'success') void app.notifySuccess().catch(() => undefined);
        else if (outcome.kind === 'expected-failure')
          app.notifyExpectedFailure({ reason: app.ExpectedFailureReason[outcome.reason], message: outcome.message });
        else app.notifyFailure({ reason: app.FailedReason[outcome.reason], message: outcome.message });
      } catch {
        // As above.
      }
    },
  };
  if (frame === 'settings') {
    let save: (() => SavedTab | undefined) | undefined;
    let registered = false;
    host.configPage = {
      setValid: (valid) => {
        try {
          pages.config.setValidityState(valid);
        } catch {
          // A host without pages.config: the page says so (see current()).
        }
      },
      onSave: (next) => {
        save = next;
        if (registered) return;
        registered = true;
        pages.config.registerOnSaveHandler((event) => {
          let settings: SavedTab | undefined;
          try {
            settings = save?.();
          } catch {
            settings = undefined;
          }
          if (!settings) return event.notifyFailure('Choose what the tab should show first.');
          pages.config.setConfig(settings).then(
            () => event.notifySuccess(),
            (e: unknown) => event.notifyFailure(hostErrorText(e) || 'Teams did not keep the settings.'),
          );
        });
      },
      current: () => within(HOST_TIMEOUTS.config, pages.getConfig(), () => new Error('no answer')).catch(() => undefined),
    };
  }
  if (frame === 'remove') {
    host.removePage = {
      setValid: (valid) => {
        try {
          pages.config.setValidityState(valid);
        } catch {
          // As for the configuration page.
        }
      },
      onRemove: (remove) =>
        pages.config.registerOnRemoveHandler((event) => {
          try {
            remove();
            event.notifySuccess();
          } catch (e) {
            event.notifyFailure((e as Error).message);
          }
        }),
    };
  }
  return host;
}
