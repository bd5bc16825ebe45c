// Graph's error envelope. Handlers throw GraphError; the router and batch turn
// it into {"error":{code,message,innerError}} so no handler formats errors itself.

import { randomUUID } from 'node:crypto';
import { json } from './responses';
import type { FakeResponse } from './types';

export class GraphError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly innerCode?: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'GraphError';
  }

  toResponse(): FakeResponse {
    return json(this.status, errorBody(this.code, this.message, this.innerCode), this.headers);
  }
}

export function errorBody(code: string, message: string, innerCode?: string): unknown {
  const requestId = randomUUID();
  // innerError.date has no milliseconds in real responses.
  const date = new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
  const innerError: Record<string, string> = {};
  if (innerCode !== undefined) innerError.code = innerCode;
  innerError.date = date;
  innerError['request-id'] = requestId;
  innerError['client-request-id'] = requestId;
  return { error: { code, message, innerError } };
}

export function invalidRequest(message: string, innerCode?: string): GraphError {
  return new GraphError(400, 'invalidRequest', message, innerCode);
}

export function itemNotFound(message: string): GraphError {
  return new GraphError(404, 'itemNotFound', message);
}

/** What Graph says for a path segment it cannot map to anything. */
export function segmentNotFound(segment: string): GraphError {
  return new GraphError(400, 'BadRequest', `Resource not found for the segment '${segment}'.`);
}

export function methodNotAllowed(method: string): GraphError {
  return new GraphError(405, 'invalidRequest', `The HTTP method '${method}' is not allowed on this resource.`);
}

export function nameAlreadyExists(message: string): GraphError {
  return new GraphError(409, 'nameAlreadyExists', message);
}

/** The statuses a test may choose for a duplicate in a unique column; see README.md. */
export type UniqueViolationStatus = 400 | 409 | 500;

/**
 * A write that would repeat a value in a unique column. Graph does not document
 * the status: 409 is our default, SharePoint REST answers 500
 * (SPDuplicateValuesFoundException) and other clients report 400.
 */
export function duplicateValues(status: UniqueViolationStatus, columnName: string): GraphError {
  const message = `The list item could not be added or updated because duplicate values were found in the following field(s) in the list: [${columnName}].`;
  if (status === 409) return nameAlreadyExists(message);
  if (status === 500) return new GraphError(500, 'generalException', message, 'SPDuplicateValuesFoundException');
  return invalidRequest(message);
}

/** A property the OData type does not declare; Graph rejects these rather than ignoring them. */
export function unknownProperty(property: string, typeName: string): GraphError {
  return invalidRequest(
    `The property '${property}' does not exist on type '${typeName}'. Make sure to only use property names that are defined by the type.`,
  );
}
