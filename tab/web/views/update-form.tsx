// The update and sign-off form (tab-design.md §2.3): a Fluent form over the
// same use cases the card posts to. Validation has one source, the server:
// its 400 problems are shown word for word; a 409 shows what changed since,
// keeping everything the person typed.
import { useEffect, useRef, useState } from 'react';
import { Button, Field, Input, Link, MessageBar, MessageBarBody, MessageBarTitle, Radio, RadioGroup, Textarea } from '@fluentui/react-components';
import type { ActionDetail, ErrorBody, RagWord, SaveResult } from '../../api/contract';
import { ApiError, errorWords } from '../api';
import { formatDate, formatInstant } from '../format';
import { RAG_ORDER, RagSymbol, ragMeaning } from '../rag';
import { useShell } from '../shell';
import { useUi } from '../ui';

const MAX = 2000;
type FieldName = 'rag' | 'date' | 'commentary' | 'evidence';

function fieldOf(problem: string): FieldName {
  const p = problem.toLowerCase();
  if (p.includes('evidence')) return 'evidence';
  if (p.includes('date')) return 'date';
  if (p.includes('comment') || p.includes('what has happened') || p.includes('characters')) return 'commentary';
  return 'rag';
}

export function UpdateForm({ detail, onSaved, onCancel }: { detail: ActionDetail; onSaved: (r: SaveResult) => void; onCancel: () => void }) {
  const ui = useUi();
  const { api, announce, session } = useShell();
  const row = detail.row;
  const [rag, setRag] = useState<RagWord>(row.rag);
  const [date, setDate] = useState(row.dueDate ?? '');
  const [commentary, setCommentary] = useState('');
  const [evidence, setEvidence] = useState('');
  const [etag, setEtag] = useState(row.etag);
  const [problems, setProblems] = useState<string[]>([]);
  const [conflict, setConflict] = useState<ErrorBody | undefined>();
  const [busy, setBusy] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);
  const summary = useRef<HTMLDivElement>(null);
  const id = `u-${row.ref.replace(/\W/g, '-')}`;
  useEffect(() => heading.current?.focus(), []);
  useEffect(() => {
    if (problems.length) summary.current?.focus();
  }, [problems]);
  useEffect(() => {
    const base = document.title.replace(/^Error: /, '');
    document.title = problems.length ? `Error: ${base}` : base;
  }, [problems]);

  const completing = rag === 'Blue';
  const dateMoved = !!date && date !== row.dueDate;
  const save = async () => {
    setBusy(true);
    try {
      const r = completing
        ? await api.post<SaveResult>(`actions/${encodeURIComponent(row.ref)}/complete`, { etag, evidence })
        : await api.post<SaveResult>(`actions/${encodeURIComponent(row.ref)}/update`, {
            etag,
            rag,
            dueDate: rag === 'Red' || dateMoved ? date || undefined : undefined,
            commentary: commentary || undefined,
          });
      setProblems([]);
      setConflict(undefined);
      announce(r.message);
      onSaved(r);
    } catch (e) {
      if (e instanceof ApiError && e.status === 400) {
        setConflict(undefined);
        setProblems(e.body.problems?.length ? e.body.problems : [e.body.error]);
      } else if (e instanceof ApiError && e.status === 409) {
        // Keep what they typed; the next save goes against the current version.
        setProblems([]);
        setConflict(e.body);
        if (e.body.current) setEtag(e.body.current.row.etag);
      } else {
        setProblems([errorWords(e)]);
      }
    } finally {
      setBusy(false);
    }
  };
  const errorsFor = (f: FieldName) => problems.filter((p) => fieldOf(p) === f);
  const fieldState = (f: FieldName) => (errorsFor(f).length ? { validationState: 'error' as const, validationMessage: errorsFor(f).join(' ') } : {});
  return (
    <form
      aria-labelledby={`${id}-h`}
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
      style={{ maxWidth: 720, margin: '12px 0', display: 'grid', gap: 12 }}
    >
      <h2 className={ui.h2} id={`${id}-h`} ref={heading} tabIndex={-1}>
        Update {row.ref}
      </h2>
      {problems.length > 0 && (
        <div ref={summary} tabIndex={-1} data-testid="error-summary">
          <MessageBar intent="error" layout="multiline">
            <MessageBarBody>
              <MessageBarTitle>There is a problem</MessageBarTitle>
              <ul>
                {problems.map((p) => (
                  <li key={p}>
                    <Link
                      href={`#${id}-${fieldOf(p)}`}
                      onClick={(e) => {
                        e.preventDefault();
                        document.getElementById(`${id}-${fieldOf(p)}`)?.focus();
                      }}
                    >
                      {p}
                    </Link>
                  </li>
                ))}
              </ul>
            </MessageBarBody>
          </MessageBar>
        </div>
      )}
      {conflict && (
        <MessageBar intent="warning" layout="multiline" data-testid="conflict">
          <MessageBarBody>
            <MessageBarTitle>Changed while you were editing</MessageBarTitle>
            {(conflict.missedBy?.length ? conflict.missedBy.join(', ') : 'Someone') + ` changed ${row.ref}`}
            {conflict.current?.row.lastUpdatedAt ? ` at ${formatInstant(conflict.current.row.lastUpdatedAt)}` : ''}:{' '}
            {(conflict.missed ?? []).map((m) => `${m.field} ${m.from || 'none'} → ${m.to || 'none'}`).join('; ') || conflict.error}. Your entries are
            kept: review them and save again.
          </MessageBarBody>
        </MessageBar>
      )}
      <Field label="Status (required)" required {...fieldState('rag')}>
        <RadioGroup id={`${id}-rag`} value={rag} onChange={(_, d) => setRag(d.value as RagWord)}>
          {RAG_ORDER.filter((r) => r !== 'Blue' || row.rag !== 'Blue').map((r) => (
            <Radio
              key={r}
              value={r}
              label={
                <span style={{ display: 'inline-flex', gap: 6, alignItems: 'center' }}>
                  <RagSymbol rag={r} />
                  {r} – {r === 'Blue' ? 'completed (goes to the chair to sign off)' : ragMeaning(r)}
                  {r === row.rag ? ' (current)' : ''}
                </span>
              }
            />
          ))}
        </RadioGroup>
      </Field>
      {!completing && (
        <Field
          label={`New completion date${rag === 'Red' ? ' (required for Red)' : ' (optional)'}`}
          hint={`After today, ${formatDate(session.today)}.`}
          {...fieldState('date')}
        >
          <Input id={`${id}-date`} type="date" value={date} onChange={(_, d) => setDate(d.value)} />
        </Field>
      )}
      {!completing && (
        <Field
          label={`What has happened? ${rag === 'Amber' || rag === 'Red' || dateMoved ? '(required)' : '(optional)'}`}
          hint={`${MAX - commentary.length} characters left`}
          {...fieldState('commentary')}
        >
          <Textarea id={`${id}-commentary`} value={commentary} maxLength={MAX} resize="vertical" onChange={(_, d) => setCommentary(d.value)} />
        </Field>
      )}
      {completing && (
        <Field label="Evidence of completion (required)" hint="What shows it is done, for the chair to sign off." {...fieldState('evidence')}>
          <Textarea id={`${id}-evidence`} value={evidence} maxLength={MAX} resize="vertical" onChange={(_, d) => setEvidence(d.value)} />
        </Field>
      )}
      <div className={ui.row}>
        <Button type="submit" appearance="primary" disabled={busy}>
          {completing ? 'Report completion' : conflict ? 'Review and save again' : 'Save update'}
        </Button>
        <Button type="button" onClick={onCancel}>
          Cancel
        </Button>
      </div>
    </form>
  );
}

