// Small shared pieces: page layout, the error bar, an action's row link, and
// tables (a native table above 600 px, a stacked list below).
import { useRef, useState } from 'react';
import {
  Button,
  Link,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  Skeleton,
  SkeletonItem,
  TableHeaderCell,
  makeStyles,
  mergeClasses,
  tokens,
} from '@fluentui/react-components';
import type { ActionRow } from '../api/contract';
import { ApiError, errorWords } from './api';
import { dueWords, formatDate, formatInstant, formatTime, leadNames } from './format';
import { sortRows, type Sort, type SortKey } from './order';
import { Flag, RagBadge } from './rag';
import { routeUrl, useNarrow, useShell, type Load } from './shell';

export const useUi = makeStyles({
  page: { padding: '16px 20px 32px', maxWidth: '1400px', boxSizing: 'border-box', color: tokens.colorNeutralForeground1 },
  h1: {
    fontSize: tokens.fontSizeBase600,
    lineHeight: tokens.lineHeightBase600,
    fontWeight: tokens.fontWeightSemibold,
    margin: '4px 0 8px',
    ':focus-visible': { outline: `2px solid ${tokens.colorStrokeFocus2}` },
  },
  h2: { fontSize: tokens.fontSizeBase500, lineHeight: tokens.lineHeightBase500, fontWeight: tokens.fontWeightSemibold, margin: '20px 0 8px' },
  muted: { color: tokens.colorNeutralForeground2 },
  table: { width: '100%', borderCollapse: 'collapse', fontSize: tokens.fontSizeBase300 },
  caption: { textAlign: 'left', fontWeight: tokens.fontWeightSemibold, padding: '8px 0' },
  th: {
    textAlign: 'left',
    verticalAlign: 'bottom',
    padding: '6px 8px',
    borderBottom: `2px solid ${tokens.colorNeutralStroke1}`,
    fontWeight: tokens.fontWeightSemibold,
  },
  td: { textAlign: 'left', verticalAlign: 'top', padding: '8px', borderBottom: `1px solid ${tokens.colorNeutralStroke2}` },
  num: { textAlign: 'right', fontVariantNumeric: 'tabular-nums' },
  list: { listStyle: 'none', padding: 0, margin: 0 },
  item: { padding: '10px 0', borderBottom: `1px solid ${tokens.colorNeutralStroke2}` },
  clamp: { display: '-webkit-box', WebkitLineClamp: 2, WebkitBoxOrient: 'vertical', overflow: 'hidden' },
  row: { display: 'flex', flexWrap: 'wrap', gap: '8px', alignItems: 'center' },
  target: { minHeight: '24px', minWidth: '24px', display: 'inline-flex', alignItems: 'center' },
  // A sortable header's button fills its cell (a 32 px target), so the cell itself has no padding.
  sortTh: { padding: 0, verticalAlign: 'bottom', borderBottom: `2px solid ${tokens.colorNeutralStroke1}`, fontWeight: tokens.fontWeightSemibold },
  sortButton: {
    width: '100%',
    minHeight: '32px',
    padding: '6px 8px',
    boxSizing: 'border-box',
    fontWeight: tokens.fontWeightSemibold,
    ':focus-visible': { outline: `2px solid ${tokens.colorStrokeFocus2}`, outlineOffset: '-2px' },
  },
});

/**
 * A column header that sorts the table: Fluent's TableHeaderCell, which sets
 * aria-sort and renders a keyboard-operable button filling the cell.
 */
function SortHeader({ label, sortKey, sort, onSort }: { label: string; sortKey: SortKey; sort?: Sort; onSort: (k: SortKey) => void }) {
  const ui = useUi();
  return (
    <TableHeaderCell
      sortable
      scope="col"
      className={ui.sortTh}
      data-sort={sortKey}
      sortDirection={sort?.key === sortKey ? sort.direction : undefined}
      button={{ className: ui.sortButton }}
      onClick={() => onSort(sortKey)}
    >
      {label}
    </TableHeaderCell>
  );
}

/**
 * The first paint while a view loads: skeleton rows, hidden from screen
 * readers, and one polite status line saying what is loading (tab-design.md §5).
 */
export function Loading({ what, rows = 5 }: { what: string; rows?: number }) {
  return (
    <div data-testid="loading">
      <p role="status" aria-live="polite">
        Loading {what}…
      </p>
      <div aria-hidden="true" data-testid="skeleton">
        <Skeleton>
          {Array.from({ length: rows }, (_, i) => (
            <div key={i} style={{ display: 'grid', gridTemplateColumns: '4em 1fr 8em', gap: 12, margin: '12px 0' }}>
              <SkeletonItem size={16} />
              <SkeletonItem size={16} />
              <SkeletonItem size={16} />
            </div>
          ))}
        </Skeleton>
      </div>
    </div>
  );
}

