// JSON batching. We build the {requests:[…]} body ourselves because the SDK's
// helper keeps "/v1.0" in inner URLs under Node, which Graph rejects. Rules
// Graph sets: at most 20 requests a batch, unique ids, relative unversioned
// URLs, Content-Type whenever there is a body, a batch either fully parallel or
// one serial chain (a mixture is refused with 400), answers in any order, and
// each inner request throttled on its own (so the outer 200 proves little).
import { UpstreamError } from '../../../core/errors';
import { adviceFor, describeGraphError } from './graph-errors';
import type { GraphClient, HttpMethod } from './graph-client';
import { isThrottled, isTransient, mayResend, retryDelaySeconds, sleep } from './retry-policy';

export const MAX_BATCH_SIZE = 20;

export interface BatchStep {
  /** The caller's handle for this step; unique within one runBatch call. */
  key: string;
  method: HttpMethod;
  /** "/sites/…": relative, no version. */
  url: string;
  body?: unknown;
  headers?: Record<string, string>;
  /**
   * The key of the step just before this one, which must succeed first. Steps
   * linked this way form one serial chain, sent in a $batch of its own.
   */
  dependsOn?: string[];
  /** Names the item in error messages, e.g. "action 1.1.3". */
  label: string;
}

export interface StepResult {
  status: number;
  /** Lower-case names. */
  headers: Record<string, string>;
  body: unknown;
}

interface InnerResponse {
  id: string;
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
}

/**
 * Runs the steps in batches of up to 20 and returns each step's final result
 * by key. Independent batches go several at a time (the client's
 * `parallelBatches`), paced by its resource-unit budget. Throttled steps,
 * timed-out (504) steps that are safe to repeat, and those that failed only
 * because such a step they depend on did, are re-sent on their own (never the
 * steps that succeeded) after the longest Retry-After, which every request of
 * the client waits out, up to the client's retry limit. Other failures are
 * left in the results for the caller.
 */
export async function runBatch(graph: GraphClient, steps: BatchStep[]): Promise<Map<string, StepResult>> {
  checkSteps(steps);
  const results = new Map<string, StepResult>();
  const queue = planBatches(steps);
  const lanes = Math.max(1, Math.min(queue.length, graph.policy.parallelBatches ?? 1));
  const lane = async () => {
    for (let chunk = queue.shift(); chunk; chunk = queue.shift()) await runChunk(graph, chunk, results);
  };
  await Promise.all(Array.from({ length: lanes }, lane));
  return results;
}

async function runChunk(graph: GraphClient, chunk: BatchStep[], results: Map<string, StepResult>): Promise<void> {
  let pending = chunk;
  for (let round = 0; ; round++) {
    await sendChunk(graph, pending, results);
    const again = toResend(pending, results);
    if (again.length === 0 || round >= graph.policy.maxRetries) return;
    const waits = again
      .map((s) => results.get(s.key)!)
      .filter((r) => isTransient(r.status))
      .map((r) => retryDelaySeconds(r.headers['retry-after'], round, graph.policy));
    const seconds = Math.max(0, ...waits);
    // Throttling is the app's, not this batch's: the client's other requests wait too.
    const throttled = again.some((s) => isThrottled(results.get(s.key)!.status));
    if (throttled && typeof graph.holdOff === 'function') graph.holdOff(seconds);
    else await sleep(seconds);
    pending = again;
  }
}

/** Throws UpstreamError naming every step that did not succeed. */
export function expectAllSucceeded(steps: BatchStep[], results: Map<string, StepResult>): void {
  const failed = steps.filter((s) => (results.get(s.key)?.status ?? 0) >= 400 || !results.has(s.key));
  if (failed.length === 0) return;
  const lines = failed.map((s) => {
    const r = results.get(s.key);
    return `${s.label} (${s.method}): ${r ? describeGraphError(r.status, r.body) : 'no answer'}`;
  });
  const first = results.get(failed[0].key);
  const advice = first ? adviceFor(first.status, first.body, failed[0].url) : undefined;
  throw new UpstreamError(`${failed.length} of ${steps.length} writes failed: ${lines.join('; ')}${advice ? `. ${advice}` : ''}`, first?.status);
}

export function succeeded(result: StepResult | undefined): boolean {
  return result !== undefined && result.status >= 200 && result.status < 300;
}

