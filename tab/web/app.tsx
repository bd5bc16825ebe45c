// The page: connects to its host, signs in (Teams SSO, or local sign-in on
// the embedded default), follows the host's theme, and routes to a view.
import { Component, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import {
  Button,
  Field,
  FluentProvider,
  Link,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  Select,
  makeStyles,
  teamsDarkTheme,
  teamsHighContrastTheme,
  teamsLightTheme,
  tokens,
} from '@fluentui/react-components';
import type { LocalPerson, SessionView } from '../api/contract';
import { ApiError, errorWords, localPeople, makeApi, type Auth } from './api';
import type { Host, LoadOutcome, ThemeName } from './host';
import { SignInError } from './sign-in-words';
import { readRoute, routeUrl, ShellContext, useLiveRegion, useShell, type Route, type Shell } from './shell';
import { Pick } from './pick';
import { useUi, ViewSwitch } from './ui';
import { ActionPage } from './views/action';
import { BoardPage } from './views/board';
import { ConfigPage } from './views/config';
import { GroupPage } from './views/group';
import { HelpPage } from './views/help';
import { SidePanelPage, StagePage } from './views/meeting';
import { MyActionsPage } from './views/my-actions';
import { RemovePage } from './views/remove';

const THEMES = { light: teamsLightTheme, dark: teamsDarkTheme, contrast: teamsHighContrastTheme };
const LOCAL_KEY = 'planpulse.localPerson';

const useStyles = makeStyles({
  root: {
    minHeight: '100vh',
    backgroundColor: tokens.colorNeutralBackground1,
    color: tokens.colorNeutralForeground1,
    fontFamily: tokens.fontFamilyBase,
    fontSize: tokens.fontSizeBase300,
  },
  hidden: { position: 'absolute', width: '1px', height: '1px', overflow: 'hidden', clip: 'rect(0 0 0 0)', whiteSpace: 'nowrap' },
  nav: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: '8px 16px',
    alignItems: 'flex-end',
    padding: '8px 20px',
    maxWidth: '100%',
    boxSizing: 'border-box',
    borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
  },
  panel: { width: '320px', maxWidth: '100%', borderRight: `1px solid ${tokens.colorNeutralStroke1}`, padding: '0 20px', boxSizing: 'border-box' },
  center: { maxWidth: '560px', margin: '10vh auto', padding: '0 20px' },
  // The Help link keeps one place on every view (WCAG 3.2.6): first in main, at the right.
  help: { display: 'flex', justifyContent: 'flex-end', padding: '4px 0 0' },
  helpLink: { minHeight: '24px', minWidth: '24px', display: 'inline-flex', alignItems: 'center' },
});

/** The "Help" link, in the same place on every view. */
function HelpLink({ current }: { current: boolean }) {
  const s = useStyles();
  const { go } = useShell();
  return (
    <div className={s.help} data-testid="help-link">
      <Link
        href={routeUrl({ view: 'help' })}
        aria-current={current ? 'page' : undefined}
        className={s.helpLink}
        onClick={(e) => {
          e.preventDefault();
          if (!current) go({ view: 'help', action: undefined });
        }}
      >
        Help
      </Link>
    </div>
  );
}

function LocalSignIn({ people, onChoose }: { people: LocalPerson[]; onChoose: (key: string) => void }) {
  const ui = useUi();
  const s = useStyles();
  const [key, setKey] = useState('');
  const h1 = useRef<HTMLHeadingElement>(null);
  useEffect(() => h1.current?.focus(), []);
  return (
    <main className={s.center}>
      <h1 className={ui.h1} ref={h1} tabIndex={-1}>
        Local sign-in – this computer only, not Teams sign-in
      </h1>
      <p>
        PlanPulse is running on its embedded default, without Teams. Choose whom to see the plan as. In Teams, people are signed in by Teams instead.
      </p>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (key) onChoose(key);
        }}
        style={{ display: 'grid', gap: 12 }}
      >
        <Field label="Sign in as (required)" required>
          <Pick
            testId="sign-in-as"
            placeholder="Choose a person"
            value={key}
            onChange={setKey}
            options={people.map((p) => ({ value: p.key, text: `${p.name} – ${p.describe}` }))}
          />
        </Field>
        <div>
          <Button type="submit" appearance="primary" disabled={!key}>
            Sign in
          </Button>
        </div>
      </form>
    </main>
  );
}

