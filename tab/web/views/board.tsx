// The board (tab-design.md §2.5): every priority side by side in a table, an
// SVG RAG chart per priority with the same numbers in words, and the month-on-
// month trend from the frozen month-end snapshots, changes as signed numbers
// against a chosen month, and the Red actions the viewer may see.
import { useState } from 'react';
import { Button, Field, Select } from '@fluentui/react-components';
import { monthEnd } from '../../../core/snapshots';
import type { BoardView, RagCounts, RagWord } from '../../api/contract';
import { dueWords, formatDate, formatMonth, leadNames } from '../format';
import { RAG_ORDER, RagBadge } from '../rag';
import { useHeadingFocus, useLoad, useShell } from '../shell';
import { ActionLink, ErrorBar, Loading, RefreshStatus, useUi } from '../ui';
import { changeOf, changeSentence, signed } from '../trend-words';
import type { ThemeName } from '../host';
import { ExportPackButtons } from '../export-pack';

const FILL: Record<ThemeName, Record<RagWord, string>> = {
  light: { Blue: '#0078d4', Green: '#107c10', Amber: '#eaa300', Red: '#d13438', Grey: '#616161' },
  dark: { Blue: '#5caae5', Green: '#54b054', Amber: '#eaa300', Red: '#e37d80', Grey: '#adadad' },
  contrast: { Blue: '#000000', Green: '#000000', Amber: '#000000', Red: '#000000', Grey: '#000000' },
};
const LABEL: Record<ThemeName, Record<RagWord, string>> = {
  light: { Blue: '#ffffff', Green: '#ffffff', Amber: '#242424', Red: '#ffffff', Grey: '#ffffff' },
  dark: { Blue: '#000000', Green: '#000000', Amber: '#000000', Red: '#000000', Grey: '#000000' },
  contrast: { Blue: '#ffffff', Green: '#ffffff', Amber: '#ffffff', Red: '#ffffff', Grey: '#ffffff' },
};

const total = (c: RagCounts) => RAG_ORDER.reduce((n, r) => n + c[r], 0);
const inWords = (c: RagCounts) => RAG_ORDER.map((r) => `${c[r]} ${r}`).join(', ');

/** One horizontal stacked bar; role="img" with the numbers in its title and desc. */
export function RagBar({ id, title, counts, theme }: { id: string; title: string; counts: RagCounts; theme: ThemeName }) {
  const width = 300;
  const n = total(counts) || 1;
  let x = 0;
  return (
    <svg
      role="img"
      aria-labelledby={`${id}-t ${id}-d`}
      width="100%"
      height="28"
      viewBox={`0 0 ${width} 28`}
      preserveAspectRatio="none"
      style={{ maxWidth: width }}
    >
      <title id={`${id}-t`}>{title}</title>
      <desc id={`${id}-d`}>{inWords(counts)}</desc>
      {RAG_ORDER.filter((r) => counts[r] > 0).map((r) => {
        const w = Math.max((counts[r] / n) * width - 2, 1);
        const seg = (
          <g key={r} aria-hidden="true">
            <rect
              x={x}
              y={2}
              width={w}
              height={24}
              fill={FILL[theme][r]}
              stroke={theme === 'contrast' ? '#ffffff' : r === 'Amber' && theme === 'light' ? '#835b00' : 'none'}
            />
            {w > 18 && (
              <text x={x + w / 2} y={19} textAnchor="middle" fontSize="12" fill={LABEL[theme][r]}>
                {counts[r]}
              </text>
            )}
          </g>
        );
        x += w + 2;
        return seg;
      })}
    </svg>
  );
}

