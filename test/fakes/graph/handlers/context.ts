// What every handler needs besides the request.

import type { GraphState } from '../state';

export interface HandlerContext {
  state: GraphState;
  /** e.g. "https://127.0.0.1:PORT", used to build absolute nextLinks. */
  baseUrl: string;
  pageSize: number;
}
