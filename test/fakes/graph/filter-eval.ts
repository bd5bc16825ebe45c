// Turns a parsed $filter into a predicate, given how each property path is
// typed and read. Type mismatches are 400s rather than silently false.

import { parseIsoInstant } from './dates';
import { invalidRequest } from './errors';
import type { CompareOp, FilterExpr, Literal } from './odata-filter';

export type ValueKind = 'string' | 'number' | 'boolean' | 'datetime';

export interface FilterTarget<T> {
  kind: ValueKind;
  read(subject: T): unknown;
}

/** Maps a path such as "fields/Status" to a typed reader; throws a GraphError for unknown paths. */
export type Resolver<T> = (path: string) => FilterTarget<T>;

type Comparable = string | number | boolean;

function literalFor(kind: ValueKind, literal: Literal, path: string): Comparable {
  const mismatch = () => invalidRequest(`The literal ${JSON.stringify(literal)} cannot be compared with '${path}' (${kind}).`);
  switch (kind) {
    case 'string':
      if (literal.type !== 'string') throw mismatch();
      return literal.value.toLowerCase();
    case 'number':
      if (literal.type === 'number') return literal.value;
      if (literal.type === 'string' && /^-?\d+(\.\d+)?$/.test(literal.value)) return Number(literal.value);
      throw mismatch();
    case 'boolean':
      if (literal.type !== 'boolean') throw mismatch();
      return literal.value;
    case 'datetime': {
      const ms = literal.type === 'datetime' || literal.type === 'string' ? parseIsoInstant(literal.value) : undefined;
      if (ms === undefined) throw mismatch();
      return ms;
    }
  }
}

// SharePoint compares text case-insensitively, so values are folded the same way as literals.
function valueFor(kind: ValueKind, value: unknown): Comparable | undefined {
  if (value === undefined || value === null) return undefined;
  switch (kind) {
    case 'string':
      return typeof value === 'string' ? value.toLowerCase() : undefined;
    case 'number':
      return Number(value);
    case 'boolean':
      return Boolean(value);
    case 'datetime':
      return typeof value === 'string' ? parseIsoInstant(value) : undefined;
  }
}

function compare(op: CompareOp, a: Comparable, b: Comparable): boolean {
  switch (op) {
    case 'eq':
      return a === b;
    case 'ne':
      return a !== b;
    case 'lt':
      return a < b;
    case 'gt':
      return a > b;
    case 'le':
      return a <= b;
    case 'ge':
      return a >= b;
  }
}

export function compileFilter<T>(expr: FilterExpr, resolve: Resolver<T>): (subject: T) => boolean {
  switch (expr.kind) {
    case 'and': {
      const [left, right] = [compileFilter(expr.left, resolve), compileFilter(expr.right, resolve)];
      return (subject) => left(subject) && right(subject);
    }
    case 'or': {
      const [left, right] = [compileFilter(expr.left, resolve), compileFilter(expr.right, resolve)];
      return (subject) => left(subject) || right(subject);
    }
    case 'startswith': {
      const target = resolve(expr.path);
      if (target.kind !== 'string') throw invalidRequest(`startswith needs a text field; '${expr.path}' is ${target.kind}.`);
      const prefix = expr.prefix.toLowerCase();
      return (subject) => {
        const value = valueFor('string', target.read(subject));
        return typeof value === 'string' && value.startsWith(prefix);
      };
    }
    case 'compare': {
      const target = resolve(expr.path);
      const { op, literal } = expr;
      if (literal.type === 'null') {
        if (op !== 'eq' && op !== 'ne') throw invalidRequest(`null can only be compared with eq or ne, not ${op}.`);
        return (subject) => (valueFor(target.kind, target.read(subject)) === undefined) === (op === 'eq');
      }
      if (target.kind === 'boolean' && op !== 'eq' && op !== 'ne')
        throw invalidRequest(`Boolean field '${expr.path}' can only be compared with eq or ne.`);
      const wanted = literalFor(target.kind, literal, expr.path);
      return (subject) => {
        const raw = target.read(subject);
        // A multi-valued field matches when any of its values does.
        const values = (Array.isArray(raw) ? raw : [raw]).map((v) => valueFor(target.kind, v));
        if (values.every((v) => v === undefined)) return op === 'ne';
        return values.some((v) => v !== undefined && compare(op, v, wanted));
      };
    }
  }
}