/**
 * A view's data state once it has data: "Updating…" while it refreshes, or,
 * when the server could not be reached, the time it tried and the time of the
 * data still shown, with Try again.
 */
export function RefreshStatus({ load }: { load: Pick<Load<unknown>, 'data' | 'error' | 'loading' | 'loadedAt' | 'failedAt' | 'reload'> }) {
  if (!load.data) return null;
  if (load.error && !load.loading && load.failedAt && (!load.loadedAt || load.failedAt > load.loadedAt)) {
    return (
      <MessageBar intent="warning" layout="multiline" data-testid="refresh-failed">
        <MessageBarBody>
          Couldn't refresh at {formatTime(load.failedAt)} – showing data from {load.loadedAt ? formatTime(load.loadedAt) : 'earlier'}.
          {/* The server answered but refused: say why, in its words. */}
          {load.error instanceof ApiError ? ` ${errorWords(load.error)}` : ''}
        </MessageBarBody>
        <MessageBarActions>
          <Button size="medium" onClick={load.reload}>
            Try again
          </Button>
        </MessageBarActions>
      </MessageBar>
    );
  }
  return (
    <p role="status" aria-live="polite" data-testid="refresh-status" style={{ margin: 0, minHeight: '1.4em' }}>
      {load.loading ? 'Updating…' : ''}
    </p>
  );
}

export function ErrorBar({ error, title, onRetry }: { error: unknown; title?: string; onRetry?: () => void }) {
  return (
    <MessageBar intent="error" layout="multiline">
      <MessageBarBody>
        {title && <MessageBarTitle>{title}</MessageBarTitle>}
        {errorWords(error)}
      </MessageBarBody>
      {onRetry && (
        <MessageBarActions>
          <Button size="medium" onClick={onRetry}>
            Try again
          </Button>
        </MessageBarActions>
      )}
    </MessageBar>
  );
}

/** The one tab stop per row: a link to the action's detail. */
export function ActionLink({ row, children }: { row: ActionRow; children?: React.ReactNode }) {
  const { route, go, cameFrom } = useShell();
  const href = routeUrl({ ...route, action: row.ref });
  return (
    <Link
      href={href}
      data-ref={row.ref}
      onClick={(e) => {
        e.preventDefault();
        cameFrom.current = row.ref;
        go({ action: row.ref });
      }}
    >
      {children ?? row.ref}
    </Link>
  );
}

function flagWords(row: ActionRow, changedSince?: string): string[] {
  const out: string[] = [];
  if (row.flags.includes('awaiting-sign-off')) out.push('Awaiting sign-off');
  if (row.flags.includes('overdue')) out.push('Date passed');
  if (row.flags.includes('not-updated-this-cycle'))
    out.push(row.lastUpdatedAt ? `No update since ${formatDate(row.lastUpdatedAt.slice(0, 10))}` : 'No update yet');
  if (row.flags.includes('unassigned')) out.push('No lead');
  if (row.flags.includes('changed-since') && row.lastUpdatedAt)
    out.push(`Changed ${formatDate(row.lastUpdatedAt.slice(0, 10)).replace(/ \d{4}$/, '')}`);
  void changedSince;
  return out;
}

