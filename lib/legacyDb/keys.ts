/**
 * Primary keys of legacy tables as the API sees them: `ID` arguments and entity
 * representations checked before they reach SQL (an `abc` for an integer column would
 * otherwise be a database error, masked as INTERNAL_SERVER_ERROR, instead of BAD_USER_INPUT),
 * and composite keys folded into one DataLoader key.
 */
import { errors } from '../errors';

export interface KeySpec {
  /** The legacy column. */
  column: string;
  /**
   * `int`: digits only (an integer column); `number`: a decimal number (DECIMAL, float);
   * `date`: YYYY-MM-DD; `text`: any non-empty text.
   */
  kind: 'int' | 'number' | 'date' | 'text';
  /** For text keys: the column's declared width. */
  maxLength?: number;
}

/** PostgreSQL bigint holds 19 digits; one more would be a database error. */
const INT_KEY = /^-?\d{1,18}$/;
const NUMBER_KEY = /^-?\d{1,30}(\.\d{1,30})?$/;
const DATE_KEY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * A key value from an argument or an `_entities` representation (which is `_Any`: a key may
 * arrive as a number, null or missing), checked against its column; the loader key text.
 */
export function requireKey(value: unknown, spec: KeySpec, argumentName: string): string {
  const t = typeof value === 'string' ? value.trim() : typeof value === 'number' && Number.isInteger(value) ? String(value) : '';
  if (t === '') throw errors.badUserInput(`${argumentName} must be a non-empty key (${spec.column}).`, argumentName);
  if (spec.kind === 'int' && !INT_KEY.test(t)) throw errors.badUserInput(`${argumentName} must be a whole number (${spec.column}).`, argumentName);
  if (spec.kind === 'number' && !NUMBER_KEY.test(t)) throw errors.badUserInput(`${argumentName} must be a number (${spec.column}).`, argumentName);
  if (spec.kind === 'date' && (!DATE_KEY.test(t) || Number.isNaN(Date.parse(t)))) throw errors.badUserInput(`${argumentName} must be a date, YYYY-MM-DD (${spec.column}).`, argumentName);
  if (spec.kind === 'text' && spec.maxLength !== undefined && t.length > spec.maxLength) {
    throw errors.badUserInput(`${argumentName} is at most ${spec.maxLength} characters (${spec.column}).`, argumentName);
  }
  return t;
}

/** One DataLoader key for a composite primary key (its parts in key order). */
export function compositeKey(parts: ReadonlyArray<string | number | null>): string {
  return JSON.stringify(parts.map((p) => (p === null ? null : String(p))));
}

/** The parts of a {@link compositeKey}, for `whereIn([columns], tuples)`. */
export function keyParts(key: string): string[] {
  return JSON.parse(key) as string[];
}

/** A reference to a row by a foreign key, or `null` when any part of it is null. */
export function referenceKey(parts: ReadonlyArray<string | number | null>): string | null {
  if (parts.some((p) => p === null)) return null;
  return parts.length === 1 ? String(parts[0]) : compositeKey(parts);
}

/** `loadMany` results in request order: a failed key fails the call, as a failed batch fails every key. */
export function rowsOrThrow<T>(results: ReadonlyArray<T | Error>): T[] {
  return results.map((r) => {
    if (r instanceof Error) throw r;
    return r;
  });
}
