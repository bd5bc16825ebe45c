// What every view shares: the API, the signed-in session, the live region,
// navigation between client routes, and focus moving to each view's h1.
import { createContext, useCallback, useContext, useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { SessionView } from '../api/contract';
import type { Api } from './api';
import type { Host } from './host';

export interface Route {
  view: string;
  group?: string;
  /** Client route inside the page: #/action/1.1.3 */
  action?: string;
}

export interface Shell {
  api: Api;
  session: SessionView;
  host: Host;
  route: Route;
  announce(text: string): void;
  go(route: Partial<Route>): void;
  /** The ref whose row opened the detail, so Back can return focus to it. */
  cameFrom: React.MutableRefObject<string | undefined>;
  preview: 'tab' | 'sidePanel' | 'stage';
}

export const ShellContext = createContext<Shell | null>(null);

export function useShell(): Shell {
  const s = useContext(ShellContext);
  if (!s) throw new Error('outside the shell');
  return s;
}

export function readRoute(): Route {
  const q = new URLSearchParams(location.search);
  const m = /^#\/action\/(.+)$/.exec(location.hash);
  return { view: q.get('view') ?? '', group: q.get('group') ?? undefined, action: m ? decodeURIComponent(m[1]) : undefined };
}

export function routeUrl(r: Route): string {
  const q = new URLSearchParams();
  if (r.view) q.set('view', r.view);
  if (r.group) q.set('group', r.group);
  const qs = q.toString();
  return `/tab/${qs ? `?${qs}` : ''}${r.action ? `#/action/${encodeURIComponent(r.action)}` : ''}`;
}

/** A polite live region at the root, for saves, filter results and the stage position. */
export function useLiveRegion(): [string, (t: string) => void] {
  const [text, setText] = useState('');
  const announce = useCallback((t: string) => {
    // Clearing first makes a repeat of the same words heard again.
    setText('');
    setTimeout(() => setText(t), 50);
  }, []);
  return [text, announce];
}

/** Moves focus to the view's h1 when it first renders (a route change). */
export function useHeadingFocus<T extends HTMLElement>(ready: boolean, skip = false) {
  const ref = useRef<T>(null);
  useLayoutEffect(() => {
    if (ready && !skip) ref.current?.focus();
  }, [ready, skip]);
  return ref;
}

/** True when the frame (not the screen) is narrower than 600 px. */
export function useNarrow(limit = 600): boolean {
  const [narrow, setNarrow] = useState(() => window.innerWidth < limit);
  useEffect(() => {
    const q = window.matchMedia(`(max-width: ${limit - 1}px)`);
    const on = () => setNarrow(q.matches);
    q.addEventListener('change', on);
    on();
    return () => q.removeEventListener('change', on);
  }, [limit]);
  return narrow;
}

export interface Load<T> {
  data?: T;
  error?: unknown;
  loading: boolean;
  /** When the data shown arrived (ms since the epoch), and when the last refresh failed. */
  loadedAt?: number;
  failedAt?: number;
  reload(): void;
}

/**
 * Loads JSON for a view, keeping the last data while it refreshes and when a
 * refresh fails (tab-design.md §5: never blank the page). With `refreshOnReturn`
 * it refreshes when the tab is shown again (Teams keeps tabs loaded in the background).
 */
export function useLoad<T>(path: string | undefined, opts: { refreshOnReturn?: boolean } = {}): Load<T> {
  const { api } = useShell();
  const [state, setState] = useState<Omit<Load<T>, 'reload'>>({ loading: true });
  const [n, setN] = useState(0);
  const reload = useCallback(() => setN((x) => x + 1), []);
  useEffect(() => {
    if (!path) return;
    let live = true;
    setState((s) => ({ ...s, loading: true }));
    api.get<T>(path).then(
      (data) => live && setState({ data, loading: false, loadedAt: Date.now() }),
      (error) => live && setState((s) => ({ ...s, error, loading: false, failedAt: Date.now() })),
    );
    return () => {
      live = false;
    };
  }, [api, path, n]);
  const refreshOnReturn = !!opts.refreshOnReturn;
  useEffect(() => {
    if (!refreshOnReturn) return;
    const on = () => {
      if (document.visibilityState === 'visible') reload();
    };
    document.addEventListener('visibilitychange', on);
    return () => document.removeEventListener('visibilitychange', on);
  }, [refreshOnReturn, reload]);
  return { ...state, reload };
}
