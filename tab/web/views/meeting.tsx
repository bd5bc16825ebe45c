// The meeting side panel (compact exceptions; share to stage) and the stage
// (large type, one exception at a time, keyboard next/previous with a live
// "3 of 7"), tab-design.md §2.7–2.8.
import { useEffect, useRef, useState } from 'react';
import { Button, MessageBar, MessageBarActions, MessageBarBody, makeStyles, tokens } from '@fluentui/react-components';
import type { ActionRow, GroupView } from '../../api/contract';
import type { StageSharing } from '../host';
import { dueWords, formatDate, formatInstant, leadNames } from '../format';
import { RagBadge } from '../rag';
import { useHeadingFocus, useLoad, useShell } from '../shell';
import { ErrorBar, Loading, RefreshStatus, useUi } from '../ui';

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
  const { host, go, cameFrom, announce } = useShell();
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
  const shareNow = () => {
    setShare({ state: 'sharing' });
    host.shareToStage(`${location.origin}/tab/?view=stage&group=${encodeURIComponent(groupKey)}`).then(
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
      {sharing?.allowed && (
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
  // Frozen when first loaded, so "3 of 7" cannot shift mid-meeting; the
  // server's time then is when the meeting's walk through the list began.
  const [list, setList] = useState<ActionRow[] | undefined>();
  const [openedAt, setOpenedAt] = useState<string | undefined>();
  const [i, setI] = useState(0);
  const root = useRef<HTMLDivElement>(null);
  const h1 = useHeadingFocus<HTMLHeadingElement>(!!list);
  useEffect(() => {
    if (data && !list) {
      setList(data.exceptions);
      setOpenedAt(data.asAt);
    }
  }, [data, list]);
  const reloadRef = useRef(reload);
  reloadRef.current = reload;
  useEffect(() => {
    const t = setInterval(() => reloadRef.current(), STAGE_REFRESH_MS);
    return () => clearInterval(t);
  }, []);
  const n = list?.length ?? 0;
  const toSignOff = data ? data.outcomes.flatMap((o) => o.actions).filter((a) => a.flags.includes('awaiting-sign-off')).length : 0;
  const endWords = `That's all ${n} ${n === 1 ? 'exception' : 'exceptions'}.${toSignOff ? ` ${toSignOff} ${toSignOff === 1 ? 'action is' : 'actions are'} ready to sign off in the side panel.` : ''}`;
  // Positions 0 … n-1 are the exceptions; n is the end card after the last.
  const move = (to: number, end = n) => {
    if (!list || !n) return;
    const next = Math.max(0, Math.min(end, to));
    setI(next);
    reloadRef.current();
    announce(next === n ? endWords : `${next + 1} of ${n}: ${list[next].ref}, ${list[next].rag}`);
  };
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.altKey || e.ctrlKey || e.metaKey) return;
      const t = e.target as HTMLElement;
      if (t && (t.tagName === 'INPUT' || t.tagName === 'TEXTAREA' || t.tagName === 'SELECT')) return;
      // End goes to the last exception; Next from there shows the end card.
      const to = { ArrowRight: i + 1, PageDown: i + 1, ArrowLeft: i - 1, PageUp: i - 1, Home: 0, End: n - 1 }[e.key];
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
  const frozen = list[Math.min(i, n - 1)];
  // The item as it stands now, so a change made during the meeting shows.
  const r = frozen && (data.outcomes.flatMap((o) => o.actions).find((a) => a.ref === frozen.ref) ?? frozen);
  const updatedNow = !!(r?.lastUpdatedAt && openedAt && r.lastUpdatedAt > openedAt);
  const atEnd = n > 0 && i === n;
  return (
    <div ref={root} className={s.stage} data-testid="stage">
      <h1 className={ui.h1} ref={h1} tabIndex={-1} style={{ fontSize: 'inherit' }}>
        {data.group.name} · exceptions{data.changedSince ? ` since ${formatDate(data.changedSince)}` : ''}
      </h1>
      {n === 0 ? (
        <p>No exceptions: nothing is Red, Amber, past due or without an update.</p>
      ) : (
        <>
          {atEnd ? (
            <div data-testid="stage-end">
              <p className={s.stageTitle}>{endWords}</p>
              <p className={s.stageFacts}>Press Previous to go back, or Home for the first.</p>
            </div>
          ) : (
            <>
              <p data-testid="stage-position" style={{ margin: 0 }}>
                {i + 1} of {n}
              </p>
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
                {r.commentary ? `Latest update${r.lastUpdatedAt ? `, ${formatInstant(r.lastUpdatedAt)}` : ''}: “${r.commentary}”` : 'No update yet.'}
              </p>
            </>
          )}
          <div className={ui.row} style={{ justifyContent: 'space-between', marginTop: 'auto' }}>
            <Button size="large" disabled={i === 0} onClick={() => move(i - 1)}>
              ◀ Previous
            </Button>
            <span className={ui.muted}>← → or Page Up / Page Down; Home and End</span>
            <Button size="large" disabled={atEnd} onClick={() => move(i + 1)}>
              Next ▶
            </Button>
          </div>
        </>
      )}
    </div>
  );
}
