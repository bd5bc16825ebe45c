// One action's whole story (tab-design.md §2.2): full text → status → the
// buttons this person may use → key facts → the slippage ledger → history.
import { useEffect, useState } from 'react';
import { Button, Link, makeStyles, tokens } from '@fluentui/react-components';
import type { ActionDetail } from '../../api/contract';
import { dueWords, formatDate, formatInstant, leadNames } from '../format';
import { RagBadge } from '../rag';
import { routeUrl, useHeadingFocus, useLoad, useShell } from '../shell';
import { ErrorBar, Loading, useUi } from '../ui';
import { SignOff, UpdateForm } from './update-form';
import { ApiError } from '../api';

const useStyles = makeStyles({
  dl: {
    display: 'grid',
    gridTemplateColumns: 'minmax(8em, max-content) 1fr',
    gap: '6px 16px',
    margin: '12px 0',
    '@media (max-width: 599px)': { gridTemplateColumns: '1fr' },
  },
  dt: { fontWeight: tokens.fontWeightSemibold },
  dd: { margin: 0, whiteSpace: 'pre-wrap' },
});

function monthsBetween(a: string, b: string): number {
  const [ya, ma] = a.split('-').map(Number);
  const [yb, mb] = b.split('-').map(Number);
  return (yb - ya) * 12 + (mb - ma);
}

export function ActionPage({ actionRef, backLabel, onBack }: { actionRef: string; backLabel: string; onBack: () => void }) {
  const ui = useUi();
  const s = useStyles();
  const { route } = useShell();
  const { data: loaded, error } = useLoad<ActionDetail>(`actions/${encodeURIComponent(actionRef)}`);
  const [detail, setDetail] = useState<ActionDetail | undefined>();
  const [editing, setEditing] = useState(false);
  useEffect(() => setDetail(loaded), [loaded]);
  const h1 = useHeadingFocus<HTMLHeadingElement>(!!detail);
  const back = (
    <Link
      href={routeUrl({ ...route, action: undefined })}
      onClick={(e) => {
        e.preventDefault();
        onBack();
      }}
    >
      ← Back to {backLabel}
    </Link>
  );
  if (!detail) {
    if (error instanceof ApiError && error.status === 404)
      return (
        <>
          {back}
          <h1 className={ui.h1}>Action {actionRef} isn't in the plan any more</h1>
        </>
      );
    return error ? (
      <>
        {back}
        <ErrorBar error={error} />
      </>
    ) : (
      <Loading what={`action ${actionRef}`} />
    );
  }
  const row = detail.row;
  const first = detail.slippage[0]?.date;
  return (
    <>
      {back}
      <h1 className={ui.h1} ref={h1} tabIndex={-1}>
        {row.ref} {row.text}
      </h1>
      <p data-testid="action-status">
        <RagBadge rag={row.rag} words={row.ragWords} />
      </p>
      {row.reviewMessages.length > 0 && <p>{row.reviewMessages.join(' ')}</p>}
      {row.canUpdate && !editing && (
        <Button appearance="primary" onClick={() => setEditing(true)}>
          Update
        </Button>
      )}
      {editing && (
        <UpdateForm
          detail={detail}
          onSaved={(r) => {
            setDetail(r.saved);
            setEditing(false);
            h1.current?.focus();
          }}
          onCancel={() => setEditing(false)}
        />
      )}
      {row.canSignOff && <SignOff detail={detail} onSaved={(r) => setDetail(r.saved)} />}
      <dl className={s.dl}>
        <dt className={s.dt}>Priority</dt>
        <dd className={s.dd}>
          {detail.priority.ref} {detail.priority.title}
        </dd>
        {detail.outcome && (
          <>
            <dt className={s.dt}>Outcome</dt>
            <dd className={s.dd}>
              {detail.outcome.ref} {detail.outcome.text}
            </dd>
          </>
        )}
        <dt className={s.dt}>Leads</dt>
        <dd className={s.dd}>
          {leadNames(row)}
          {detail.delegateName ? ` · delegate ${detail.delegateName}` : ''}
        </dd>
        <dt className={s.dt}>Due</dt>
        <dd className={s.dd}>{dueWords(row)}</dd>
        <dt className={s.dt}>Last update</dt>
        <dd className={s.dd}>
          {row.lastUpdatedAt ? `${formatInstant(row.lastUpdatedAt)}${row.lastUpdatedByName ? ` by ${row.lastUpdatedByName}` : ''}` : 'None yet'}
        </dd>
        <dt className={s.dt}>Commentary</dt>
        <dd className={s.dd}>{row.commentary || 'None yet'}</dd>
        <dt className={s.dt}>Evidence</dt>
        <dd className={s.dd}>{detail.completionEvidence || 'None yet'}</dd>
        {detail.signedOffAt && (
          <>
            <dt className={s.dt}>Signed off</dt>
            <dd className={s.dd}>
              {formatInstant(detail.signedOffAt)}
              {detail.signedOffByName ? ` by ${detail.signedOffByName}` : ''}
            </dd>
          </>
        )}
      </dl>
      <table className={ui.table} data-testid="slippage">
        <caption className={ui.caption}>Completion date changes</caption>
        <thead>
          <tr>
            <th scope="col" className={ui.th}>
              Due date
            </th>
            <th scope="col" className={ui.th}>
              Set by
            </th>
            <th scope="col" className={ui.th}>
              On
            </th>
            <th scope="col" className={ui.th}>
              Why
            </th>
            <th scope="col" className={`${ui.th} ${ui.num}`}>
              Later than planned
            </th>
          </tr>
        </thead>
        <tbody>
          {detail.slippage.length === 0 && (
            <tr>
              <td className={ui.td} colSpan={5}>
                No date in the plan{row.dueNote ? `: ${row.dueNote}` : ''}.
              </td>
            </tr>
          )}
          {detail.slippage.map((e, i) => (
            <tr key={i}>
              <th scope="row" className={ui.td} style={{ fontWeight: 'normal' }}>
                {formatDate(e.date)}
                {e.fromPlan ? ' (from the plan)' : ''}
              </th>
              <td className={ui.td}>{e.fromPlan ? 'the plan' : e.byName}</td>
              <td className={ui.td}>{e.at ? formatDate(e.at.slice(0, 10)) : 'Not recorded'}</td>
              <td className={ui.td}>{e.why || 'Not given'}</td>
              <td className={`${ui.td} ${ui.num}`}>{first && !e.fromPlan ? `${monthsBetween(first, e.date)} months` : 'None'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2 className={ui.h2}>History (newest first)</h2>
      {detail.history.length === 0 ? (
        <p>No changes yet.</p>
      ) : (
        <ol reversed data-testid="history">
          {[...detail.history]
            .sort((a, b) => b.at.localeCompare(a.at))
            .map((h, i) => (
              <li key={i} style={{ marginBottom: 6 }}>
                {formatInstant(h.at)} · {h.byName} · {h.sourceWords}:{' '}
                {h.changes.length ? h.changes.map((c) => `${c.field} ${c.from || 'none'} → ${c.to || 'none'}`).join('; ') : h.kind}
                {h.comment ? `; “${h.comment}”` : ''}
              </li>
            ))}
        </ol>
      )}
    </>
  );
}
