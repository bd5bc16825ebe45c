// The corpus of hostile requests, as data: each case says what is sent and
// what the answer must be. `HTTP_CASES` hold for every /api/ route (the bot's
// /api/messages now, the tab's /api/tab/* when it comes: run them against a
// base URL and a route with `runHttpCase`); the bot's own cases live beside
// its tests. Every test that runs a case also checks that the store did not
// change (`dbState`) and that nothing was written to the temp directory.
import http from 'node:http';
import { gzipSync } from 'node:zlib';
import type { SqlitePlanStore } from '../../store/local/sqlite-plan-store';

export const MAX_BODY = 256 * 1024;

export interface AbuseRequest {
  method: string;
  headers: Record<string, string>;
  /** Sent as one piece with a Content-Length, or in chunks with none (`chunked`). */
  body?: Buffer;
  chunked?: boolean;
}

export interface HttpAbuseCase {
  name: string;
  /** The finding (issue 12) the case comes from. */
  finding: string;
  request: () => AbuseRequest;
  /** The refusal expected. */
  status: number;
  /** The refusal must come this fast (ms), i.e. before the body is read. */
  withinMs?: number;
}

const json = (body: Buffer, extra: Record<string, string> = {}): AbuseRequest => ({
  method: 'POST',
  headers: { 'content-type': 'application/json', ...extra },
  body,
});
/** A JSON activity padded to exactly `bytes`. */
export function paddedJson(bytes: number): Buffer {
  const head = '{"type":"message","text":"';
  const tail = '"}';
  return Buffer.from(head + 'x'.repeat(bytes - head.length - tail.length) + tail);
}

const boundary = '----planpulse-abuse';
const multipart = (size: number) =>
  Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.bin"\r\nContent-Type: application/octet-stream\r\n\r\n`),
    Buffer.alloc(size, 0x61),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);

export const HTTP_CASES: HttpAbuseCase[] = [
  {
    name: 'a 1 MB gzip body (1 GB unpacked would follow the same path)',
    finding: 'body cap walked around with Content-Encoding',
    request: () => json(gzipSync(paddedJson(1024 * 1024)), { 'content-encoding': 'gzip' }),
    status: 415,
    withinMs: 50,
  },
  {
    name: 'a small gzip body',
    finding: 'body cap walked around with Content-Encoding',
    request: () => json(gzipSync(Buffer.from('{"type":"message"}')), { 'content-encoding': 'gzip' }),
    status: 415,
    withinMs: 50,
  },
  {
    name: 'a deflate body',
    finding: 'body cap walked around with Content-Encoding',
    request: () => json(gzipSync(Buffer.from('{}')), { 'content-encoding': 'deflate' }),
    status: 415,
  },
  {
    name: 'a 2 MB multipart upload',
    finding: 'multipart not capped and written to the temp directory',
    request: () => ({ method: 'POST', headers: { 'content-type': `multipart/form-data; boundary=${boundary}` }, body: multipart(2 * 1024 * 1024) }),
    status: 415,
    withinMs: 50,
  },
  {
    name: 'a small multipart upload',
    finding: 'multipart not capped and written to the temp directory',
    request: () => ({ method: 'POST', headers: { 'content-type': `multipart/form-data; boundary=${boundary}` }, body: multipart(10) }),
    status: 415,
    withinMs: 50,
  },
  {
    name: 'a JSON body of 256 KB + 1 byte',
    finding: 'body cap',
    request: () => json(paddedJson(MAX_BODY + 1)),
    status: 413,
    withinMs: 50,
  },
  {
    name: 'a chunked JSON body that grows past the cap',
    finding: 'body cap',
    request: () => ({ ...json(paddedJson(MAX_BODY + 4096)), chunked: true }),
    status: 413,
    withinMs: 200,
  },
  {
    name: 'a form-encoded body',
    finding: 'JSON only',
    request: () => ({ method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: Buffer.from('type=message') }),
    status: 415,
  },
  {
    name: 'text/plain',
    finding: 'JSON only',
    request: () => ({ method: 'POST', headers: { 'content-type': 'text/plain' }, body: Buffer.from('{"type":"message"}') }),
    status: 415,
  },
  {
    name: 'no content type',
    finding: 'JSON only',
    request: () => ({ method: 'POST', headers: {}, body: Buffer.from('{"type":"message"}') }),
    status: 415,
  },
  {
    name: 'JSON in another charset',
    finding: 'JSON only',
    request: () => json(Buffer.from('{"type":"message"}'), { 'content-type': 'application/json; charset=utf-16' }),
    status: 415,
  },
  { name: 'a body that is not JSON', finding: 'malformed input is 400', request: () => json(Buffer.from('{"type": "message",')), status: 400 },
];

