// Recognises a sheet's columns as people write them ("Ref", "No.", "Lead
// officer", "By when", "RAG status"…), in any order, below any title rows,
// and says how it read them. A partnership's own spreadsheet should import
// without being retyped into our column names; what cannot be recognised is
// named, with the header row as read, so `--map field="Header"` can settle it.
import { normaliseHeader, type Sheet, type SheetKind, type SheetRow } from './table';

/** The fields a plan sheet may carry, each with the headers that mean it (normalised). */
export const PLAN_FIELDS: Record<string, string[]> = {
  ref: ['ref', 'no', 'no.', 'number', 'ref_no', 'ref_no.', 'reference', 'action_ref', 'id', '#'],
  kind: ['kind', 'type', 'level', 'row_type'],
  text: ['text', 'action', 'actions', 'description', 'action_description', 'what'],
  priority: ['priority', 'workstream', 'priority_no', 'priority_ref', 'theme'],
  priority_title: ['priority_title', 'workstream_title', 'priority_name'],
  outcome: ['outcome', 'outcome_text', 'objective'],
  lead: ['lead', 'leads', 'lead(s)', 'lead_officer', 'owner', 'responsible', 'action_lead', 'who'],
  due: ['due', 'due_date', 'timescale', 'timescales', 'by_when', 'target_date', 'deadline', 'completion_date', 'when'],
  rag: ['rag', 'rag_status', 'status', 'rag_rating', 'progress_rag'],
};

export const KPI_FIELDS: Record<string, string[]> = {
  outcome_ref: ['outcome_ref', 'outcome', 'ref', 'priority_or_outcome'],
  priority: ['priority', 'priority_ref', 'workstream'],
  kpi: ['kpi', 'kpis', 'measure', 'indicator', 'key_performance_indicator', 'performance_indicator'],
  baseline: ['baseline'],
  target_3m: ['target_3m', '3_months', 'target_at_3_months'],
  target_6m: ['target_6m', '6_months', 'target_at_6_months'],
  target_12m: ['target_12m', '12_months', 'target_at_12_months'],
};

export const GROUP_FIELDS: Record<string, string[]> = {
  priority: ['priority', 'priority_ref', 'workstream'],
  delivery_group: ['delivery_group', 'group', 'delivery_group_name'],
  lead_role: ['lead_role', 'chair_role', 'chair'],
  reporting: ['reporting', 'reports', 'cadence', 'frequency', 'meets'],
};

const RAG_KEY_FIELDS: Record<string, string[]> = { status: ['status', 'rag'], meaning: ['meaning'] };

const FIELDS: Record<Exclude<SheetKind, never>, Record<string, string[]>> = {
  kpis: KPI_FIELDS,
  plan: PLAN_FIELDS,
  deliveryGroups: GROUP_FIELDS,
  ragKey: RAG_KEY_FIELDS,
};

/** What makes a sheet one kind or another; checked in this order (a KPI sheet also has a "ref"). */
const RECOGNISED_BY: [SheetKind, string[]][] = [
  ['kpis', ['kpi']],
  ['deliveryGroups', ['delivery_group', 'reporting']],
  ['ragKey', ['status', 'meaning']],
  ['plan', ['ref', 'text']],
];

/** Headers of a further column of leads, read together with the first (as a second "Lead" column is). */
const SECOND_LEAD = ['lead_2', 'second_lead', 'co_lead', 'co_leads', 'joint_lead', 'lead_officer_2', 'other_lead', 'other_leads'];

/** Title rows above the header row are skipped, up to this many. */
const MAX_TITLE_ROWS = 15;

/** field → header as written, from `--map lead="Responsible officer"`. */
export type ColumnMap = Record<string, string>;

export interface FramedSheet {
  kind: SheetKind;
  /** The sheet with its columns named by field, rows numbered as the spreadsheet shows them. */
  sheet: Sheet;
  /** One line per column read, e.g. `lead ← "Owner"`. */
  mapping: string[];
  /** Headers no field took, as written. */
  unused: string[];
  /** The header row as read, for messages. */
  headerRow: string[];
}

/** Every field a --map may name, for its own message. */
export function mappableFields(): string[] {
  return [...new Set(Object.values(FIELDS).flatMap((f) => Object.keys(f)))];
}

/** The raw grid of a sheet (toSheet keeps it; a hand-built sheet is rebuilt from its rows). */
function gridOf(sheet: Sheet): string[][] {
  if (sheet.grid) return sheet.grid;
  return [sheet.headers, ...sheet.rows.map((r) => sheet.headers.map((h) => r.cells[h] ?? ''))];
}