type Stage =
  | { kind: 'loading' }
  | { kind: 'refused' }
  | { kind: 'pick'; people: LocalPerson[] }
  | { kind: 'ready'; session: SessionView; auth: Auth }
  | { kind: 'failed'; error: unknown };

/** How a failed sign-in is told to the host: expected (the page shows why, with Try again), never a blank failure. */
export function failedOutcome(error: unknown): LoadOutcome {
  const message = errorWords(error).slice(0, 300);
  let reason: 'PermissionError' | 'NotFound' | 'Throttling' | 'Offline' | 'Other';
  if (error instanceof SignInError) reason = error.kind === 'consent' || error.kind === 'setup' ? 'PermissionError' : 'Other';
  else if (error instanceof ApiError)
    reason =
      error.status === 401 || error.status === 403
        ? 'PermissionError'
        : error.status === 404
          ? 'NotFound'
          : error.status === 429
            ? 'Throttling'
            : error.status >= 502
              ? 'Offline'
              : 'Other';
  else reason = 'Offline'; // fetch itself failed: the server could not be reached
  return { kind: 'expected-failure', reason, message };
}

/**
 * A view that throws while rendering: a message and Try again instead of a
 * blank frame, and Teams is told loading failed if it had not been told yet.
 */
class Crash extends Component<{ host: Host; children: React.ReactNode }, { error?: Error }> {
  override state: { error?: Error } = {};
  static getDerivedStateFromError(error: Error) {
    return { error };
  }
  override componentDidCatch(error: Error) {
    this.props.host.finished({ kind: 'failure', reason: 'Other', message: error.message.slice(0, 300) });
  }
  override render() {
    if (!this.state.error) return this.props.children;
    return (
      <main style={{ maxWidth: 560, margin: '10vh auto', padding: '0 20px' }}>
        <h1>Something went wrong in PlanPulse</h1>
        <p>This view couldn't be shown ({this.state.error.message}). Nothing you saved is lost. Try again.</p>
        <Button onClick={() => location.reload()}>Try again</Button>
      </main>
    );
  }
}

function defaultView(session: SessionView): Route {
  if (session.chairOf[0]) return { view: 'group', group: session.chairOf[0] };
  if (session.person.roles.includes('board') || session.person.roles.includes('secretariat')) return { view: 'board' };
  return { view: 'my-actions' };
}

