// The KPI score card (tab-design.md §2.4): baseline and targets as the plan
// words them, dated measurements, the latest against the trajectory in words;
// chairs and the secretariat record a measurement.
import { useState } from 'react';
import { Button, Field, Input, MessageBar, MessageBarBody, Textarea } from '@fluentui/react-components';
import type { KpiRow, KpiView, MeasurementRequest } from '../../api/contract';
import { ApiError, errorWords } from '../api';
import { formatDate } from '../format';
import { RagSymbol } from '../rag';
import { useLoad, useShell } from '../shell';
import { ErrorBar, Loading, useUi } from '../ui';

const TRAJECTORY_SYMBOL = { 'on-track': 'Green', behind: 'Amber', 'not-measured': 'Grey', 'no-target': 'Grey' } as const;

function Trajectory({ k }: { k: KpiRow }) {
  return (
    <span style={{ display: 'inline-flex', gap: 4, alignItems: 'center' }}>
      <RagSymbol rag={TRAJECTORY_SYMBOL[k.trajectory.status]} />
      {k.trajectory.words}
    </span>
  );
}

function RecordForm({ k, onSaved }: { k: KpiRow; onSaved: () => void }) {
  const { api, announce, session } = useShell();
  const [value, setValue] = useState('');
  const [on, setOn] = useState(session.today);
  const [note, setNote] = useState('');
  const [problems, setProblems] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const save = async () => {
    setBusy(true);
    try {
      const body: MeasurementRequest = { measuredOn: on, value, note: note || undefined };
      await api.post(`kpis/${encodeURIComponent(k.ref)}/measurements`, body);
      announce(`Recorded ${value} for ${k.ref} on ${formatDate(on)}.`);
      setProblems([]);
      onSaved();
    } catch (e) {
      setProblems(e instanceof ApiError && e.body.problems?.length ? e.body.problems : [errorWords(e)]);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form
      aria-label={`Record a measurement for ${k.ref}`}
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
      style={{ display: 'flex', flexWrap: 'wrap', gap: 8, alignItems: 'flex-end', margin: '8px 0' }}
    >
      {problems.length > 0 && (
        <MessageBar intent="error" layout="multiline" style={{ width: '100%' }}>
          <MessageBarBody role="alert">{problems.join(' ')}</MessageBarBody>
        </MessageBar>
      )}
      <Field label="Value (required)" required>
        <Input value={value} onChange={(_, d) => setValue(d.value)} />
      </Field>
      <Field label="Measured on (required)" required>
        <Input type="date" value={on} onChange={(_, d) => setOn(d.value)} />
      </Field>
      <Field label="Note (optional)">
        <Textarea value={note} onChange={(_, d) => setNote(d.value)} />
      </Field>
      <Button type="submit" appearance="primary" disabled={busy}>
        Record
      </Button>
    </form>
  );
}

export function KpiCard({ groupKey, title }: { groupKey?: string; title: string }) {
  const ui = useUi();
  const { data, error, reload } = useLoad<KpiView>(`kpis${groupKey ? `?group=${encodeURIComponent(groupKey)}` : ''}`);
  const [open, setOpen] = useState<string | undefined>();
  if (!data) return error ? <ErrorBar error={error} /> : <Loading what="the KPIs" />;
  return (
    <section aria-labelledby="kpi-heading">
      <h2 className={ui.h2} id="kpi-heading">
        {title} ({data.kpis.length})
      </h2>
      {data.kpis.length === 0 ? (
        <p>This group has no KPIs in the plan.</p>
      ) : (
        <table className={ui.table} data-testid="kpi-table">
          <caption className={ui.caption}>KPI score card</caption>
          <thead>
            <tr>
              <th scope="col" className={ui.th}>
                Ref
              </th>
              <th scope="col" className={ui.th}>
                KPI
              </th>
              <th scope="col" className={ui.th}>
                Baseline
              </th>
              <th scope="col" className={ui.th}>
                Targets (3, 6, 12 months)
              </th>
              <th scope="col" className={ui.th}>
                Latest
              </th>
              <th scope="col" className={ui.th}>
                Against trajectory
              </th>
            </tr>
          </thead>
          <tbody>
            {data.kpis.map((k) => (
              <tr key={k.ref} data-kpi={k.ref}>
                <th scope="row" className={ui.td} style={{ fontWeight: 'normal' }}>
                  {k.ref}
                </th>
                <td className={ui.td}>
                  {k.description}
                  {k.measurements.length > 0 && (
                    <details>
                      <summary className={ui.target}>Measurements ({k.measurements.length})</summary>
                      <ul>
                        {k.measurements.map((m) => (
                          <li key={`${m.measuredOn}-${m.value}`}>
                            {formatDate(m.measuredOn)}: {m.value}
                            {m.note ? ` – ${m.note}` : ''} ({m.recordedByName})
                          </li>
                        ))}
                      </ul>
                    </details>
                  )}
                  {k.canRecord &&
                    (open === k.ref ? (
                      <RecordForm
                        k={k}
                        onSaved={() => {
                          setOpen(undefined);
                          reload();
                        }}
                      />
                    ) : (
                      <div>
                        <Button size="small" onClick={() => setOpen(k.ref)} aria-label={`Record a measurement for ${k.ref}`}>
                          Record a measurement
                        </Button>
                      </div>
                    ))}
                </td>
                <td className={ui.td}>{k.baseline || 'None'}</td>
                <td className={ui.td}>
                  {k.target3m || 'None'} · {k.target6m || 'None'} · {k.target12m || 'None'}
                </td>
                <td className={ui.td}>{k.latest ? `${k.latest.value} · ${formatDate(k.latest.measuredOn)}` : 'Not measured yet'}</td>
                <td className={ui.td}>
                  <Trajectory k={k} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
