// The delivery group view (tab-design.md §2.1): h1 with chair, cadence and
// next meeting → RAG counts that filter → who can't be reached → the view
// switch and filters → the list → the key.
import { useEffect, useMemo, useState } from 'react';
import { Button, Checkbox, Field, Input, MessageBar, MessageBarBody, ToggleButton } from '@fluentui/react-components';
import type { ActionFlag, ActionRow, GroupView, RagWord } from '../../api/contract';
import { formatDate } from '../format';
import { Pick } from '../pick';
import { RAG_ORDER, RagKey, RagSymbol } from '../rag';
import { useHeadingFocus, useLoad, useShell } from '../shell';
import { ActionTable, ErrorBar, Loading, RefreshStatus, useUi, ViewSwitch } from '../ui';
import { ExportPackButtons } from '../export-pack';
import { KpiCard } from './kpis';

const FLAG_FILTERS: Array<{ flag: ActionFlag; words: string }> = [
  { flag: 'overdue', words: 'Overdue' },
  { flag: 'needs-review', words: 'Needs review' },
  { flag: 'awaiting-sign-off', words: 'Awaiting sign-off' },
  { flag: 'not-updated-this-cycle', words: 'Not updated this cycle' },
  { flag: 'unassigned', words: 'Unassigned' },
];

type Tabs = 'exceptions' | 'all' | 'kpis';

export function groupHeading(v: GroupView): string {
  return `${v.group.name}`;
}