/** Which field each column means, for one kind of sheet; a --map wins over the built-in names. */
function columnFields(head: string[], kind: SheetKind, map: ColumnMap): (string | undefined)[] {
  const fields = FIELDS[kind];
  const taken = new Set<string>();
  const mapped = new Map(
    Object.entries(map)
      .filter(([f]) => f in fields)
      .map(([f, h]) => [normaliseHeader(h), f]),
  );
  const out: (string | undefined)[] = head.map((h) => {
    const f = mapped.get(normaliseHeader(h));
    if (f) taken.add(f);
    return f;
  });
  // The closest name wins wherever its column is: beside "Status" (often commentary) and "RAG", "RAG" is the RAG.
  const candidates: [column: number, field: string, rank: number][] = [];
  head.forEach((h, i) => {
    if (out[i]) return;
    const n = normaliseHeader(h);
    if (!n) return;
    for (const field of Object.keys(fields)) {
      const rank = field === n ? 0 : fields[field].indexOf(n) + 1;
      if (rank >= 0 && (rank > 0 || field === n)) candidates.push([i, field, rank]);
    }
  });
  candidates.sort((a, b) => a[2] - b[2] || a[0] - b[0]);
  for (const [i, f] of candidates) {
    if (out[i] || taken.has(f)) continue;
    taken.add(f);
    out[i] = f;
  }
  if (kind === 'plan') {
    head.forEach((h, i) => {
      const n = normaliseHeader(h);
      // A second "Lead" column, or "Co-lead": both name the action's leads.
      if (!out[i] && n && (SECOND_LEAD.includes(n) || (taken.has('lead') && PLAN_FIELDS.lead.includes(n)))) out[i] = 'lead';
    });
  }
  // Headers no synonym named, read by their words ("Action owner", "Target completion date", "RAG rating (R/A/G)"):
  // only for a plan sheet, only into a field no column has, and shown in the dry run's mapping like any other.
  if (kind === 'plan') {
    head.forEach((h, i) => {
      if (out[i]) return;
      const f = planFieldByWords(h);
      if (f && !out.includes(f)) out[i] = f;
    });
  }
  return out;
}

/**
 * A plan column's field from the words of its header, for headers the
 * synonyms do not list. A header about updates, comments or start dates is
 * never read as due or RAG ("Date of last update", "Progress update").
 */
export function planFieldByWords(header: string): string | undefined {
  const words: string[] = header.toLowerCase().match(/[a-z]+/g) ?? [];
  const has = (...w: string[]) => w.some((x) => words.includes(x));
  if (!words.length) return undefined;
  if (
    has(
      'update',
      'updated',
      'updates',
      'comment',
      'comments',
      'commentary',
      'notes',
      'evidence',
      'narrative',
      'impact',
      'measure',
      'kpi',
      'baseline',
      'target',
      'start',
      'started',
      'review',
      'reviewed',
      'last',
    )
  ) {
    // "Target date" and "Target completion date" are due dates; "Target" alone is a KPI's.
    if (has('target') && has('date', 'completion') && !has('start', 'update', 'updated', 'last', 'review')) return 'due';
    return undefined;
  }
  if (has('rag')) return 'rag';
  if (has('ref', 'reference') || (has('no', 'number', 'num', 'id') && words.length <= 3)) return 'ref';
  if (has('owner', 'owners', 'lead', 'leads', 'responsible', 'responsibility', 'officer', 'officers', 'accountable')) return 'lead';
  if (has('date', 'deadline', 'deadlines', 'timescale', 'timescales', 'timeframe', 'timeframes', 'when', 'due', 'completion')) return 'due';
  if (has('status')) return 'rag';
  if (has('action', 'actions', 'task', 'tasks', 'activity', 'activities', 'description', 'deliverable', 'deliverables')) return 'text';
  if (has('priority', 'priorities', 'workstream', 'theme')) return 'priority';
  if (has('outcome', 'outcomes', 'objective', 'objectives')) return 'outcome';
  return undefined;
}

/**
 * Finds the header row (the first row, within the first few, whose columns
 * make a known kind of sheet) and names the columns by field. Undefined when
 * no row does: the caller says so, with the first row as read.
 */
export function frameSheet(sheet: Sheet, map: ColumnMap = {}): FramedSheet | undefined {
  const grid = gridOf(sheet);
  for (let i = 0; i < Math.min(grid.length, MAX_TITLE_ROWS + 1); i++) {
    const head = grid[i] ?? [];
    for (const [kind, needs] of RECOGNISED_BY) {
      const fields = columnFields(head, kind, map);
      if (!needs.every((n) => fields.includes(n))) continue;
      const rows: SheetRow[] = [];
      // Cells of a field read from two columns (two "Lead" columns) are read together, "Jo Smith / Ann Lee".
      const put = (rec: Record<string, string>, f: string, v: string) => {
        rec[f] = rec[f] !== undefined && rec[f].trim() !== '' ? (v.trim() ? `${rec[f]} / ${v}` : rec[f]) : v;
      };
      const repeated = fields.some((f, k) => f && fields.indexOf(f) !== k);
      if (i === 0 && !repeated) {
        // Header on the first row: the sheet's own rows are read (by their
        // normalised headers), so a sheet whose rows were edited after reading is read as edited.
        for (const row of sheet.rows) {
          const rec: Record<string, string> = {};
          fields.forEach((f, k) => {
            if (f) rec[f] = row.cells[normaliseHeader(head[k] ?? '')] ?? '';
          });
          rows.push({ rowNumber: row.rowNumber, cells: rec });
        }
      } else {
        grid.slice(i + 1).forEach((cells, j) => {
          if (cells.every((c) => (c ?? '').trim() === '')) return;
          const rec: Record<string, string> = {};
          fields.forEach((f, k) => {
            if (f) put(rec, f, cells[k] ?? '');
          });
          rows.push({ rowNumber: i + j + 2, cells: rec });
        });
      }
      const headers = [...new Set(fields.filter((f): f is string => Boolean(f)))];
      const mapping = head.flatMap((h, k) => (fields[k] ? [`${fields[k]} ← "${h.trim()}"`] : []));
      const unused = head.filter((h, k) => !fields[k] && h.trim() !== '').map((h) => h.trim());
      return { kind, sheet: { source: sheet.source, headers, rows }, mapping, unused, headerRow: head.map((h) => h.trim()) };
    }
  }
  return undefined;
}

/** The header row as a person sees it: "Ref | Action | Responsible officer". */
export function showHeaderRow(head: string[]): string {
  const shown = head.filter((h) => h !== '');
  return shown.length ? shown.map((h) => `"${h}"`).join(', ') : '(an empty row)';
}