export function App({ host }: { host: Host }) {
  const s = useStyles();
  const [theme, setTheme] = useState<ThemeName>(host.theme);
  const [stage, setStage] = useState<Stage>({ kind: 'loading' });
  const [route, setRoute] = useState<Route>(readRoute);
  const [live, announce] = useLiveRegion();
  const [preview, setPreview] = useState<Shell['preview']>('tab');
  const cameFrom = useRef<string | undefined>(undefined);
  useEffect(() => host.onTheme(setTheme), [host]);
  // The page can show its own loading state: Teams may hide its loading indicator.
  useEffect(() => host.loaded(), [host]);
  useEffect(() => {
    const on = () => setRoute(readRoute());
    window.addEventListener('popstate', on);
    window.addEventListener('hashchange', on);
    return () => {
      window.removeEventListener('popstate', on);
      window.removeEventListener('hashchange', on);
    };
  }, []);

  const signIn = useCallback(async (auth: Auth) => {
    try {
      const session = await makeApi(auth).get<SessionView>('session');
      setStage({ kind: 'ready', session, auth });
    } catch (e) {
      setStage({ kind: 'failed', error: e });
    }
  }, []);
  const pickLocal = useCallback(async () => {
    const people = await localPeople<LocalPerson>().catch(() => undefined);
    const list = Array.isArray(people) ? people : (people as unknown as { people?: LocalPerson[] } | undefined)?.people;
    if (!list) return setStage({ kind: 'refused' });
    setStage({ kind: 'pick', people: list });
  }, []);
  useEffect(() => {
    if (host.frame === 'remove') return; // the removal page needs nobody signed in
    if (host.inTeams) {
      void signIn({ kind: 'teams', token: host.token, renew: host.renewToken });
      return;
    }
    const saved = localStorage.getItem(LOCAL_KEY);
    if (saved) {
      // Only if the server still offers local sign-in.
      void localPeople<LocalPerson>().then(
        (p) => (p ? signIn({ kind: 'local', person: saved }) : setStage({ kind: 'refused' })),
        () => setStage({ kind: 'refused' }),
      );
    } else void pickLocal();
  }, [host, signIn, pickLocal]);
  useEffect(() => {
    if (stage.kind === 'ready' || stage.kind === 'pick' || stage.kind === 'refused') host.finished({ kind: 'success' });
    else if (stage.kind === 'failed') host.finished(failedOutcome(stage.error));
  }, [stage, host]);
  const failedHeading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (stage.kind === 'failed') failedHeading.current?.focus();
  }, [stage]);
  const [retrying, setRetrying] = useState(false);

  const go = useCallback((r: Partial<Route>) => {
    setRoute((cur) => {
      const next = { ...cur, ...r };
      // Remembers where it came from, so Help's Back can return there.
      history.pushState({ fromView: cur.view }, '', routeUrl(next));
      return next;
    });
  }, []);

  const api = useMemo(() => (stage.kind === 'ready' ? makeApi(stage.auth) : undefined), [stage]);
  useEffect(() => {
    if (host.frame === 'remove') host.finished({ kind: 'success' });
  }, [host]);
  let body: React.ReactNode;
  if (host.frame === 'remove') body = <RemovePage host={host} />;
  else if (stage.kind === 'loading') body = <p role="status">Signing in…</p>;
  else if (stage.kind === 'refused')
    body = (
      <main className={s.center}>
        <h1>Open PlanPulse in Microsoft Teams</h1>
      </main>
    );
  else if (stage.kind === 'pick')
    body = (
      <LocalSignIn
        people={stage.people}
        onChoose={(key) => {
          localStorage.setItem(LOCAL_KEY, key);
          void signIn({ kind: 'local', person: key });
        }}
      />
    );
  else if (stage.kind === 'failed')
    body = (
      <main className={s.center}>
        <h1 ref={failedHeading} tabIndex={-1}>
          PlanPulse couldn't sign you in
        </h1>
        <p data-testid="sign-in-problem">{errorWords(stage.error)}</p>
        {host.inTeams ? (
          <>
            {/* Said once: most refusals already name what to ask the Teams admin. */}
            {!/Teams admin/i.test(errorWords(stage.error)) && (
              <p>If this keeps happening, ask your Teams admin to check PlanPulse's single sign-on set-up.</p>
            )}
            <Button
              appearance="primary"
              disabled={retrying}
              onClick={() => {
                setRetrying(true);
                void signIn({ kind: 'teams', token: host.token, renew: host.renewToken }).finally(() => setRetrying(false));
              }}
            >
              {retrying ? 'Signing in…' : 'Try again'}
            </Button>
          </>
        ) : (
          <Button
            onClick={() => {
              localStorage.removeItem(LOCAL_KEY);
              void pickLocal();
            }}
          >
            Choose another person
          </Button>
        )}
      </main>
    );
  else {
    const session = stage.session;
    const effective: Route = route.view || route.action ? route : { ...defaultView(session), action: route.action };
    const shell: Shell = { api: api!, session, host, route: effective, announce, go, cameFrom, preview };
    body = (
      <ShellContext.Provider value={shell}>
        {!host.inTeams && (
          <LocalBar
            session={session}
            preview={preview}
            setPreview={setPreview}
            onSwitch={() => {
              localStorage.removeItem(LOCAL_KEY);
              void pickLocal();
            }}
          />
        )}
        <Crash host={host}>
          <Views
            route={effective}
            theme={theme}
            frame={host.inTeams ? host.frame : ({ tab: 'content', sidePanel: 'sidePanel', stage: 'meetingStage' } as const)[preview]}
          />
        </Crash>
      </ShellContext.Provider>
    );
  }
  return (
    // The page's own layout sits inside the provider: Fluent gives portals (a
    // Combobox's list) the provider's classes, and a full-height page class there
    // would cover the page.
    <FluentProvider theme={THEMES[theme]} data-theme={theme}>
      <div className={s.root}>
        {body}
        <div role="status" aria-live="polite" className={s.hidden} data-testid="live">
          {live}
        </div>
      </div>
    </FluentProvider>
  );
}

