/**
 * What govgraph's spans may carry (README, "Traces"): attribute names, and the rules that keep
 * personal data out of them. Nothing here loads OpenTelemetry, so it costs nothing while
 * tracing is off.
 *
 * The rule is the metrics' (lib/metrics/index.ts): no argument, no variable, no identifier, no
 * name, no user — only what says which service, which consumer department, for which purpose,
 * which operation and which request. SQL is recorded as the statement text with its
 * placeholders, never its bindings (they hold 身份号码).
 */

/** Attribute names: OpenTelemetry's semantic conventions where one fits, `govgraph.*` otherwise. */
export const ATTR = {
  /** The request id the gateway assigns (X-Request-Id, lib/requestContext.ts); the access log and the logs carry it too. */
  requestId: 'govgraph.request.id',
  /** The service that opened the span: `gateway`, `population` … (several share one process under `npm start`). */
  service: 'govgraph.service',
  /** The consumer department of the verified token (`dept`), e.g. `civil-affairs`. */
  department: 'govgraph.consumer.department',
  /** The request's X-Purpose when it is a code ({@link purposeAttribute}). */
  purpose: 'govgraph.purpose',
  /** The subgraph a gateway client span calls. */
  subgraph: 'govgraph.subgraph',
  /** The distinct `extensions.code`s of a GraphQL response's errors (`FORBIDDEN`, `AUDIT_UNAVAILABLE` …). */
  errorCodes: 'govgraph.graphql.error_codes',
  operationName: 'graphql.operation.name',
  operationType: 'graphql.operation.type',
  httpMethod: 'http.request.method',
  httpRoute: 'http.route',
  httpStatus: 'http.response.status_code',
  urlPath: 'url.path',
  urlFull: 'url.full',
  serverAddress: 'server.address',
  serverPort: 'server.port',
  errorType: 'error.type',
  dbSystem: 'db.system',
  dbStatement: 'db.statement',
  dbOperation: 'db.operation.name',
  dbRows: 'db.response.returned_rows',
} as const;

/**
 * A purpose as sent is free text (X-Purpose, up to 512 characters: lib/identity/credential.ts):
 * a consumer may well write who the check is about. A span carries it only when it is a code —
 * `dibao-verification`, `tax-audit` — ASCII letters, digits and `-_.:`, at most 64 characters,
 * with no run of more than four digits (a 身份号码 or a phone number is no code); anything else
 * is recorded as `(text)`.
 */
export function purposeAttribute(purpose: string | undefined): string | undefined {
  if (purpose === undefined) return undefined;
  return /^[A-Za-z][A-Za-z0-9._:-]{0,63}$/.test(purpose) && !/\d{5}/.test(purpose) ? purpose : '(text)';
}

/** A GraphQL operation name as clients write it (the metrics' rule, lib/metrics/index.ts). */
export function operationNameAttribute(name: string | null | undefined): string | undefined {
  return name && /^[_A-Za-z][_0-9A-Za-z]{0,99}$/.test(name) ? name : undefined;
}

/**
 * The statement text a SQL span carries. knex hands it over with placeholders (`?`, `$1`) and
 * the values apart — the values are never read here. As a second guard, against a statement
 * built with a value spelled into it, every string literal becomes `'?'` and every run of six
 * or more digits `?`.
 */
export function statementText(sql: string, system: 'postgresql' | 'mysql'): string {
  // MySQL quotes identifiers with backticks (as knex does) and strings with either quote.
  const literal = system === 'mysql' ? /'(?:[^'\\]|\\.|'')*'|"(?:[^"\\]|\\.|"")*"/g : /'(?:[^']|'')*'/g;
  return sql.replace(literal, "'?'").replace(/(?<![\w$])\d{6,}(?!\w)/g, '?');
}

/** The statement's first keyword, `SELECT`, `INSERT` …: the SQL span's name. */
export function statementOperation(sql: string): string {
  const m = /^\s*(?:\/\*.*?\*\/\s*)?\(?\s*([A-Za-z]+)/s.exec(sql);
  return m ? m[1].toUpperCase() : 'SQL';
}
