// The door of every /api/ route (the bot's /api/messages, the tab's /api/tab/*):
// a request body is JSON, unencoded, no larger than the cap, and read in full
// within a few seconds, or it is refused before a byte of it is parsed or
// written anywhere. Anyone on the internet can reach these routes before any
// token is checked, so nothing here may cost more than the cap allows.
// Replaces restify's bodyParser, which unpacks gzip before counting and writes
// multipart uploads to the temp directory.
import type restify from 'restify';

export interface GuardOptions {
  /** The largest body, in bytes as the handler would see them. */
  maxBytes: number;
  /** How long a body may take to arrive (a slow sender holds a socket). */
  bodyTimeoutMs: number;
  /** One line per refusal. */
  log: (line: string) => void;
}

const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** True for `application/json`, with or without a charset of UTF-8. */
export function isJsonContentType(value: string | undefined): boolean {
  if (!value) return false;
  const [type, ...params] = value.split(';').map((p) => p.trim().toLowerCase());
  if (type !== 'application/json') return false;
  return params.every((p) => !p.startsWith('charset=') || p === 'charset=utf-8' || p === 'charset="utf-8"');
}

type Refusal = { status: number; code: string; message: string };

/** Decided from the headers alone, before any of the body is read. */
export function refuseByHeaders(method: string, headers: Record<string, string | string[] | undefined>, maxBytes: number): Refusal | undefined {
  const length = headers['content-length'];
  const chunked = headers['transfer-encoding'] !== undefined;
  const hasBody = chunked || (length !== undefined && length !== '0');
  if (!hasBody) return undefined;
  if (!BODY_METHODS.has(method)) return { status: 400, code: 'UnexpectedBody', message: `A ${method} request carries no body.` };
  const encoding = String(headers['content-encoding'] ?? '')
    .trim()
    .toLowerCase();
  if (encoding && encoding !== 'identity') {
    return { status: 415, code: 'UnsupportedEncoding', message: 'Compressed bodies are not accepted: send plain JSON with no Content-Encoding.' };
  }
  const type = headers['content-type'];
  if (!isJsonContentType(Array.isArray(type) ? type[0] : type)) {
    return { status: 415, code: 'UnsupportedMediaType', message: 'Only application/json bodies are accepted.' };
  }
  if (length !== undefined) {
    const n = Number(length);
    if (!Number.isSafeInteger(n) || n < 0) return { status: 400, code: 'BadContentLength', message: 'Content-Length is not a number.' };
    if (n > maxBytes) return { status: 413, code: 'TooLarge', message: `The body is larger than ${maxBytes} bytes.` };
  }
  return undefined;
}

function refuse(req: restify.Request, res: restify.Response, r: Refusal, log: (line: string) => void): void {
  log(`refused ${req.method} ${req.path()}: ${r.status} ${r.code}`);
  // The rest of the body is not wanted: close the connection rather than read it.
  res.setHeader('connection', 'close');
  res.writeHead(r.status, { 'content-type': 'application/json' });
  res.end(JSON.stringify({ error: { code: r.code, message: r.message } }));
  // Read and drop what the client is still sending, so it sees the answer
  // rather than a reset, but only so much and for so long: then hang up.
  res.once('finish', () => {
    let dropped = 0;
    const hangUp = () => req.socket.destroy();
    const timer = setTimeout(hangUp, DRAIN_MS);
    timer.unref();
    req.on('data', (chunk: Buffer) => {
      dropped += chunk.length;
      if (dropped > DRAIN_BYTES) {
        clearTimeout(timer);
        hangUp();
      }
    });
    req.on('end', () => clearTimeout(timer));
    req.resume();
  });
}

/** After a refusal, at most this much of the unwanted body is read (and dropped) before the connection is closed. */
const DRAIN_BYTES = 4 * 1024 * 1024;
const DRAIN_MS = 2000;

/**
 * The guard, for `server.pre`: only paths under /api/ are its business. On
 * success `req.body` is the parsed JSON (undefined when there was none).
 */
export function apiGuard(opts: GuardOptions): restify.RequestHandler {
  return (req, res, next) => {
    if (!req.path().startsWith('/api/')) return next();
    const early = refuseByHeaders(req.method ?? 'GET', req.headers, opts.maxBytes);
    if (early) {
      refuse(req, res, early, opts.log);
      return next(false);
    }
    const chunked = req.headers['transfer-encoding'] !== undefined;
    const length = Number(req.headers['content-length'] ?? 0);
    if (!chunked && !length) {
      (req as { body?: unknown }).body = undefined;
      return next();
    }
    const chunks: Buffer[] = [];
    let received = 0;
    let done = false;
    const finish = (r?: Refusal) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      req.removeListener('data', onData);
      req.removeListener('end', onEnd);
      if (r) {
        refuse(req, res, r, opts.log);
        return next(false);
      }
      const text = Buffer.concat(chunks, received).toString('utf8');
      try {
        (req as { body?: unknown }).body = text.length ? JSON.parse(text) : undefined;
      } catch {
        refuse(req, res, { status: 400, code: 'BadJson', message: 'The body is not valid JSON.' }, opts.log);
        return next(false);
      }
      next();
    };
    const onData = (chunk: Buffer) => {
      received += chunk.length;
      if (received > opts.maxBytes) return finish({ status: 413, code: 'TooLarge', message: `The body is larger than ${opts.maxBytes} bytes.` });
      chunks.push(chunk);
    };
    const onEnd = () => {
      if (!chunked && received !== length)
        return finish({ status: 400, code: 'IncompleteBody', message: 'The body is shorter than its Content-Length.' });
      finish();
    };
    const timer = setTimeout(() => finish({ status: 408, code: 'SlowBody', message: 'The body took too long to arrive.' }), opts.bodyTimeoutMs);
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', () => finish({ status: 400, code: 'BrokenBody', message: 'The body could not be read.' }));
  };
}