/** Stacked columns, one per month, on a shared scale. */
function TrendChart({
  id,
  title,
  months,
  max,
  theme,
}: {
  id: string;
  title: string;
  months: Array<{ month: string; counts: RagCounts }>;
  max: number;
  theme: ThemeName;
}) {
  const colW = 36;
  const h = 120;
  const first = months[0];
  const last = months[months.length - 1];
  const sentence = `${title}: Red ${first.counts.Red === last.counts.Red ? 'stayed at' : first.counts.Red < last.counts.Red ? 'rose from' : 'fell from'} ${first.counts.Red}${first.counts.Red === last.counts.Red ? '' : ` to ${last.counts.Red}`} between ${formatMonth(first.month)} and ${formatMonth(last.month)}. ${months.map((m) => `${formatMonth(m.month)}: ${inWords(m.counts)}`).join('. ')}.`;
  return (
    <svg role="img" aria-labelledby={`${id}-t ${id}-d`} width={months.length * (colW + 8) + 8} height={h + 20}>
      <title id={`${id}-t`}>{title}</title>
      <desc id={`${id}-d`}>{sentence}</desc>
      {months.map((m, i) => {
        let y = h;
        return (
          <g key={m.month} aria-hidden="true">
            {RAG_ORDER.slice()
              .reverse()
              .filter((r) => m.counts[r] > 0)
              .map((r) => {
                const hh = Math.max((m.counts[r] / (max || 1)) * (h - 4) - 2, 1);
                y -= hh + 2;
                return (
                  <rect
                    key={r}
                    x={8 + i * (colW + 8)}
                    y={y}
                    width={colW}
                    height={hh}
                    fill={FILL[theme][r]}
                    stroke={theme === 'contrast' ? '#ffffff' : 'none'}
                  />
                );
              })}
            <text x={8 + i * (colW + 8) + colW / 2} y={h + 14} textAnchor="middle" fontSize="12" fill="currentColor">
              {formatMonth(m.month).slice(0, 3)}
            </text>
          </g>
        );
      })}
    </svg>
  );
}

