// Shapes shared by the fake's modules. They live apart from the server so that
// handlers, batch and state can import types without importing each other.

import type { ParsedQuery } from './query';

/** One request as the router sees it, whether it came over HTTPS or from inside a $batch. */
export interface FakeRequest {
  /** Upper case, e.g. "PATCH". */
  method: string;
  /** Path below the version segment, still percent-encoded, e.g. "/sites/x/lists". */
  path: string;
  query: ParsedQuery;
  /** Header names in lower case. */
  headers: Record<string, string>;
  /** Parsed JSON body, or undefined when there was none. */
  body: unknown;
  /**
   * "https://host:port" as the client addressed the fake (its Host header),
   * for @odata.nextLink: Graph's links point at the host that was called, so
   * a client configured with a national cloud's host gets links on that host.
   * Inner $batch requests inherit the batch's.
   */
  origin?: string;
}

export interface FakeResponse {
  status: number;
  headers: Record<string, string>;
  body?: unknown;
}

/** An inner request of a $batch, as received and as answered. */
export interface RecordedInnerRequest {
  id: string;
  method: string;
  url: string;
  headers: Record<string, string>;
  /** The ids it was sent as depending on; empty when none. */
  dependsOn: string[];
  status: number;
}

/** One outer HTTP request the fake received. */
export interface RecordedRequest {
  method: string;
  /** Path and query exactly as sent, e.g. "/v1.0/sites/…/items?expand=fields". */
  path: string;
  /** Header names in lower case. */
  headers: Record<string, string>;
  status: number;
  isBatch: boolean;
  /** Number of inner requests in a $batch body; 0 otherwise. */
  innerCount: number;
  /** Parsed JSON body, when there was one. */
  body?: unknown;
  /** For a $batch: each inner request and the status it got. */
  inner?: RecordedInnerRequest[];
}

export interface TextColumn {
  allowMultipleLines: boolean;
  appendChangesToExistingText: boolean;
  linesForEditing: number;
  maxLength?: number;
  textType: 'plain' | 'richText';
}

export interface ChoiceColumn {
  allowTextEntry: boolean;
  choices: string[];
  displayAs: 'checkBoxes' | 'dropDownMenu' | 'radioButtons';
}

export interface DateTimeColumn {
  displayAs: 'default' | 'friendly' | 'standard';
  format: 'dateOnly' | 'dateTime';
}

export interface NumberColumn {
  decimalPlaces: string;
  displayAs: 'number' | 'percentage';
  minimum?: number;
  maximum?: number;
}

export interface PersonOrGroupColumn {
  allowMultipleSelection: boolean;
  chooseFromType: 'peopleAndGroups' | 'peopleOnly';
  displayAs: string;
}

export interface LookupColumn {
  listId: string;
  columnName: string;
  allowMultipleValues: boolean;
  allowUnlimitedLength: boolean;
  primaryLookupColumnId?: string;
}

export interface CalculatedColumn {
  formula: string;
  outputType: string;
  format?: string;
}

/** Graph's columnDefinition, with the defaults the fake fills in. Exactly one facet is set. */
export interface ColumnDefinition {
  id: string;
  name: string;
  displayName: string;
  description: string;
  columnGroup: string;
  enforceUniqueValues: boolean;
  hidden: boolean;
  indexed: boolean;
  readOnly: boolean;
  required: boolean;
  defaultValue?: unknown;
  validation?: unknown;
  boolean?: Record<string, never>;
  calculated?: CalculatedColumn;
  choice?: ChoiceColumn;
  currency?: { locale: string };
  dateTime?: DateTimeColumn;
  lookup?: LookupColumn;
  number?: NumberColumn;
  personOrGroup?: PersonOrGroupColumn;
  text?: TextColumn;
  hyperlinkOrPicture?: { isPicture: boolean };
}