async function sendChunk(graph: GraphClient, pending: BatchStep[], results: Map<string, StepResult>): Promise<void> {
  const idOf = new Map(pending.map((s, i) => [s.key, String(i + 1)]));
  const keyOf = new Map(pending.map((s, i) => [String(i + 1), s.key]));
  const requests = pending.map((s) => {
    // A dependency that already succeeded in an earlier round is not re-sent, so drop it.
    const dependsOn = (s.dependsOn ?? []).filter((k) => idOf.has(k)).map((k) => idOf.get(k)!);
    return {
      id: idOf.get(s.key)!,
      method: s.method,
      url: s.url,
      ...(s.body !== undefined
        ? { headers: { 'Content-Type': 'application/json', ...s.headers }, body: s.body }
        : s.headers
          ? { headers: s.headers }
          : {}),
      ...(dependsOn.length > 0 ? { dependsOn } : {}),
    };
  });
  graph.countInner(requests.length);
  const reply = await graph.request({ method: 'POST', url: '/$batch', body: { requests }, what: '$batch' });
  const responses = ((reply.body ?? {}) as { responses?: InnerResponse[] }).responses ?? [];
  for (const r of responses) {
    const key = keyOf.get(String(r.id));
    if (key === undefined) continue;
    results.set(key, { status: r.status, headers: lowerCaseKeys(r.headers ?? {}), body: r.body });
  }
  for (const s of pending) {
    if (!responses.some((r) => keyOf.get(String(r.id)) === s.key)) {
      results.set(s.key, {
        status: 502,
        headers: {},
        body: { error: { code: 'noBatchAnswer', message: 'The $batch reply had no answer for this request.' } },
      });
    }
  }
}

/** Throttled steps (and timed-out ones safe to repeat), plus steps that failed (424) only because one of those did. */
function toResend(pending: BatchStep[], results: Map<string, StepResult>): BatchStep[] {
  const again = new Set(pending.filter((s) => mayResend(results.get(s.key)!.status, s)).map((s) => s.key));
  let grew = again.size > 0;
  while (grew) {
    grew = false;
    for (const s of pending) {
      if (again.has(s.key) || results.get(s.key)!.status !== 424) continue;
      if ((s.dependsOn ?? []).some((k) => again.has(k))) {
        again.add(s.key);
        grew = true;
      }
    }
  }
  return pending.filter((s) => again.has(s.key));
}

/**
 * Plans the batches. Graph wants each batch fully parallel or fully sequential,
 * so independent steps are packed 20 to a batch with no dependsOn, and each
 * chain of dependent steps goes alone in a batch of its own. Re-sends stay
 * within their batch (a parallel subset, or the tail of a chain), so a retry
 * can never mix the two either.
 */
function planBatches(steps: BatchStep[]): BatchStep[][] {
  const groupOf = new Map<string, BatchStep[]>();
  const groups: BatchStep[][] = [];
  for (const s of steps) {
    const linked = (s.dependsOn ?? []).map((k) => groupOf.get(k)!).filter((g, i, all) => all.indexOf(g) === i);
    let group: BatchStep[];
    if (linked.length === 0) {
      group = [];
      groups.push(group);
    } else {
      group = linked[0];
      for (const other of linked.slice(1)) {
        group.push(...other);
        groups.splice(groups.indexOf(other), 1);
        for (const o of other) groupOf.set(o.key, group);
      }
    }
    group.push(s);
    groupOf.set(s.key, group);
  }
  const batches: BatchStep[][] = [];
  let parallel: BatchStep[] = [];
  for (const group of groups) {
    if (group.length === 1) {
      parallel.push(group[0]);
      if (parallel.length === MAX_BATCH_SIZE) {
        batches.push(parallel);
        parallel = [];
      }
      continue;
    }
    // Keep the caller's order inside a chain so dependencies come first.
    const chain = steps.filter((s) => group.includes(s));
    checkSerialChain(chain);
    batches.push(chain);
  }
  if (parallel.length > 0) batches.push(parallel);
  return batches;
}

/** Each step after the first depends on exactly the one before it, and the chain fits one batch. */
function checkSerialChain(chain: BatchStep[]): void {
  if (chain.length > MAX_BATCH_SIZE) {
    throw new Error(`A chain of ${chain.length} dependent requests cannot fit one $batch (max ${MAX_BATCH_SIZE}).`);
  }
  chain.forEach((s, i) => {
    const deps = s.dependsOn ?? [];
    const serial = i === 0 ? deps.length === 0 : deps.length === 1 && deps[0] === chain[i - 1].key;
    if (!serial) {
      throw new Error(`Batch step "${s.key}" is not part of a single serial chain; Graph accepts a $batch only fully parallel or fully sequential.`);
    }
  });
}

function checkSteps(steps: BatchStep[]): void {
  const keys = new Set<string>();
  for (const s of steps) {
    if (keys.has(s.key)) throw new Error(`Duplicate batch step key "${s.key}".`);
    keys.add(s.key);
    if (!s.url.startsWith('/') || /^\/(v1\.0|beta)\//i.test(s.url)) {
      throw new Error(`Batch URLs must be relative and unversioned ("/sites/…"), not "${s.url}".`);
    }
    for (const d of s.dependsOn ?? []) {
      if (!keys.has(d)) throw new Error(`Batch step "${s.key}" depends on "${d}", which does not come before it.`);
    }
  }
}

function lowerCaseKeys(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), String(v)]));
}
