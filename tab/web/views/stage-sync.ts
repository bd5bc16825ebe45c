// Everyone in a meeting sees the same stage item (tab-design.md §2.8). Each
// participant's copy asks the server where the meeting's stage is (every
// 1.5 s while the page is visible); the presenter's copy sends each move,
// one at a time, so quick key presses are never refused as stale, and says
// on its way out that it stopped presenting.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { StageState } from '../../api/contract';
import { ApiError } from '../api';
import { useShell } from '../shell';

export const STAGE_POLL_MS = 1_500;

/** The stage's key when the host gives no meeting id: local preview on this computer, or a host that did not say. */
export function meetingKeyOf(meetingId: string | undefined, inTeams: boolean, groupKey: string): string {
  return meetingId ?? (inTeams ? 'meeting-not-named-by-teams' : `local-preview:${groupKey}`);
}

export type Live = Extract<StageState, { state: 'presenting' | 'stopped' }>;

export interface StageSync {
  /** The session as last seen live; kept when it stops or is gone, so followers keep the item. */
  live?: Live;
  /** The server no longer has it (expired, restarted, or another group shared). */
  gone: boolean;
  /** The presenter's copy: send a move to `position`. */
  moveTo(position: number): void;
}

export function useStageSync(groupKey: string): StageSync {
  const { api, host } = useShell();
  const meeting = meetingKeyOf(host.meetingId, host.inTeams, groupKey);
  const [live, setLive] = useState<Live | undefined>();
  const [gone, setGone] = useState(false);
  const liveRef = useRef<Live | undefined>(undefined);
  const adopt = useCallback((s: StageState) => {
    if (s.state === 'none') {
      setGone(!!liveRef.current);
      return;
    }
    setGone(false);
    const was = liveRef.current;
    if (was && was.version === s.version && was.state === s.state && was.presenter.you === s.presenter.you) return;
    liveRef.current = s;
    setLive(s);
  }, []);
  const query = `stage?meeting=${encodeURIComponent(meeting)}&group=${encodeURIComponent(groupKey)}`;
  useEffect(() => {
    let stop = false;
    const poll = () => {
      if (stop || document.visibilityState === 'hidden') return;
      api.get<StageState>(query).then(
        (s) => !stop && adopt(s),
        () => undefined, // keep what is shown; the next poll tries again
      );
    };
    poll();
    const t = setInterval(poll, STAGE_POLL_MS);
    document.addEventListener('visibilitychange', poll);
    return () => {
      stop = true;
      clearInterval(t);
      document.removeEventListener('visibilitychange', poll);
    };
  }, [api, query, adopt]);

  // The presenter's moves, sent one at a time, each against the version the last one returned.
  const want = useRef<number | undefined>(undefined);
  const sending = useRef(false);
  const push = useCallback(async () => {
    if (sending.current) return;
    sending.current = true;
    try {
      for (let tries = 0; tries < 5; tries++) {
        const s = liveRef.current;
        if (!s || !s.presenter.you || want.current === undefined || want.current === s.position) break;
        try {
          adopt(await api.post<StageState>('stage/move', { meeting, group: groupKey, version: s.version, position: want.current }));
        } catch (e) {
          if (e instanceof ApiError && e.status === 409 && e.body.stage) adopt(e.body.stage);
          else break;
        }
      }
    } finally {
      sending.current = false;
    }
  }, [api, meeting, groupKey, adopt]);
  const moveTo = useCallback(
    (position: number) => {
      want.current = position;
      void push();
    },
    [push],
  );

  // The presenter's copy came back to a stage it had stopped (a reload, Help and back): present again.
  const resumed = useRef(false);
  useEffect(() => {
    if (live?.presenter.you && live.state === 'stopped' && !resumed.current) {
      resumed.current = true;
      api.post<StageState>('stage/start', { meeting, group: groupKey }).then(adopt, () => undefined);
    }
  }, [live, api, meeting, groupKey, adopt]);

  // Leaving: tell the followers, who keep the item and say the presenter stopped.
  useEffect(() => {
    const stop = () => {
      const s = liveRef.current;
      if (s?.presenter.you && s.state === 'presenting')
        void api.post('stage/stop', { meeting, group: groupKey }, { keepalive: true }).catch(() => undefined);
    };
    window.addEventListener('pagehide', stop);
    return () => {
      window.removeEventListener('pagehide', stop);
      stop();
    };
  }, [api, meeting, groupKey]);

  return { live, gone, moveTo };
}
