// Where the page runs: inside a Teams (or Microsoft 365) host through
// teams-js, or top-level in a browser (local sign-in). Outside a frame the
// page never calls app.initialize, so it never waits out teams-js's 60 s timeout.
import { app, authentication, meeting, pages } from '@microsoft/teams-js';

export type ThemeName = 'light' | 'dark' | 'contrast';
export type FrameKind = 'content' | 'settings' | 'sidePanel' | 'meetingStage' | 'other';

export interface Host {
  inTeams: boolean;
  frame: FrameKind;
  theme: ThemeName;
  /** The Teams user's display name hint (never proof of who they are). */
  userHint?: string;
  onTheme(handler: (t: ThemeName) => void): void;
  token(): Promise<string>;
  canShareToStage(): Promise<boolean>;
  shareToStage(url: string): Promise<void>;
  configPage?: {
    setValid(valid: boolean): void;
    onSave(save: () => { contentUrl: string; entityId: string; suggestedDisplayName: string }): void;
  };
  notifySuccess(): void;
}

export function teamsTheme(theme: string | undefined): ThemeName {
  return theme === 'dark' ? 'dark' : theme === 'contrast' ? 'contrast' : 'light';
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
    canShareToStage: async () => false,
    shareToStage: async () => undefined,
    notifySuccess: () => undefined,
  };
}

export async function connectHost(): Promise<Host> {
  // Top-level page: not in Teams. (teams-js would reject too, but only after loading its origin list.)
  if (window.parent === window && !window.opener) return standalone();
  await app.initialize();
  const context = await app.getContext();
  const fc = String(context.page.frameContext ?? 'content');
  const frame: FrameKind = fc === 'content' || fc === 'settings' || fc === 'sidePanel' || fc === 'meetingStage' ? fc : 'other';
  const host: Host = {
    inTeams: true,
    frame,
    theme: teamsTheme(context.app.theme),
    userHint: context.user?.userPrincipalName,
    onTheme(handler) {
      app.registerOnThemeChangeHandler((t) => handler(teamsTheme(t)));
    },
    // Teams caches the token; asking each time keeps it fresh.
    token: () => authentication.getAuthToken(),
    canShareToStage: () =>
      new Promise((resolve) => {
        try {
          meeting.getAppContentStageSharingCapabilities((err, result) => resolve(!err && !!result?.doesAppHaveSharePermission));
        } catch {
          resolve(false);
        }
      }),
    shareToStage: (url) =>
      new Promise((resolve, reject) => {
        meeting.shareAppContentToStage((err) => (err ? reject(new Error(err.message ?? `Teams refused (${err.errorCode})`)) : resolve()), url);
      }),
    notifySuccess: () => {
      app.notifySuccess().catch(() => undefined);
    },
  };
  if (frame === 'settings') {
    host.configPage = {
      setValid: (valid) => pages.config.setValidityState(valid),
      onSave: (save) =>
        pages.config.registerOnSaveHandler((event) => {
          pages.config.setConfig(save()).then(
            () => event.notifySuccess(),
            (e: Error) => event.notifyFailure(e.message),
          );
        }),
    };
  }
  return host;
}
