// The meeting side panel (compact exceptions; share to stage) and the stage
// (large type, one exception at a time, keyboard next/previous with a live
// "3 of 7"), tab-design.md §2.7–2.8.
import { useEffect, useRef, useState } from 'react';
import { errorWords } from '../api';
import { Button, MessageBar, MessageBarActions, MessageBarBody, makeStyles, tokens } from '@fluentui/react-components';
import type { ActionRow, GroupView } from '../../api/contract';
import type { StageSharing } from '../host';
import { dueWords, formatDate, formatInstant, leadNames } from '../format';
import { RagBadge } from '../rag';
import { useHeadingFocus, useLoad, useShell } from '../shell';
import { ErrorBar, Loading, RefreshStatus, useUi } from '../ui';
import { meetingKeyOf, useStageSync } from './stage-sync';

const useStyles = makeStyles({
  item: {
    display: 'block',
    width: '100%',
    textAlign: 'left',
    padding: '8px',
    margin: '4px 0',
    minHeight: '32px',
    border: `1px solid ${tokens.colorNeutralStroke1}`,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground1,
    color: tokens.colorNeutralForeground1,
    cursor: 'pointer',
    font: 'inherit',
    ':focus-visible': { outline: `2px solid ${tokens.colorStrokeFocus2}`, outlineOffset: '1px' },
    ':hover': { backgroundColor: tokens.colorNeutralBackground1Hover },
  },
  stage: {
    fontSize: 'clamp(18px, 4.2vh, 28px)',
    lineHeight: 1.3,
    padding: '16px 24px',
    minHeight: '100vh',
    boxSizing: 'border-box',
    display: 'flex',
    flexDirection: 'column',
    gap: '12px',
    ':focus-visible': { outline: `3px solid ${tokens.colorStrokeFocus2}` },
  },
  stageTitle: { fontSize: 'clamp(20px, 5.5vh, 36px)', fontWeight: tokens.fontWeightSemibold, margin: 0 },
  stageFacts: { fontSize: 'clamp(16px, 3.2vh, 22px)', margin: 0 },
  // A flag, not a status: neutral outline and words only (tab-design.md §3).
  stageFlag: {
    fontSize: 'clamp(16px, 3.2vh, 22px)',
    padding: '2px 10px',
    border: `1px solid ${tokens.colorNeutralStrokeAccessible}`,
    borderRadius: tokens.borderRadiusMedium,
    color: tokens.colorNeutralForeground1,
  },
});

function clamp2(): React.CSSProperties {
  return { display: '-webkit-box', WebkitLineClamp: 2, WebkitBoxOrient: 'vertical', overflow: 'hidden' };
}

