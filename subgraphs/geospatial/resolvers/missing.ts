/**
 * A row that a non-null field points at is missing from the legacy database (a dangling
 * code). That is a data fault at the source, not a client error: it is thrown as a plain
 * Error so the server masks it to INTERNAL_SERVER_ERROR and logs this message with the log id.
 */
export function missing(table: string, key: string, referrer: string): never {
  throw new Error(`${table} has no row ${key}, referenced by ${referrer}`);
}
