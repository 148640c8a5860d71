/**
 * The contract's custom scalars, implemented once for every subgraph:
 * `Date` (YYYY-MM-DD, GB/T 7408), `DateTime` (ISO 8601 with offset) and `GeoJSON`.
 */
import { GraphQLScalarType, Kind, ValueNode } from 'graphql';
import { errors } from './errors';
import { checkBirthDate } from './ids/idNumber';

function dateString(value: unknown): string {
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) return value;
  throw new TypeError(`Date cannot represent ${String(value)}`);
}

function parseDate(value: unknown): string {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value) || checkBirthDate(value.replace(/-/g, ''), new Date(8.64e15))) {
    throw errors.badUserInput(`Date must be a calendar date as YYYY-MM-DD, got ${JSON.stringify(value)}.`);
  }
  return value;
}

export const DateScalar = new GraphQLScalarType({
  name: 'Date',
  description: 'A calendar date, YYYY-MM-DD (GB/T 7408).',
  serialize: dateString,
  parseValue: parseDate,
  parseLiteral: (ast: ValueNode) => parseDate(ast.kind === Kind.STRING ? ast.value : undefined),
});

function dateTimeString(value: unknown): string {
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'string' && !Number.isNaN(Date.parse(value))) return new Date(value).toISOString();
  throw new TypeError(`DateTime cannot represent ${String(value)}`);
}

function parseDateTime(value: unknown): string {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(value) || Number.isNaN(Date.parse(value))) {
    throw errors.badUserInput(`DateTime must be ISO 8601 with an offset, got ${JSON.stringify(value)}.`);
  }
  return value;
}

export const DateTimeScalar = new GraphQLScalarType({
  name: 'DateTime',
  description: 'An instant, ISO 8601 with offset (served in UTC).',
  serialize: dateTimeString,
  parseValue: parseDateTime,
  parseLiteral: (ast: ValueNode) => parseDateTime(ast.kind === Kind.STRING ? ast.value : undefined),
});

export const GeoJSONScalar = new GraphQLScalarType({
  name: 'GeoJSON',
  description: 'A GeoJSON geometry object (RFC 7946), WGS 84 longitude/latitude.',
  serialize: (value: unknown) => (typeof value === 'string' ? JSON.parse(value) : value),
  parseValue: (value: unknown) => value,
});

/** Resolver-map entries for the scalars a subgraph declares. */
export const scalarResolvers = { Date: DateScalar, DateTime: DateTimeScalar, GeoJSON: GeoJSONScalar };
