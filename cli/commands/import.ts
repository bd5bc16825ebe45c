// planpulse import: reads the files, checks the whole plan with no store
// open (preparePlan), and only then opens the store, provisions it and
// applies the changes. A refused plan therefore provisions nothing and
// creates no database file; a dry run writes nothing at all.
import fs from 'node:fs';
import { applyPlan, describeProblem, preparePlan } from '../../core/import/import-plan';
import { isRagStatus, RAG_STATUSES, type RagStatus } from '../../core/model';
import type { PlanStore } from '../../core/ports';
import { readPlanFiles } from '../../store/files/read-sheets';
import { requestsBetween, type RequestCount } from '../../store/sharepoint/graph/request-count';
import { DONE, FAILED, USAGE, printJson, readNamed, withStore, type CommandSpec } from './shared';

/** The store's request counter, where it keeps one (SharePoint does; SQLite sends none). */
function requestCounter(store: PlanStore): (() => RequestCount) | undefined {
  const counted = store as PlanStore & { requestCount?: () => RequestCount };
  return counted.requestCount && (() => counted.requestCount!());
}

/** `lead="Responsible officer"` (the shell has taken the quotes) → ['lead', 'Responsible officer']. */
export function readMapFlag(raw: string): [string, string] | undefined {
  const m = /^\s*([a-z_0-9]+)\s*=\s*(.+?)\s*$/i.exec(raw);
  return m ? [m[1].toLowerCase(), m[2].replace(/^["']|["']$/g, '')] : undefined;
}

/** An .xlsx, or a folder that has one (or that cannot be read, which the reader then says in words). */
function mayHoldWorkbook(file: string): boolean {
  if (/\.xlsx$/i.test(file)) return true;
  try {
    return fs.statSync(file).isDirectory() && fs.readdirSync(file).some((f) => /\.xlsx$/i.test(f));
  } catch {
    return true;
  }
}

const USAGE_LINE =
  'import <plan.csv|plan.xlsx|folder> [kpis.csv] [delivery-groups.csv] [--dry-run] [--sheet NAME] [--map field="Header"]… [--rag "Word=Status"]… [--json]';

/** `In progress=Green` → ['In progress', 'Green']; the status in any case. */
export function readRagFlag(raw: string): [string, RagStatus] | undefined {
  const m = /^\s*(.+?)\s*=\s*([a-z]+)\s*$/i.exec(raw);
  if (!m) return undefined;
  const status = m[2][0].toUpperCase() + m[2].slice(1).toLowerCase();
  return isRagStatus(status) ? [m[1].replace(/^["']|["']$/g, ''), status] : undefined;
}

export const importCommand: CommandSpec = {
  name: 'import',
  usage: USAGE_LINE,
  summary: 'load a plan (CSV or .xlsx), its KPIs and delivery groups',
  flags: {
    'dry-run': { type: 'boolean' },
    sheet: { type: 'string' },
    map: { type: 'string', multiple: true },
    rag: { type: 'string', multiple: true },
    json: { type: 'boolean' },
  },
  run: async ({ flags, positionals: files }, config, io) => {
    const dryRun = flags['dry-run'] === true;
    const json = flags.json === true;
    if (!files.length) {
      io.err(`usage: planpulse ${USAGE_LINE}`);
      return USAGE;
    }
    const map: Record<string, string> = {};
    for (const raw of (flags.map as string[] | undefined) ?? []) {
      const pair = readMapFlag(raw);
      if (!pair) {
        io.err(`--map ${raw}: write it as field="Header as written", e.g. --map lead="Responsible officer"`);
        return USAGE;
      }
      map[pair[0]] = pair[1];
    }
    const ragWords: Record<string, RagStatus> = {};
    for (const raw of (flags.rag as string[] | undefined) ?? []) {
      const pair = readRagFlag(raw);
      if (!pair) {
        io.err(`--rag ${raw}: write it as "Word=Status" with Status one of ${RAG_STATUSES.join(', ')}, e.g. --rag "In progress=Green"`);
        return USAGE;
      }
      ragWords[pair[0]] = pair[1];
    }
    const sheet = flags.sheet as string | undefined;
    if (sheet !== undefined && !files.some(mayHoldWorkbook)) {
      // A CSV is one sheet: taking --sheet and reading the CSV anyway would ignore what was asked.
      io.err(`--sheet ${sheet} picks a sheet of an .xlsx workbook, but no .xlsx was named (${files.join(', ')}); nothing was done`);
      return USAGE;
    }
    const sheets = await readNamed(files, io, () => readPlanFiles(files, { sheet }));
    if (!sheets) return FAILED;
    const prepared = preparePlan(sheets, { map, ragWords });
    if (!prepared.ok) {
      // Refused before any store is opened: nothing provisioned, no file created.
      if (json) printJson(io, { ok: false, problems: prepared.problems.map(describeProblem), mapping: prepared.mapping });
      else for (const p of prepared.problems) io.err(describeProblem(p));
      io.err(`import refused: ${prepared.problems.length} problem(s); nothing was changed`);
      return FAILED;
    }
    return withStore(
      config,
      async (store) => {
        // A dry run changes nothing, provisioning included: an unprovisioned store reads as empty.
        if (!dryRun) await store.provision();
        // Counted around the import alone, so provisioning's reads are not in the figure.
        const counter = requestCounter(store);
        const before = counter?.();
        const result = await applyPlan(store, prepared, { dryRun });
        const spent = before && requestsBetween(before, counter!());
        const d = result.diff!;
        if (json) {
          printJson(io, {
            ok: true,
            dryRun,
            mapping: result.mapping,
            notes: result.notes.map(describeProblem),
            created: d.created,
            updated: d.updated,
            unchanged: d.unchanged,
            changes: d.lines,
            notInFile: d.notInFile,
            summary: result.summary,
          });
          return DONE;
        }
        if (dryRun) for (const line of result.mapping ?? []) io.out(`columns: ${line}`);
        for (const n of result.notes) io.out(`note: ${describeProblem(n)}`);
        if (dryRun) for (const line of d.lines) io.out(line);
        for (const gone of d.notInFile) io.out(`kept (not in these files): ${gone}`);
        io.out(
          `${d.created} to create, ${d.updated} to update, ${d.unchanged} unchanged` +
            (spent && !dryRun ? `; ${spent.outer} requests to SharePoint (${spent.batches} $batch carrying ${spent.inner} writes)` : ''),
        );
        // The summary's form is kept ("imported 5 priorities, …"); a run that wrote nothing says so.
        io.out(!dryRun && d.created + d.updated === 0 ? `${result.summary}; nothing had changed` : result.summary);
        return DONE;
      },
      { readOnly: dryRun },
    );
  },
};