export function SidePanelPage({ groupKey }: { groupKey: string }) {
  const ui = useUi();
  const s = useStyles();
  const { host, go, cameFrom, announce, api, session } = useShell();
  const load = useLoad<GroupView>(`groups/${encodeURIComponent(groupKey)}`, { refreshOnReturn: true });
  const { data, error } = load;
  const [sharing, setSharing] = useState<StageSharing | undefined>();
  const [share, setShare] = useState<{ state: 'idle' | 'sharing' | 'shared' } | { state: 'failed'; problem: string }>({ state: 'idle' });
  const problemRef = useRef<HTMLDivElement>(null);
  const h1 = useHeadingFocus<HTMLHeadingElement>(!!data, !!cameFrom.current);
  useEffect(() => {
    // Only Teams' side panel and stage may share (teams-js refuses other frames).
    if (!host.inTeams) return;
    let live = true;
    void host.canShareToStage().then((c) => live && setSharing(c));
    return () => {
      live = false;
    };
  }, [host]);
  useEffect(() => {
    if (share.state === 'failed') problemRef.current?.focus();
  }, [share]);
  // The chair and the secretariat present: the server learns who (from their token) before Teams shares,
  // so everyone's copy of the stage follows them. Anyone else Teams lets share gets a stage each moves alone.
  const mayPresent = session.chairOf.includes(groupKey) || session.person.roles.includes('secretariat');
  const meeting = meetingKeyOf(host.meetingId, host.inTeams, groupKey);
  const shareNow = () => {
    setShare({ state: 'sharing' });
    const started = mayPresent
      ? api.post('stage/start', { meeting, group: groupKey }).catch((e: unknown) => Promise.reject(new Error(errorWords(e))))
      : Promise.resolve();
    started
      .then(() =>
        host.inTeams
          ? host.shareToStage(`${location.origin}/tab/?view=stage&group=${encodeURIComponent(groupKey)}`)
          : go({ view: 'stage', group: groupKey }),
      )
      .then(
        () => {
          setShare({ state: 'shared' });
          announce('Shared to the meeting stage.');
        },
        (e: Error) => setShare({ state: 'failed', problem: e.message }),
      );
  };
  useEffect(() => {
    if (data && cameFrom.current) {
      document.querySelector<HTMLElement>(`[data-ref="${CSS.escape(cameFrom.current)}"]`)?.focus();
      cameFrom.current = undefined;
    }
  }, [data]); // eslint-disable-line react-hooks/exhaustive-deps
  if (!data) return error ? <ErrorBar error={error} onRetry={load.reload} /> : <Loading what="the exceptions" rows={3} />;
  const toSignOff = data.outcomes.flatMap((o) => o.actions).filter((a) => a.flags.includes('awaiting-sign-off'));
  const open = (r: ActionRow) => {
    cameFrom.current = r.ref;
    go({ action: r.ref });
  };
  const item = (r: ActionRow) => (
    <li key={r.ref}>
      <button
        type="button"
        className={s.item}
        data-ref={r.ref}
        aria-label={`${r.ref}, ${r.ragWords}, ${r.text}, lead ${leadNames(r)}`}
        onClick={() => open(r)}
      >
        <RagBadge rag={r.rag} compact words={r.ragWords} /> {r.ref}
        <span style={clamp2()}>{r.text}</span>
        <span className={ui.muted}>
          {leadNames(r)} · {dueWords(r)}
        </span>
      </button>
    </li>
  );
  return (
    <div data-testid="side-panel">
      <h1 className={ui.h1} ref={h1} tabIndex={-1} style={{ fontSize: 20 }}>
        {data.group.name}
        {data.changedSince ? ` · since ${formatDate(data.changedSince)}` : ''}
      </h1>
      <RefreshStatus load={load} />
      {(sharing?.allowed || (!host.inTeams && mayPresent)) && (
        <Button appearance="primary" size="medium" disabled={share.state === 'sharing'} onClick={shareNow}>
          {share.state === 'sharing' ? 'Sharing…' : 'Share to stage'}
        </Button>
      )}
      {sharing?.allowed && share.state === 'shared' && <p className={ui.muted}>Shared to the stage: everyone in the meeting sees it.</p>}
      {sharing && !sharing.allowed && (
        <p className={ui.muted} data-testid="share-unavailable">
          {sharing.why ?? "Only the meeting's organisers and presenters can share PlanPulse to the stage."}
        </p>
      )}
      {share.state === 'failed' && (
        <MessageBar intent="error" layout="multiline" data-testid="share-problem">
          <MessageBarBody ref={problemRef} tabIndex={-1}>
            {share.problem}
          </MessageBarBody>
          <MessageBarActions>
            <Button size="medium" onClick={shareNow}>
              Try again
            </Button>
          </MessageBarActions>
        </MessageBar>
      )}
      <h2 className={ui.h2}>To discuss ({data.exceptions.length})</h2>
      <ul className={ui.list}>{data.exceptions.map(item)}</ul>
      <h2 className={ui.h2}>Ready to sign off ({toSignOff.length})</h2>
      {toSignOff.length ? <ul className={ui.list}>{toSignOff.map(item)}</ul> : <p>Nothing is waiting for sign-off.</p>}
    </div>
  );
}

/** How often the stage looks for changes made during the meeting (it also looks on every move). */
const STAGE_REFRESH_MS = 30_000;

