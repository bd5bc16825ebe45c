// JSON batching ($batch): validates the envelope as Graph does, runs inner
// requests through the same router (honouring dependsOn) and returns the
// responses in an order different from the request order, so that clients
// must match responses by id.

import { GraphError, invalidRequest, segmentNotFound } from './errors';
import { isPlainObject } from './columns';
import { parseQuery } from './query';
import { json } from './responses';
import type { Throttle } from './throttle';
import type { FakeRequest, FakeResponse, RecordedInnerRequest } from './types';

export const MAX_BATCH_REQUESTS = 20;
const METHODS = ['GET', 'POST', 'PATCH', 'PUT', 'DELETE'];

interface Step {
  id: string;
  method: string;
  url: string;
  headers: Record<string, string>;
  body: unknown;
  hasBody: boolean;
  dependsOn: string[];
}

export interface BatchDeps {
  route(req: FakeRequest): FakeResponse;
  throttle: Throttle;
  /** The outer Authorization header; inner requests run with it. */
  authorization: string;
  /** The batch's own origin, for the nextLinks of inner GETs. */
  origin?: string;
}

export interface BatchOutcome {
  response: FakeResponse;
  inner: RecordedInnerRequest[];
}

/** The number of inner requests a body claims to have, for the request log. */
export function countInner(body: unknown): number {
  return isPlainObject(body) && Array.isArray(body.requests) ? body.requests.length : 0;
}

function parseStep(raw: unknown, index: number): Step {
  if (!isPlainObject(raw)) throw invalidRequest(`Batch request ${index} must be a JSON object.`);
  const { id, method, url, headers = {}, dependsOn = [] } = raw;
  if (typeof id !== 'string' || id === '') throw invalidRequest(`Batch request ${index} is missing its 'id'.`);
  if (typeof method !== 'string' || method === '') throw invalidRequest(`Batch request '${id}' is missing its 'method'.`);
  if (!METHODS.includes(method.toUpperCase())) throw invalidRequest(`Batch request '${id}' has an unsupported method '${method}'.`);
  if (typeof url !== 'string' || url === '') throw invalidRequest(`Batch request '${id}' is missing its 'url'.`);
  if (!isPlainObject(headers) || Object.values(headers).some((v) => typeof v !== 'string')) {
    throw invalidRequest(`Batch request '${id}' has 'headers' that are not an object of strings.`);
  }
  const lowerHeaders: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) lowerHeaders[name.toLowerCase()] = value as string;
  const hasBody = raw.body !== undefined && raw.body !== null;
  if (hasBody && lowerHeaders['content-type'] === undefined) {
    throw invalidRequest(`Write request id : ${id} does not contain Content-Type header or body.`);
  }
  if (!Array.isArray(dependsOn) || dependsOn.some((d) => typeof d !== 'string')) {
    throw invalidRequest(`Batch request '${id}' has a 'dependsOn' that is not an array of ids.`);
  }
  return { id, method: method.toUpperCase(), url, headers: lowerHeaders, body: raw.body, hasBody, dependsOn: dependsOn as string[] };
}

/** Outer validation: any problem fails the whole batch with 400 and runs nothing. */
function parseSteps(body: unknown): Step[] {
  if (!isPlainObject(body) || !Array.isArray(body.requests)) throw invalidRequest("A batch body must be a JSON object with a 'requests' array.");
  if (body.requests.length === 0) throw invalidRequest('A batch must contain at least one request.');
  if (body.requests.length > MAX_BATCH_REQUESTS) {
    throw invalidRequest(`A batch can contain at most ${MAX_BATCH_REQUESTS} requests; this one has ${body.requests.length}.`);
  }
  const steps = body.requests.map(parseStep);
  const ids = new Set<string>();
  for (const step of steps) {
    if (ids.has(step.id)) throw invalidRequest(`Batch request id '${step.id}' is used more than once.`);
    ids.add(step.id);
  }
  for (const step of steps) {
    for (const dependency of step.dependsOn) {
      if (!steps.some((other) => other.id === dependency)) throw invalidRequest(`Batch request '${step.id}' depends on unknown id '${dependency}'.`);
    }
  }
  checkNoCycles(steps);
  checkSequentialOrParallel(steps);
  return steps;
}

