// My actions (tab-design.md §2.6): the signed-in lead's actions across groups,
// an h2 per delivery group, most urgent first within each, each updatable in place.
import { useRef, useState } from 'react';
import { Button } from '@fluentui/react-components';
import type { ActionDetail, ActionRow, MyActionsView } from '../../api/contract';
import { dueWords } from '../format';
import { RagBadge } from '../rag';
import { mostUrgentFirst, needsUpdate } from '../order';
import { useHeadingFocus, useLoad, useShell } from '../shell';
import { ActionLink, ErrorBar, Loading, RefreshStatus, useUi } from '../ui';
import { UpdateForm } from './update-form';

function Item({ row, onSaved }: { row: ActionRow; onSaved: (d: ActionDetail) => void }) {
  const ui = useUi();
  const { api } = useShell();
  const [detail, setDetail] = useState<ActionDetail | undefined>();
  const [saved, setSaved] = useState<string | undefined>();
  const heading = useRef<HTMLHeadingElement>(null);
  return (
    <li className={ui.item} data-row={row.ref}>
      <h3 ref={heading} tabIndex={-1} style={{ margin: '0 0 4px', fontSize: 16 }}>
        <span className={ui.row}>
          <RagBadge rag={row.rag} compact words={row.ragWords} />
          <ActionLink row={row} />
        </span>
      </h3>
      <div>{row.text}</div>
      <div className={ui.muted}>
        Due {dueWords(row)}
        {needsUpdate(row) ? ' · Needs your update' : ''}
      </div>
      {saved && <p>{saved}</p>}
      {detail ? (
        <UpdateForm
          detail={detail}
          onCancel={() => setDetail(undefined)}
          onSaved={(r) => {
            setDetail(undefined);
            setSaved(r.message);
            onSaved(r.saved);
            heading.current?.focus();
          }}
        />
      ) : (
        row.canUpdate && (
          <Button onClick={() => api.get<ActionDetail>(`actions/${encodeURIComponent(row.ref)}`).then(setDetail)} aria-label={`Update ${row.ref}`}>
            Update
          </Button>
        )
      )}
    </li>
  );
}

export function MyActionsPage() {
  const ui = useUi();
  const { session } = useShell();
  const load = useLoad<MyActionsView>('my-actions', { refreshOnReturn: true });
  const { data, error } = load;
  const [rows, setRows] = useState<Record<string, ActionRow>>({});
  const h1 = useHeadingFocus<HTMLHeadingElement>(!!data);
  if (!data) return error ? <ErrorBar error={error} onRetry={load.reload} /> : <Loading what="your actions" />;
  const fresh = (a: ActionRow) => rows[a.ref] ?? a;
  const actions = data.actions.map(fresh);
  const needing = actions.filter(needsUpdate);
  // An h2 per delivery group, in the plan's priority order; most urgent first within each.
  const groups = session.groups.map((g) => ({ key: g.key, name: g.name, refs: new Set([g.priorityRef]) }));
  const sections = groups
    // Ordered by the data as loaded, so a save does not move the item (and its focus) under the user.
    .map((g) => ({ ...g, rows: mostUrgentFirst(data.actions.filter((a) => g.refs.has(a.priorityRef))).map(fresh) }))
    .filter((g) => g.rows.length > 0);
  const placed = new Set(sections.flatMap((g) => g.rows.map((r) => r.ref)));
  const elsewhere = mostUrgentFirst(data.actions.filter((a) => !placed.has(a.ref))).map(fresh);
  if (elsewhere.length) sections.push({ key: '', name: 'Other actions', refs: new Set(), rows: elsewhere });
  const onSaved = (d: ActionDetail) => setRows((r) => ({ ...r, [d.row.ref]: d.row }));
  return (
    <>
      <h1 className={ui.h1} ref={h1} tabIndex={-1}>
        My actions · {session.person.name}
      </h1>
      <RefreshStatus load={load} />
      {actions.length === 0 ? (
        <p>You don't lead any actions in the plan. If that's wrong, ask the secretariat.</p>
      ) : (
        <>
          <p data-testid="my-count">{actions.length} actions</p>
          <p data-testid="my-summary">
            {needing.length} {needing.length === 1 ? 'needs' : 'need'} your update, in {sections.length} delivery{' '}
            {sections.length === 1 ? 'group' : 'groups'}. Most urgent first in each group.
          </p>
          {sections.map((g) => (
            <section key={g.key || 'other'} aria-labelledby={`group-${g.key || 'other'}`} data-group={g.key}>
              <h2 className={ui.h2} id={`group-${g.key || 'other'}`}>
                {g.name} ({g.rows.length})
              </h2>
              <ul className={ui.list}>
                {g.rows.map((r) => (
                  <Item key={r.ref} row={r} onSaved={onSaved} />
                ))}
              </ul>
            </section>
          ))}
        </>
      )}
    </>
  );
}
