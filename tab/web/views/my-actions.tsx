// My actions (tab-design.md §2.6): the signed-in lead's actions across groups,
// those needing an update first, each updatable in place.
import { useRef, useState } from 'react';
import { Button } from '@fluentui/react-components';
import type { ActionDetail, ActionRow, MyActionsView } from '../../api/contract';
import { dueWords } from '../format';
import { RagBadge } from '../rag';
import { useHeadingFocus, useLoad, useShell } from '../shell';
import { ActionLink, ErrorBar, Loading, useUi } from '../ui';
import { UpdateForm } from './update-form';

const needsUpdate = (r: ActionRow) => r.flags.includes('not-updated-this-cycle') || r.flags.includes('overdue') || r.flags.includes('needs-review');

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
      <div className={ui.muted}>Due {dueWords(row)}</div>
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
  const { data, error } = useLoad<MyActionsView>('my-actions');
  const [rows, setRows] = useState<Record<string, ActionRow>>({});
  const h1 = useHeadingFocus<HTMLHeadingElement>(!!data);
  if (!data) return error ? <ErrorBar error={error} /> : <Loading what="your actions" />;
  const actions = data.actions.map((a) => rows[a.ref] ?? a);
  const needing = actions.filter(needsUpdate);
  const rest = actions.filter((a) => !needsUpdate(a));
  const onSaved = (d: ActionDetail) => setRows((r) => ({ ...r, [d.row.ref]: d.row }));
  return (
    <>
      <h1 className={ui.h1} ref={h1} tabIndex={-1}>
        My actions · {session.person.name}
      </h1>
      {actions.length === 0 ? (
        <p>You don't lead any actions in the plan. If that's wrong, ask the secretariat.</p>
      ) : (
        <>
          <p data-testid="my-count">{actions.length} actions</p>
          <h2 className={ui.h2}>Needs your update ({needing.length})</h2>
          <ul className={ui.list}>
            {needing.map((r) => (
              <Item key={r.ref} row={r} onSaved={onSaved} />
            ))}
          </ul>
          <h2 className={ui.h2}>Up to date ({rest.length})</h2>
          <ul className={ui.list}>
            {rest.map((r) => (
              <Item key={r.ref} row={r} onSaved={onSaved} />
            ))}
          </ul>
        </>
      )}
    </>
  );
}