/** Actions as a table (600 px and wider) or a stacked list (narrower frames). */
export function ActionTable({ rows, caption, changedSince }: { rows: ActionRow[]; caption: string; changedSince?: string }) {
  const ui = useUi();
  const narrow = useNarrow();
  const wide = !useNarrow(1024);
  // Until a header is pressed the rows keep the order they came in (exceptions: Red, then Amber…).
  const [sort, setSort] = useState<Sort | undefined>();
  const onSort = (key: SortKey) =>
    setSort((cur) => ({ key, direction: cur?.key === key && cur.direction === 'ascending' ? 'descending' : 'ascending' }));
  if (sort) rows = sortRows(rows, sort);
  if (narrow) {
    return (
      <section aria-label={caption}>
        <p className={ui.caption}>{caption}</p>
        <ul className={ui.list}>
          {rows.map((r) => (
            <li key={r.ref} className={ui.item} data-row={r.ref}>
              <div className={ui.row}>
                <RagBadge rag={r.rag} compact words={r.ragWords} />
                <ActionLink row={r} />
              </div>
              <div className={ui.clamp}>{r.text}</div>
              <div className={ui.muted}>
                {leadNames(r)} · Due {dueWords(r)}
              </div>
              <div>
                {flagWords(r, changedSince).map((f) => (
                  <Flag key={f}>{f}</Flag>
                ))}
              </div>
            </li>
          ))}
        </ul>
      </section>
    );
  }
  return (
    <table className={ui.table}>
      <caption className={ui.caption}>{caption}</caption>
      <thead>
        <tr>
          <SortHeader label="Ref" sortKey="ref" sort={sort} onSort={onSort} />
          <th scope="col" className={ui.th}>
            Action
          </th>
          {wide && (
            <th scope="col" className={ui.th}>
              Lead
            </th>
          )}
          <SortHeader label="Due" sortKey="due" sort={sort} onSort={onSort} />
          <SortHeader label="Status" sortKey="status" sort={sort} onSort={onSort} />
          {wide && (
            <th scope="col" className={ui.th}>
              Latest update
            </th>
          )}
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.ref} data-row={r.ref}>
            <th scope="row" className={ui.td} style={{ fontWeight: 'normal' }}>
              <ActionLink row={r} />
            </th>
            <td className={ui.td}>{r.text}</td>
            {wide && <td className={ui.td}>{leadNames(r)}</td>}
            <td className={ui.td}>{dueWords(r)}</td>
            <td className={ui.td}>
              <RagBadge rag={r.rag} compact={!wide} words={r.ragWords} />
              <div>
                {flagWords(r, changedSince).map((f) => (
                  <Flag key={f}>{f}</Flag>
                ))}
              </div>
            </td>
            {wide && (
              <td className={ui.td}>
                {r.commentary ? <div className={ui.clamp}>{r.commentary}</div> : <span className={ui.muted}>None yet</span>}
                {r.lastUpdatedAt && (
                  <div className={ui.muted}>
                    {formatInstant(r.lastUpdatedAt)}
                    {r.lastUpdatedByName ? ` · ${r.lastUpdatedByName}` : ''}
                  </div>
                )}
              </td>
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

const useSwitchStyles = makeStyles({
  list: { display: 'flex', flexWrap: 'wrap', gap: '4px', margin: '12px 0 4px' },
  tab: {
    minHeight: '32px',
    minWidth: '24px',
    padding: '4px 12px',
    border: 'none',
    borderBottom: '3px solid transparent',
    backgroundColor: 'transparent',
    color: tokens.colorNeutralForeground1,
    font: 'inherit',
    cursor: 'pointer',
    ':hover': { borderBottomColor: tokens.colorNeutralStroke1Hover },
    ':focus-visible': { outline: `2px solid ${tokens.colorStrokeFocus2}`, outlineOffset: '-2px' },
  },
  selected: { fontWeight: tokens.fontWeightSemibold, borderBottomColor: tokens.colorCompoundBrandStroke },
});

/**
 * A tab list for switching views: arrow keys, Home and End move between tabs,
 * one tab stop. (Fluent's TabList inserts focusable aria-hidden helpers that
 * axe rightly reports, so this is a plain ARIA tablist.)
 */
export function ViewSwitch<T extends string>({
  label,
  value,
  options,
  onChange,
  size,
}: {
  label: string;
  value: T;
  options: Array<{ value: T; text: string }>;
  onChange: (v: T) => void;
  size?: 'small';
}) {
  const s = useSwitchStyles();
  const refs = useRef<Array<HTMLButtonElement | null>>([]);
  const n = options.length;
  const onKey = (e: React.KeyboardEvent, i: number) => {
    const j = (
      { ArrowRight: (i + 1) % n, ArrowDown: (i + 1) % n, ArrowLeft: (i - 1 + n) % n, ArrowUp: (i - 1 + n) % n, Home: 0, End: n - 1 } as Record<
        string,
        number
      >
    )[e.key];
    if (j === undefined) return;
    e.preventDefault();
    refs.current[j]?.focus();
    onChange(options[j].value);
  };
  return (
    <div role="tablist" aria-label={label} className={s.list} style={size === 'small' ? { margin: 0 } : undefined}>
      {options.map((o, i) => (
        <button
          key={o.value}
          ref={(el) => {
            refs.current[i] = el;
          }}
          type="button"
          role="tab"
          aria-selected={o.value === value}
          tabIndex={o.value === value ? 0 : -1}
          className={mergeClasses(s.tab, o.value === value && s.selected)}
          onClick={() => onChange(o.value)}
          onKeyDown={(e) => onKey(e, i)}
        >
          {o.text}
        </button>
      ))}
    </div>
  );
}