function LocalBar({
  session,
  preview,
  setPreview,
  onSwitch,
}: {
  session: SessionView;
  preview: Shell['preview'];
  setPreview: (p: Shell['preview']) => void;
  onSwitch: () => void;
}) {
  const s = useStyles();
  const { go, route } = useShell();
  const roles = session.person.roles.join(', ') || 'no role in the plan';
  const groupFor = route.group ?? session.chairOf[0] ?? session.groups[0]?.key;
  return (
    <header>
      <MessageBar intent="warning" layout="multiline">
        <MessageBarBody data-testid="local-bar">
          Local sign-in: you are {session.person.name} ({roles}). This computer only, not Teams sign-in.
        </MessageBarBody>
        <MessageBarActions>
          <Button size="small" onClick={onSwitch}>
            Switch person
          </Button>
        </MessageBarActions>
      </MessageBar>
      <nav aria-label="PlanPulse views" className={s.nav}>
        <Field label="Delivery group" style={{ width: 'min(100%, 24em)', minWidth: 0 }}>
          <Select
            style={{ width: '100%' }}
            select={{ style: { width: '100%', minWidth: 0, textOverflow: 'ellipsis' } }}
            value={route.view === 'group' ? (route.group ?? '') : ''}
            onChange={(_, d) => d.value && go({ view: 'group', group: d.value, action: undefined })}
          >
            <option value="">Choose</option>
            {session.groups.map((g) => (
              <option key={g.key} value={g.key}>
                {g.name}
              </option>
            ))}
          </Select>
        </Field>
        <Link
          href={routeUrl({ view: 'board' })}
          onClick={(e) => {
            e.preventDefault();
            go({ view: 'board', group: undefined, action: undefined });
          }}
        >
          Board
        </Link>
        <Link
          href={routeUrl({ view: 'my-actions' })}
          onClick={(e) => {
            e.preventDefault();
            go({ view: 'my-actions', group: undefined, action: undefined });
          }}
        >
          My actions
        </Link>
        <Link
          href={routeUrl({ view: 'config' })}
          onClick={(e) => {
            e.preventDefault();
            go({ view: 'config', group: undefined, action: undefined });
          }}
        >
          Configuration page
        </Link>
        <span aria-hidden="true">Preview as:</span>
        <ViewSwitch
          label="Preview as"
          size="small"
          value={preview}
          onChange={(v) => {
            setPreview(v);
            if (v !== 'tab' && groupFor && route.view !== 'group') go({ view: 'group', group: groupFor, action: undefined });
          }}
          options={[
            { value: 'tab', text: 'Tab' },
            { value: 'sidePanel', text: 'Side panel' },
            { value: 'stage', text: 'Stage' },
          ]}
        />
      </nav>
    </header>
  );
}

function Views({ route, theme, frame }: { route: Route; theme: ThemeName; frame: string }) {
  const ui = useUi();
  const s = useStyles();
  const { go, session } = useShell();
  const groupKey = route.group ?? session.chairOf[0] ?? session.groups[0]?.key ?? '';
  const groupName = session.groups.find((g) => g.key === route.group)?.name;
  const backLabel = route.view === 'board' ? 'the whole plan' : route.view === 'my-actions' ? 'My actions' : (groupName ?? 'the list');
  const back = () => {
    if (history.state === null && location.hash) history.back();
    else go({ action: undefined });
  };
  let content: React.ReactNode;
  if (route.view === 'help')
    content = (
      <HelpPage
        onBack={() => {
          // Back to the view Help was opened from, if it was opened in this page.
          if (history.state?.fromView !== undefined) history.back();
          else go({ view: '', action: undefined });
        }}
      />
    );
  else if (route.action)
    content = <ActionPage key={route.action} actionRef={route.action} backLabel={backLabel} onBack={() => go({ action: undefined })} />;
  else if (route.view === 'stage' || frame === 'meetingStage') content = <StagePage groupKey={groupKey} />;
  else if (frame === 'sidePanel') content = <SidePanelPage groupKey={groupKey} />;
  else if (route.view === 'config' || frame === 'settings') content = <ConfigPage />;
  else if (route.view === 'board') content = <BoardPage theme={theme} />;
  else if (route.view === 'my-actions') content = <MyActionsPage />;
  else content = <GroupPage key={groupKey} groupKey={groupKey} />;
  void back;
  return (
    <main className={frame === 'meetingStage' || route.view === 'stage' ? undefined : frame === 'sidePanel' ? s.panel : ui.page}>
      <HelpLink current={route.view === 'help'} />
      {content}
    </main>
  );
}