export interface CaseResult {
  status: number;
  ms: number;
  body: string;
}

/** Sends one case to `baseUrl + route` and times the answer. A server that closes the connection after refusing is fine. */
export function runHttpCase(baseUrl: string, route: string, c: HttpAbuseCase): Promise<CaseResult> {
  const r = c.request();
  const url = new URL(route, baseUrl);
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const headers: Record<string, string> = { ...r.headers };
    if (r.body && !r.chunked && headers['content-length'] === undefined) headers['content-length'] = String(r.body.length);
    const req = http.request(url, { method: r.method, headers, agent: false }, (res) => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      let body = '';
      res.on('data', (chunk) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, ms, body }));
      res.on('error', () => resolve({ status: res.statusCode ?? 0, ms, body }));
    });
    let answered = false;
    req.on('response', () => (answered = true));
    // The server may close while we are still sending what it refused; only an error before any answer counts.
    req.on('error', (e) => {
      if (!answered) reject(e);
    });
    if (!r.body) return void req.end();
    if (!r.chunked) return void req.end(r.body);
    // Chunked: 16 KB at a time, as a slow client would, until the server answers.
    let at = 0;
    const pump = () => {
      while (at < r.body!.length && !answered) {
        const more = req.write(r.body!.subarray(at, at + 16 * 1024));
        at += 16 * 1024;
        if (!more) return void req.once('drain', pump);
      }
      if (!answered) req.end();
    };
    pump();
  });
}

/** Every row of every table: equal before and after means the request changed nothing. */
export function dbState(store: SqlitePlanStore, only?: string[]): string {
  const tables = (store.db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as Array<{ name: string }>)
    .map((t) => t.name)
    .filter((t) => !only || only.includes(t));
  return JSON.stringify(tables.map((t) => [t, store.db.prepare(`SELECT * FROM "${t}"`).all()]));
}

/** Strings that must stay text wherever someone can type: HTML, script, Markdown links, mentions, long text. */
export const HOSTILE_TEXT = [
  '<b>bold</b><img src=x onerror=alert(1)>',
  '<script>alert("x")</script>',
  '[click here](https://evil.example/phish)',
  '![img](https://evil.example/p.png)',
  '<at>Board Secretariat</at> please sign this off',
  '@everyone urgent',
  '**not bold** _not italic_ `code`',
  'javascript:alert(1)',
  '{{$root.secret}} ${process.env.X}',
  "Robert'); DROP TABLE actions;--",
];

/** The plan itself (what a chat message must never change unless it is a command that may): everything but who is reachable. */
export const PLAN_TABLES = ['delivery_groups', 'priorities', 'outcomes', 'actions', 'action_updates', 'kpis', 'kpi_measurements', 'leads'];

/** Dates no field that takes one may accept: impossible days, other formats, out of range, other digits. */
export const ODD_DATES = [
  '31/02/2024',
  '2024-02-30',
  '2024-13-01',
  '1e9',
  '+275760-09-13',
  '0000-00-00',
  'tomorrow',
  '2024-1-1',
  '２０２４-０１-０１',
  '2024-01-01T00:00:00Z',
  '9999-12-31'.repeat(2),
];