export function BoardPage({ theme }: { theme: ThemeName }) {
  const ui = useUi();
  const load = useLoad<BoardView>('board', { refreshOnReturn: true });
  const { data, error } = load;
  const h1 = useHeadingFocus<HTMLHeadingElement>(!!data);
  const [showTrendTable, setShowTrendTable] = useState(true);
  const [comparedWith, setComparedWith] = useState<string | undefined>();
  useShell();
  if (!data) return error ? <ErrorBar error={error} onRetry={load.reload} /> : <Loading what="the whole plan" />;
  const max = Math.max(1, ...data.trend.flatMap((t) => Object.values(t.byPriority).map(total)));
  // Changes are against a month-end snapshot: the latest, unless another is chosen.
  const then = data.trend.find((t) => t.month === comparedWith) ?? data.trend[data.trend.length - 1];
  const thenWords = then ? formatDate(monthEnd(then.month)) : '';
  const change = (now: RagCounts, before: RagCounts | undefined, r: RagWord) =>
    then ? <span data-change={r}> ({signed(changeOf(now, before ?? { Grey: 0, Blue: 0, Green: 0, Amber: 0, Red: 0 })[r])})</span> : null;
  return (
    <>
      <h1 className={ui.h1} ref={h1} tabIndex={-1}>
        The whole plan · as at {formatDate(data.asAt.slice(0, 10))}
      </h1>
      <ExportPackButtons what="the whole plan" />
      <RefreshStatus load={load} />
      {then && (
        <>
          <Field label="Compared with the month-end snapshot of" style={{ maxWidth: '24em' }}>
            <Select value={then.month} onChange={(_, d) => setComparedWith(d.value)} data-testid="compared-with">
              {[...data.trend].reverse().map((t) => (
                <option key={t.month} value={t.month}>
                  {formatDate(monthEnd(t.month))}
                </option>
              ))}
            </Select>
          </Field>
          <p data-testid="change-sentence">{changeSentence(data.totals, then.counts, thenWords)}</p>
        </>
      )}
      <table className={ui.table} data-testid="board-table">
        <caption className={ui.caption}>Actions by status, per priority{then ? `, with the change since ${thenWords} in brackets` : ''}</caption>
        <thead>
          <tr>
            <th scope="col" className={ui.th}>
              Priority
            </th>
            {RAG_ORDER.map((r) => (
              <th key={r} scope="col" className={`${ui.th} ${ui.num}`}>
                {r}
              </th>
            ))}
            <th scope="col" className={`${ui.th} ${ui.num}`}>
              Total
            </th>
            <th scope="col" className={`${ui.th} ${ui.num}`}>
              Exceptions
            </th>
          </tr>
        </thead>
        <tbody>
          {data.priorities.map((p) => (
            <tr key={p.ref} data-priority={p.ref}>
              <th scope="row" className={ui.td} style={{ fontWeight: 'normal' }}>
                {p.ref} {p.title}
                {p.groupName !== p.title && !p.title.startsWith(p.groupName) ? <span className={ui.muted}> ({p.groupName})</span> : null}
              </th>
              {RAG_ORDER.map((r) => (
                <td key={r} className={`${ui.td} ${ui.num}`}>
                  <span data-cell={r}>{p.counts[r]}</span>
                  {change(p.counts, then?.byPriority[p.ref], r)}
                </td>
              ))}
              <td className={`${ui.td} ${ui.num}`} data-cell="total">
                {p.total}
              </td>
              <td className={`${ui.td} ${ui.num}`}>{p.exceptions}</td>
            </tr>
          ))}
          <tr data-priority="all">
            <th scope="row" className={ui.td}>
              Whole plan
            </th>
            {RAG_ORDER.map((r) => (
              <td key={r} className={`${ui.td} ${ui.num}`}>
                <span data-cell={r}>{data.totals[r]}</span>
                {change(data.totals, then?.counts, r)}
              </td>
            ))}
            <td className={`${ui.td} ${ui.num}`} data-cell="total">
              {total(data.totals)}
            </td>
            <td className={ui.td} />
          </tr>
        </tbody>
      </table>
      <h2 className={ui.h2}>Status mix per priority</h2>
      <ul className={ui.list} style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(260px, 1fr))', gap: 16 }}>
        {data.priorities.map((p) => (
          <li key={p.ref}>
            <div>
              {p.ref} {p.title}
            </div>
            <RagBar id={`bar-${p.ref}`} title={`Priority ${p.ref} ${p.title}: ${p.total} actions`} counts={p.counts} theme={theme} />
          </li>
        ))}
      </ul>
      <h2 className={ui.h2}>Month by month</h2>
      {data.trend.length === 0 ? (
        <p data-testid="trend-empty">The trend starts after the first month-end snapshot.</p>
      ) : (
        <>
          <Button size="small" onClick={() => setShowTrendTable(!showTrendTable)} aria-expanded={showTrendTable}>
            {showTrendTable ? 'Hide the numbers table' : 'Show the numbers as a table'}
          </Button>
          {showTrendTable && (
            <table className={ui.table} data-testid="trend-table">
              <caption className={ui.caption}>Actions by status at each month end, whole plan</caption>
              <thead>
                <tr>
                  <th scope="col" className={ui.th}>
                    Month end
                  </th>
                  {RAG_ORDER.map((r) => (
                    <th key={r} scope="col" className={`${ui.th} ${ui.num}`}>
                      {r}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {data.trend.map((t) => (
                  <tr key={t.month}>
                    <th scope="row" className={ui.td} style={{ fontWeight: 'normal' }}>
                      {formatMonth(t.month)}
                    </th>
                    {RAG_ORDER.map((r) => (
                      <td key={r} className={`${ui.td} ${ui.num}`}>
                        {t.counts[r]}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <ul className={ui.list} style={{ display: 'flex', flexWrap: 'wrap', gap: 16 }}>
            {data.priorities.map((p) => (
              <li key={p.ref}>
                <div>
                  {p.ref} {p.title}
                </div>
                <TrendChart
                  id={`trend-${p.ref}`}
                  title={`Priority ${p.ref}`}
                  months={data.trend.map((t) => ({
                    month: t.month,
                    counts: t.byPriority[p.ref] ?? { Grey: 0, Blue: 0, Green: 0, Amber: 0, Red: 0 },
                  }))}
                  max={max}
                  theme={theme}
                />
              </li>
            ))}
          </ul>
        </>
      )}
      <RedActions reds={data.reds} notShown={data.redsNotShown} />
    </>
  );
}

/** The board's one-page list of Reds in the lead's own words; a board member gets the count only. */
function RedActions({ reds, notShown }: { reds: BoardView['reds']; notShown: number }) {
  const ui = useUi();
  return (
    <section aria-labelledby="board-reds" data-testid="board-reds">
      <h2 className={ui.h2} id="board-reds">
        Red actions across the plan ({reds.length + notShown}), with the lead's latest commentary
      </h2>
      {reds.length + notShown === 0 && <p>Nothing in the plan is Red.</p>}
      {reds.length > 0 && (
        <ul className={ui.list}>
          {reds.map((r) => (
            <li key={r.ref} className={ui.item} data-red={r.ref}>
              <div className={ui.row}>
                <RagBadge rag={r.rag} compact words={r.ragWords} />
                <ActionLink row={r} />
                <span>
                  · {leadNames(r)} · Due {dueWords(r)}
                </span>
              </div>
              <div>{r.text}</div>
              <div className={ui.muted}>{r.commentary ? `“${r.commentary}”` : 'No commentary yet.'}</div>
            </li>
          ))}
        </ul>
      )}
      {notShown > 0 && (
        <p data-testid="reds-not-shown">
          {reds.length > 0
            ? `${notShown} more ${notShown === 1 ? 'is' : 'are'} Red in groups you see as totals only.`
            : `${notShown} ${notShown === 1 ? 'action is' : 'actions are'} Red.`}{' '}
          Their details are for the secretariat and each delivery group's chair.
        </p>
      )}
    </section>
  );
}
