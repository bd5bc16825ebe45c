// The meeting side panel (compact exceptions; share to stage) and the stage
// (large type, one exception at a time, keyboard next/previous with a live
// "3 of 7"), tab-design.md §2.7–2.8.
import { useEffect, useRef, useState } from 'react';
import { Button, MessageBar, MessageBarBody, makeStyles, tokens } from '@fluentui/react-components';
import type { ActionRow, GroupView } from '../../api/contract';
import { dueWords, formatDate, formatInstant, leadNames } from '../format';
import { RagBadge } from '../rag';
import { useHeadingFocus, useLoad, useShell } from '../shell';
import { ErrorBar, Loading, useUi } from '../ui';

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
  stage: { fontSize: 'clamp(18px, 4.2vh, 28px)', lineHeight: 1.3, padding: '16px 24px', minHeight: '100vh', boxSizing: 'border-box', display: 'flex', flexDirection: 'column', gap: '12px', ':focus-visible': { outline: `3px solid ${tokens.colorStrokeFocus2}` } },
  stageTitle: { fontSize: 'clamp(20px, 5.5vh, 36px)', fontWeight: tokens.fontWeightSemibold, margin: 0 },
  stageFacts: { fontSize: 'clamp(16px, 3.2vh, 22px)', margin: 0 },
});

function clamp2(): React.CSSProperties {
  return { display: '-webkit-box', WebkitLineClamp: 2, WebkitBoxOrient: 'vertical', overflow: 'hidden' };
}

export function SidePanelPage({ groupKey }: { groupKey: string }) {
  const ui = useUi();
  const s = useStyles();
  const { host, go, cameFrom, announce } = useShell();
  const { data, error } = useLoad<GroupView>(`groups/${encodeURIComponent(groupKey)}`);
  const [canShare, setCanShare] = useState(false);
  const [shareProblem, setShareProblem] = useState<string | undefined>();
  const h1 = useHeadingFocus<HTMLHeadingElement>(!!data, !!cameFrom.current);
  useEffect(() => {
    void host.canShareToStage().then(setCanShare);
  }, [host]);
  useEffect(() => {
    if (data && cameFrom.current) {
      document.querySelector<HTMLElement>(`[data-ref="${CSS.escape(cameFrom.current)}"]`)?.focus();
      cameFrom.current = undefined;
    }
  }, [data]); // eslint-disable-line react-hooks/exhaustive-deps
  if (!data) return error ? <ErrorBar error={error} /> : <Loading what="the exceptions" />;
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
      {canShare && (
        <Button
          appearance="primary"
          size="medium"
          onClick={() =>
            host.shareToStage(`${location.origin}/tab/?view=stage&group=${encodeURIComponent(groupKey)}`).then(
              () => announce('Shared to the meeting stage.'),
              (e: Error) => setShareProblem(`Couldn't share to the meeting: ${e.message}`),
            )
          }
        >
          Share to stage
        </Button>
      )}
      {shareProblem && (
        <MessageBar intent="error">
          <MessageBarBody>{shareProblem}</MessageBarBody>
        </MessageBar>
      )}
      <h2 className={ui.h2}>To discuss ({data.exceptions.length})</h2>
      <ul className={ui.list}>{data.exceptions.map(item)}</ul>
      <h2 className={ui.h2}>Ready to sign off ({toSignOff.length})</h2>
      {toSignOff.length ? <ul className={ui.list}>{toSignOff.map(item)}</ul> : <p>Nothing is waiting for sign-off.</p>}
    </div>
  );
}

export function StagePage({ groupKey }: { groupKey: string }) {
  const s = useStyles();
  const ui = useUi();
  const { announce } = useShell();
  const { data, error } = useLoad<GroupView>(`groups/${encodeURIComponent(groupKey)}`);
  // Frozen when first loaded, so "3 of 7" cannot shift mid-meeting.
  const [list, setList] = useState<ActionRow[] | undefined>();
  const [i, setI] = useState(0);
  const root = useRef<HTMLDivElement>(null);
  const h1 = useHeadingFocus<HTMLHeadingElement>(!!list);
  useEffect(() => {
    if (data && !list) setList(data.exceptions);
  }, [data, list]);
  const n = list?.length ?? 0;
  const move = (to: number) => {
    if (!list || !n) return;
    const next = Math.max(0, Math.min(n - 1, to));
    setI(next);
    announce(`${next + 1} of ${n}: ${list[next].ref}, ${list[next].rag}`);
  };
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.altKey || e.ctrlKey || e.metaKey) return;
      const t = e.target as HTMLElement;
      if (t && (t.tagName === 'INPUT' || t.tagName === 'TEXTAREA' || t.tagName === 'SELECT')) return;
      const to = { ArrowRight: i + 1, PageDown: i + 1, ArrowLeft: i - 1, PageUp: i - 1, Home: 0, End: n - 1 }[e.key];
      if (to === undefined) return;
      e.preventDefault();
      move(to);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });
  if (!data || !list) return error ? <ErrorBar error={error} /> : <Loading what="the exceptions" />;
  const r = list[i];
  return (
    <div ref={root} className={s.stage} data-testid="stage">
      <h1 className={ui.h1} ref={h1} tabIndex={-1} style={{ fontSize: 'inherit' }}>
        {data.group.name} · exceptions{data.changedSince ? ` since ${formatDate(data.changedSince)}` : ''}
      </h1>
      {n === 0 ? (
        <p>No exceptions: nothing is Red, Amber, past due or without an update.</p>
      ) : (
        <>
          <p data-testid="stage-position" style={{ margin: 0 }}>
            {i + 1} of {n}
          </p>
          <div style={{ fontSize: '1.1em' }}>
            <RagBadge rag={r.rag} words={r.ragWords} large />
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
          <div className={ui.row} style={{ justifyContent: 'space-between', marginTop: 'auto' }}>
            <Button size="large" disabled={i === 0} onClick={() => move(i - 1)}>
              ◀ Previous
            </Button>
            <span className={ui.muted}>← → or Page Up / Page Down; Home and End</span>
            <Button size="large" disabled={i === n - 1} onClick={() => move(i + 1)}>
              Next ▶
            </Button>
          </div>
        </>
      )}
    </div>
  );
}
