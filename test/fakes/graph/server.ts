// The HTTPS front door: reads the request, checks the bearer token, applies
// scripted throttling, hands the request to $batch or the router, records it,
// and writes the JSON answer.

import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { checkAuthorization } from './auth';
import { countInner, runBatch } from './batch';
import { GraphError, invalidRequest } from './errors';
import { parseQuery } from './query';
import type { Throttle } from './throttle';
import type { FakeRequest, FakeResponse, RecordedInnerRequest, RecordedRequest } from './types';

export interface ServerDeps {
  route(req: FakeRequest): FakeResponse;
  throttle: Throttle;
  requests: RecordedRequest[];
  requiredToken: string | undefined;
}

const VERSION_PREFIX = '/v1.0';

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function lowerCaseHeaders(req: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return headers;
}

function parseJsonBody(text: string, contentType: string | undefined): unknown {
  if (text.trim() === '') return undefined;
  if (!contentType || !/json/i.test(contentType)) {
    throw new GraphError(415, 'invalidRequest', 'The request body must be JSON with Content-Type: application/json.');
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new GraphError(
      400,
      'BadRequest',
      'Unable to read JSON request payload. Please ensure Content-Type header is set and payload is of valid JSON format.',
    );
  }
}

/** The origin the client used, from its Host header (HTTP/1.1 always sends one). */
function originOf(headers: Record<string, string>): string | undefined {
  return headers.host ? `https://${headers.host}` : undefined;
}

function isBatchUrl(url: string): boolean {
  return /^\/v1\.0\/(\$|%24)batch(\?|$)/i.test(url);
}

interface Answer {
  response: FakeResponse;
  /** Set for a $batch that passed outer validation. */
  inner?: RecordedInnerRequest[];
}

function answer(deps: ServerDeps, method: string, url: string, headers: Record<string, string>, body: unknown): Answer {
  const question = url.indexOf('?');
  const fullPath = question < 0 ? url : url.slice(0, question);
  if (fullPath !== VERSION_PREFIX && !fullPath.startsWith(`${VERSION_PREFIX}/`)) {
    const version = fullPath.split('/')[1] ?? '';
    throw new GraphError(400, 'BadRequest', `Invalid version: ${version}`);
  }
  const path = fullPath.slice(VERSION_PREFIX.length);
  if (isBatchUrl(url)) {
    if (method !== 'POST') throw invalidRequest('$batch accepts only POST.');
    // Refused whole only when a test armed '$BATCH'; otherwise the envelope is not metered, its inner requests are.
    const refused = deps.throttle.takeBatch();
    if (refused) return { response: refused };
    const outcome = runBatch(body, {
      route: deps.route,
      throttle: deps.throttle,
      authorization: headers.authorization ?? '',
      origin: originOf(headers),
    });
    const lost = outcome.response.status < 400 ? deps.throttle.lose('$BATCH') : undefined;
    return { response: lost ?? outcome.response, inner: outcome.inner };
  }
  const throttled = deps.throttle.take(method, url);
  if (throttled) return { response: throttled };
  const query = parseQuery(question < 0 ? '' : url.slice(question + 1));
  const response = deps.route({ method, path, query, headers, body, origin: originOf(headers) });
  return { response: (response.status < 400 && deps.throttle.lose(method)) || response };
}

function send(res: ServerResponse, response: FakeResponse, requestId: string): void {
  const headers: Record<string, string> = { 'request-id': requestId, 'client-request-id': requestId, ...response.headers };
  if (response.status === 204 || response.body === undefined) {
    delete headers['Content-Type'];
    // Two statements: restify, once loaded anywhere in the process, patches writeHead to return nothing.
    res.writeHead(response.status, headers);
    res.end();
    return;
  }
  const text = JSON.stringify(response.body);
  res.writeHead(response.status, { ...headers, 'Content-Length': String(Buffer.byteLength(text)) });
  res.end(text);
}

export function requestListener(deps: ServerDeps): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    void (async () => {
      const method = (req.method ?? 'GET').toUpperCase();
      const url = req.url ?? '/';
      const headers = lowerCaseHeaders(req);
      const record: RecordedRequest = { method, path: url, headers, status: 0, isBatch: false, innerCount: 0 };
      deps.requests.push(record);
      let result: Answer;
      try {
        const text = await readBody(req);
        const authError = checkAuthorization(headers.authorization, deps.requiredToken);
        if (authError) throw authError;
        const body = parseJsonBody(text, headers['content-type']);
        if (body !== undefined) record.body = body;
        if (isBatchUrl(url)) {
          record.isBatch = true;
          record.innerCount = countInner(body);
        }
        result = answer(deps, method, url, headers, body);
      } catch (error) {
        const graphError = error instanceof GraphError ? error : new GraphError(500, 'generalException', `Fake Graph server bug: ${String(error)}`);
        result = { response: graphError.toResponse() };
      }
      record.status = result.response.status;
      if (result.inner) record.inner = result.inner;
      send(res, result.response, headers['client-request-id'] ?? randomUUID());
    })();
  };
}