/**
 * Graph's rule: a batch is either fully parallel (no dependsOn at all) or one
 * serial chain, each request after the first depending on exactly the one
 * before it. Real Graph refuses a mixture with 400, so the fake does too.
 */
function checkSequentialOrParallel(steps: Step[]): void {
  if (steps.every((step) => step.dependsOn.length === 0)) return;
  const serial = steps.every((step, i) =>
    i === 0 ? step.dependsOn.length === 0 : step.dependsOn.length === 1 && step.dependsOn[0] === steps[i - 1].id,
  );
  if (!serial) throw invalidRequest('Batch should be either fully sequential or fully parallel.');
}

function checkNoCycles(steps: Step[]): void {
  const byId = new Map(steps.map((step) => [step.id, step]));
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (step: Step): void => {
    if (state.get(step.id) === 'done') return;
    if (state.get(step.id) === 'visiting') throw invalidRequest(`Batch request '${step.id}' is part of a dependsOn cycle.`);
    state.set(step.id, 'visiting');
    for (const dependency of step.dependsOn) visit(byId.get(dependency) as Step);
    state.set(step.id, 'done');
  };
  steps.forEach(visit);
}

/** Inner URLs are relative and versionless: "/sites/…", never "/v1.0/sites/…" or an absolute URL. */
function innerRequest(step: Step, authorization: string, origin: string | undefined): FakeRequest {
  const relative = step.url.startsWith('/') ? step.url : `/${step.url}`;
  const question = relative.indexOf('?');
  const path = question < 0 ? relative : relative.slice(0, question);
  const firstSegment = path.split('/')[1] ?? '';
  if (/^https?:/i.test(step.url) || /^(v1\.0|beta)$/i.test(firstSegment)) throw segmentNotFound(firstSegment);
  return {
    method: step.method,
    path,
    query: parseQuery(question < 0 ? '' : relative.slice(question + 1)),
    headers: { ...step.headers, authorization },
    body: step.hasBody ? step.body : undefined,
    origin,
  };
}

function runStep(step: Step, statuses: Map<string, number>, deps: BatchDeps): FakeResponse {
  if (step.dependsOn.some((dependency) => (statuses.get(dependency) ?? 500) >= 400)) {
    return new GraphError(424, 'failedDependency', 'The request could not be run because a request it depends on failed.').toResponse();
  }
  // Each inner request is metered on its own, as SharePoint does.
  const throttled = deps.throttle.take(step.method, String(step.url ?? ''));
  if (throttled) return throttled;
  try {
    const answer = deps.route(innerRequest(step, deps.authorization, deps.origin));
    return (answer.status < 400 && deps.throttle.lose(step.method)) || answer;
  } catch (error) {
    if (error instanceof GraphError) return error.toResponse();
    throw error;
  }
}

export function runBatch(body: unknown, deps: BatchDeps): BatchOutcome {
  const steps = parseSteps(body);
  const statuses = new Map<string, number>();
  const answers = new Map<string, FakeResponse>();
  // Dependencies are acyclic (checked above), so every pass runs at least one step.
  while (answers.size < steps.length) {
    for (const step of steps) {
      if (answers.has(step.id) || !step.dependsOn.every((dependency) => answers.has(dependency))) continue;
      const answer = runStep(step, statuses, deps);
      answers.set(step.id, answer);
      statuses.set(step.id, answer.status);
    }
  }
  const inner = steps.map((step) => ({
    id: step.id,
    method: step.method,
    url: step.url,
    headers: step.headers,
    dependsOn: step.dependsOn,
    status: statuses.get(step.id) ?? 0,
  }));
  // Reversed: deterministic, yet never the request order when there are two or more.
  const responses = [...steps].reverse().map((step) => {
    const answer = answers.get(step.id) as FakeResponse;
    const entry: Record<string, unknown> = { id: step.id, status: answer.status, headers: answer.headers };
    if (answer.body !== undefined) entry.body = answer.body;
    return entry;
  });
  return { response: json(200, { responses }), inner };
}