/** The chair's sign-off: only for actions reported complete, never by the reporter. */
export function SignOff({ detail, onSaved }: { detail: ActionDetail; onSaved: (r: SaveResult) => void }) {
  const ui = useUi();
  const { api, announce } = useShell();
  const [problem, setProblem] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);
  const sign = async () => {
    setBusy(true);
    try {
      const r = await api.post<SaveResult>(`actions/${encodeURIComponent(detail.row.ref)}/sign-off`, { etag: detail.row.etag });
      setProblem(undefined);
      announce(`${r.message}`);
      onSaved(r);
      heading.current?.focus();
    } catch (e) {
      setProblem(e instanceof ApiError && e.body.problems?.length ? e.body.problems.join(' ') : errorWords(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <section aria-labelledby="signoff-h" style={{ margin: '12px 0' }}>
      <h2 className={ui.h2} id="signoff-h" ref={heading} tabIndex={-1}>
        Chair's sign-off
      </h2>
      <p>
        Reported complete{detail.completionReportedByName ? ` by ${detail.completionReportedByName}` : ''}
        {detail.completionReportedAt ? ` on ${formatInstant(detail.completionReportedAt)}` : ''}. Evidence:{' '}
        {detail.completionEvidence ? `“${detail.completionEvidence}”` : 'None given'}
      </p>
      {problem && (
        <MessageBar intent="error" layout="multiline">
          <MessageBarBody role="alert">{problem}</MessageBarBody>
        </MessageBar>
      )}
      <Button appearance="primary" disabled={busy} onClick={() => void sign()}>
        Sign off as complete
      </Button>
    </section>
  );
}