export function GroupPage({ groupKey }: { groupKey: string }) {
  const ui = useUi();
  const { announce, cameFrom, session } = useShell();
  const [since, setSince] = useState<string | undefined>(undefined);
  const path = `groups/${encodeURIComponent(groupKey)}${since ? `?changedSince=${since}` : ''}`;
  const load = useLoad<GroupView>(path, { refreshOnReturn: true });
  const { data, error } = load;
  const [tab, setTab] = useState<Tabs>('exceptions');
  const [rags, setRags] = useState<RagWord[]>([]);
  const [lead, setLead] = useState('');
  const [flags, setFlags] = useState<ActionFlag[]>([]);
  const [changedOnly, setChangedOnly] = useState(false);
  // Back from an action puts focus on its row link, not the h1.
  const returning = cameFrom.current;
  const h1 = useHeadingFocus<HTMLHeadingElement>(!!data, !!returning);
  useEffect(() => {
    if (data && returning) {
      const link = document.querySelector<HTMLElement>(`[data-ref="${CSS.escape(returning)}"]`);
      if (link) link.focus();
      else h1.current?.focus();
      cameFrom.current = undefined;
    }
  }, [data]); // eslint-disable-line react-hooks/exhaustive-deps

  const all = useMemo(() => (data ? data.outcomes.flatMap((o) => o.actions) : []), [data]);
  const keep = (r: ActionRow) =>
    (!rags.length || rags.includes(r.rag)) &&
    (!lead || r.leads.some((l) => l.key === lead)) &&
    flags.every((f) => r.flags.includes(f)) &&
    (!changedOnly || r.flags.includes('changed-since'));
  const filtering = rags.length > 0 || !!lead || flags.length > 0 || changedOnly;
  const base = tab === 'exceptions' ? (data?.exceptions ?? []) : all;
  const shown = base.filter(keep);
  const summary = `Showing ${shown.length} of ${base.length} actions`;
  useEffect(() => {
    if (data && filtering) announce(summary);
  }, [summary, filtering]); // eslint-disable-line react-hooks/exhaustive-deps

  if (!data)
    return error ? (
      <ErrorBar error={error} onRetry={load.reload} />
    ) : (
      <Loading what={session.groups.find((x) => x.key === groupKey)?.name ?? 'the delivery group'} />
    );
  const g = data.group;
  const clear = () => {
    setRags([]);
    setLead('');
    setFlags([]);
    setChangedOnly(false);
  };
  return (
    <>
      <h1 className={ui.h1} ref={h1} tabIndex={-1}>
        {groupHeading(data)}
      </h1>
      <p className={ui.muted} data-testid="group-facts">
        Priority {data.priority.ref} · {data.priority.title} · Chair: {g.chairName ?? g.chairRole} · {g.reportingText} · Next meeting{' '}
        {g.nextMeeting ? formatDate(g.nextMeeting) : 'not set'} · As at {formatDate(data.asAt.slice(0, 10))}
      </p>
      <RefreshStatus load={load} />
      <ExportPackButtons groupKey={g.key} what={g.name} />
      <div role="group" aria-label="Actions by status (press to filter)" className={ui.row} data-testid="rag-counts">
        {RAG_ORDER.map((r) => (
          <ToggleButton
            key={r}
            size="medium"
            checked={rags.includes(r)}
            icon={<RagSymbol rag={r} />}
            onClick={() => setRags(rags.includes(r) ? rags.filter((x) => x !== r) : [...rags, r])}
            data-count={r}
          >
            {r} {data.counts[r]}
          </ToggleButton>
        ))}
        <span data-testid="awaiting">{data.awaitingSignOff} awaiting sign-off</span>
        <span aria-hidden="true">·</span>
        <span data-testid="not-updated">{data.notUpdatedThisCycle} not updated this cycle</span>
      </div>
      {data.unreachable.length > 0 && (
        <MessageBar intent="warning" layout="multiline" style={{ marginTop: 12 }}>
          <MessageBarBody data-testid="unreachable">
            {data.unreachable.length === 1
              ? "1 lead can't be reached in Teams, so PlanPulse can't ask them for updates."
              : `${data.unreachable.length} leads can't be reached in Teams, so PlanPulse can't ask them for updates.`}
            <details>
              <summary style={{ minHeight: 24, cursor: 'pointer' }}>Who, and why</summary>
              <ul style={{ margin: '4px 0' }}>
                {data.unreachable.map((u) => (
                  <li key={u.key}>
                    {u.name}: {u.why}
                  </li>
                ))}
              </ul>
            </details>
          </MessageBarBody>
        </MessageBar>
      )}
      <nav aria-label="Views of this group">
        <ViewSwitch
          label="Show"
          value={tab}
          onChange={setTab}
          options={[
            { value: 'exceptions', text: `Exceptions (${data.exceptions.length})` },
            { value: 'all', text: `All actions (${all.length})` },
            { value: 'kpis', text: 'KPIs' },
          ]}
        />
      </nav>
      {tab !== 'kpis' && (
        <>
          <div role="search" aria-label="Filter the actions" className={ui.row} style={{ alignItems: 'flex-end', margin: '12px 0' }}>
            <Field label={`Changed since${data.changedSince ? ` (default ${formatDate(data.changedSince)})` : ''}`}>
              <Input type="date" value={since ?? data.changedSince ?? ''} onChange={(_, d) => setSince(d.value || undefined)} />
            </Field>
            <Checkbox label="Only changed since then" checked={changedOnly} onChange={(_, d) => setChangedOnly(!!d.checked)} />
            <Field label="Lead">
              <Pick
                testId="lead-filter"
                placeholder="Anyone"
                value={lead}
                onChange={setLead}
                options={[{ value: '', text: 'Anyone' }, ...data.leads.map((l) => ({ value: l.key, text: l.name }))]}
              />
            </Field>
            <fieldset style={{ border: 0, padding: 0, margin: 0 }}>
              <legend>Only actions that are</legend>
              <div className={ui.row}>
                {FLAG_FILTERS.map((f) => (
                  <Checkbox
                    key={f.flag}
                    label={f.words}
                    checked={flags.includes(f.flag)}
                    onChange={(_, d) => setFlags(d.checked ? [...flags, f.flag] : flags.filter((x) => x !== f.flag))}
                  />
                ))}
              </div>
            </fieldset>
          </div>
          <p className={ui.row}>
            <span data-testid="showing">{summary}</span>
            {filtering && (
              <Button size="small" appearance="subtle" onClick={clear}>
                Clear filters
              </Button>
            )}
          </p>
        </>
      )}
      {tab === 'exceptions' &&
        (shown.length ? (
          <ActionTable rows={shown} caption={`Exceptions: Red, Amber, past due or not updated (${shown.length})`} changedSince={data.changedSince} />
        ) : (
          <p>
            {filtering
              ? 'No exceptions match these filters.'
              : `No exceptions${data.changedSince ? ` since ${formatDate(data.changedSince)}` : ''}: nothing is Red, Amber, past due or without an update. See all ${all.length} actions.`}
          </p>
        ))}
      {tab === 'all' &&
        data.outcomes.map((o) => {
          const rows = o.actions.filter(keep);
          return (
            <section key={o.ref || 'actions'} aria-labelledby={`outcome-${o.ref}`}>
              <h2 className={ui.h2} id={`outcome-${o.ref}`}>
                {o.ref ? `${o.ref} ${o.text}` : 'Actions'}
              </h2>
              {o.leads.length > 0 && <p className={ui.muted}>Outcome lead: {o.leads.map((l) => l.name).join(', ')}</p>}
              {rows.length ? (
                <ActionTable rows={rows} caption={`Actions for outcome ${o.ref || ''} (${rows.length})`} changedSince={data.changedSince} />
              ) : (
                <p>No actions match these filters.</p>
              )}
            </section>
          );
        })}
      {tab === 'kpis' && <KpiCard groupKey={groupKey} title={`KPIs · Priority ${data.priority.ref}`} />}
      <RagKey />
    </>
  );
}