export function StagePage({ groupKey }: { groupKey: string }) {
  const s = useStyles();
  const ui = useUi();
  const { announce } = useShell();
  const { data, error, reload } = useLoad<GroupView>(`groups/${encodeURIComponent(groupKey)}`);
  const sync = useStageSync(groupKey);
  const { live, gone } = sync;
  // Without a shared stage, this copy's own list, frozen when first loaded; the
  // server's time then is when the walk through the list began.
  const [ownList, setOwnList] = useState<string[] | undefined>();
  const [openedAt, setOpenedAt] = useState<string | undefined>();
  // Where this copy is when it moves itself: the presenter, someone browsing, or no shared stage.
  const [i, setI] = useState(0);
  const [browsing, setBrowsing] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  const h1 = useHeadingFocus<HTMLHeadingElement>(!!(ownList || live));
  useEffect(() => {
    if (data && !ownList) {
      setOwnList(data.exceptions.map((r) => r.ref));
      setOpenedAt(data.asAt);
    }
  }, [data, ownList]);
  const reloadRef = useRef(reload);
  reloadRef.current = reload;
  useEffect(() => {
    const t = setInterval(() => reloadRef.current(), STAGE_REFRESH_MS);
    return () => clearInterval(t);
  }, []);
  // The shared list, once the meeting has one: the same "n of N" for everyone.
  const list: Array<string | null> | undefined = live ? live.items : ownList;
  const n = list?.length ?? 0;
  const presenting = !!live?.presenter.you && live.state === 'presenting' && !gone;
  const following = !!live && !live.presenter.you && !browsing;
  const canMove = !following;
  const pos = following || (live?.presenter.you && !presenting) ? live!.position : i;
  // The presenter starts where the meeting's stage is.
  const seeded = useRef(false);
  useEffect(() => {
    if (live?.presenter.you && !seeded.current) {
      seeded.current = true;
      setI(live.position);
    }
    // Someone else took over: presenting again later starts from where the stage is then.
    if (live && !live.presenter.you) seeded.current = false;
  }, [live]);
  const toSignOff = data ? data.outcomes.flatMap((o) => o.actions).filter((a) => a.flags.includes('awaiting-sign-off')).length : 0;
  const endWords = `That's all ${n} ${n === 1 ? 'exception' : 'exceptions'}.${toSignOff ? ` ${toSignOff} ${toSignOff === 1 ? 'action is' : 'actions are'} ready to sign off in the side panel.` : ''}`;
  const rowOf = (ref: string | null | undefined) => (ref ? data?.outcomes.flatMap((o) => o.actions).find((a) => a.ref === ref) : undefined);
  const say = (at: number) => {
    if (!list) return;
    const row = rowOf(list[at]);
    announce(at === n ? endWords : `${at + 1} of ${n}: ${list[at] ?? 'an action you cannot open'}${row ? `, ${row.rag}` : ''}`);
  };
  // Positions 0 … n-1 are the exceptions; n is the end card after the last.
  const move = (to: number) => {
    if (!list || !n || !canMove) return;
    const next = Math.max(0, Math.min(n, to));
    setI(next);
    if (presenting) sync.moveTo(next);
    reloadRef.current();
    say(next);
  };
  // A follower hears each move the presenter makes, and sees the item as it stands now.
  const heard = useRef<string | undefined>(undefined);
  useEffect(() => {
    if (!live || !following) return;
    const key = `${live.version}:${live.position}`;
    if (heard.current === undefined) {
      heard.current = key;
      return;
    }
    if (heard.current === key) return;
    const movedTo = heard.current.split(':')[1] !== String(live.position);
    heard.current = key;
    if (movedTo) {
      reloadRef.current();
      say(live.position);
    }
  });
  const ended = !!live && !live.presenter.you && (gone || live.state === 'stopped');
  const endedWords = live && (gone ? "The stage isn't being presented any more." : `${live.presenter.name} stopped presenting.`);
  const told = useRef(false);
  useEffect(() => {
    if (ended && !told.current && endedWords) {
      told.current = true;
      announce(`${endedWords} The last item shown stays on your screen.`);
    }
    if (!ended) told.current = false;
  }, [ended, endedWords, announce]);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.altKey || e.ctrlKey || e.metaKey || !canMove) return;
      const t = e.target as HTMLElement;
      if (t && (t.tagName === 'INPUT' || t.tagName === 'TEXTAREA' || t.tagName === 'SELECT')) return;
      // End goes to the last exception; Next from there shows the end card.
      const to = { ArrowRight: pos + 1, PageDown: pos + 1, ArrowLeft: pos - 1, PageUp: pos - 1, Home: 0, End: n - 1 }[e.key];
      if (to === undefined) return;
      e.preventDefault();
      move(to);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });
  if (!data || !list)
    return error ? (
      <div className={s.stage} data-testid="stage-problem">
        <h1 className={ui.h1} style={{ fontSize: 'inherit' }}>
          PlanPulse on the meeting stage
        </h1>
        <ErrorBar error={error} title="This stage can't show the group's exceptions to you" onRetry={reload} />
      </div>
    ) : (
      <Loading what="the exceptions" />
    );
  const at = Math.min(pos, n);
  const ref = list[Math.min(at, n - 1)];
  // The item as it stands now, so a change made during the meeting shows.
  const r = rowOf(ref) ?? (!live ? data.exceptions.find((x) => x.ref === ref) : undefined);
  const since = live?.startedAt ?? openedAt;
  const updatedNow = !!(r?.lastUpdatedAt && since && r.lastUpdatedAt > since);
  const atEnd = n > 0 && at === n;
  const presenterName = live?.presenter.name ?? '';
  return (
    <div ref={root} className={s.stage} data-testid="stage">
      <h1 className={ui.h1} ref={h1} tabIndex={-1} style={{ fontSize: 'inherit' }}>
        {data.group.name} · exceptions{data.changedSince ? ` since ${formatDate(data.changedSince)}` : ''}
      </h1>
      {live && (
        <div className={ui.row} data-testid="stage-sync" style={{ fontSize: 'clamp(14px, 2.6vh, 18px)' }}>
          {presenting ? (
            <span data-testid="stage-presenter">You're presenting: everyone in the meeting follows you.</span>
          ) : ended ? (
            <span data-testid="stage-ended">{endedWords} The last item shown stays here.</span>
          ) : following ? (
            <span data-testid="stage-presenter">Shown by {presenterName}</span>
          ) : browsing ? (
            <span data-testid="stage-browsing">Browsing on your own; {presenterName} is presenting.</span>
          ) : null}
          {!live.presenter.you &&
            (browsing ? (
              <Button
                size="medium"
                onClick={() => {
                  setBrowsing(false);
                  heard.current = undefined;
                  say(live.position);
                }}
              >
                Follow {presenterName} again
              </Button>
            ) : (
              <Button
                size="medium"
                onClick={() => {
                  setI(live.position);
                  setBrowsing(true);
                }}
              >
                Browse on my own
              </Button>
            ))}
        </div>
      )}
      {n === 0 ? (
        <p>No exceptions: nothing is Red, Amber, past due or without an update.</p>
      ) : (
        <>
          {atEnd ? (
            <div data-testid="stage-end">
              <p className={s.stageTitle}>{endWords}</p>
              {canMove && <p className={s.stageFacts}>Press Previous to go back, or Home for the first.</p>}
            </div>
          ) : (
            <>
              <p data-testid="stage-position" style={{ margin: 0 }}>
                {at + 1} of {n}
              </p>
              {!ref ? (
                <p className={s.stageTitle} data-testid="stage-item">
                  This one isn't among your actions, so PlanPulse shows it only to the group's chair, the secretariat and its leads.
                </p>
              ) : !r ? (
                <p className={s.stageTitle} data-testid="stage-item">
                  {ref} isn't in this group any more.
                </p>
              ) : (
                <>
                  <div style={{ fontSize: '1.1em' }} className={ui.row}>
                    <RagBadge rag={r.rag} words={r.ragWords} large />
                    {updatedNow && (
                      <span data-testid="stage-updated" className={s.stageFlag}>
                        Updated during this meeting
                      </span>
                    )}
                  </div>
                  <p className={s.stageTitle} data-testid="stage-item">
                    {r.ref} {r.text}
                  </p>
                  <p className={s.stageFacts}>
                    Lead {leadNames(r)} · Due {dueWords(r)}
                  </p>
                  <p className={s.stageFacts}>
                    {r.commentary
                      ? `Latest update${r.lastUpdatedAt ? `, ${formatInstant(r.lastUpdatedAt)}` : ''}: “${r.commentary}”`
                      : 'No update yet.'}
                  </p>
                </>
              )}
            </>
          )}
          {canMove && (
            <div className={ui.row} style={{ justifyContent: 'space-between', marginTop: 'auto' }}>
              <Button size="large" disabled={at === 0} onClick={() => move(at - 1)}>
                ◀ Previous
              </Button>
              <span className={ui.muted}>← → or Page Up / Page Down; Home and End</span>
              <Button size="large" disabled={atEnd} onClick={() => move(at + 1)}>
                Next ▶
              </Button>
            </div>
          )}
        </>
      )}
    </div>
  );
}
