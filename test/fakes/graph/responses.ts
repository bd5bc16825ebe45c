// Building JSON responses the way Graph frames them, so every module answers alike.

import type { FakeResponse } from './types';

// Graph's own content type; clients only look at the media type, but this keeps
// recorded traffic close to the real thing.
export const GRAPH_JSON = 'application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8';

export function json(status: number, body: unknown, headers: Record<string, string> = {}): FakeResponse {
  return { status, headers: { 'Content-Type': GRAPH_JSON, ...headers }, body };
}

export function noContent(): FakeResponse {
  return { status: 204, headers: {} };
}
