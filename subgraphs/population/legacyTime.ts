/**
 * The department stores TIMESTAMP WITHOUT TIME ZONE in Beijing time, as Chinese legacy
 * systems do. Converting here, in text, keeps the result independent of the server's,
 * the session's and Node's time zones (node-pg would otherwise read a zone-less
 * timestamp as *local* time).
 */

/** Beijing time has had no daylight saving since 1991, so a fixed offset is exact. */
export const LEGACY_UTC_OFFSET = '+08:00';
const OFFSET_MS = 8 * 3_600_000;

/** The `to_char` pattern that reads a legacy timestamp back as ISO text without a zone. */
export const LEGACY_TIMESTAMP_FORMAT = 'YYYY-MM-DD"T"HH24:MI:SS.MS';

/** An instant (ISO 8601) → the legacy column's Beijing wall-clock text. */
export function toLegacyTimestamp(iso: string): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) throw new RangeError(`not an ISO 8601 instant: ${iso}`);
  return new Date(ms + OFFSET_MS).toISOString().slice(0, 23).replace('T', ' ');
}

/** Beijing wall-clock text (as formatted by LEGACY_TIMESTAMP_FORMAT) → an ISO 8601 instant in UTC. */
export function fromLegacyTimestamp(wallClock: string): string {
  const ms = Date.parse(`${wallClock.replace(' ', 'T')}${LEGACY_UTC_OFFSET}`);
  if (Number.isNaN(ms)) throw new RangeError(`not a legacy timestamp: ${wallClock}`);
  return new Date(ms).toISOString();
}
