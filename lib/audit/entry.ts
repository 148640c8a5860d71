/**
 * One access-log record: what one department's subgraph released (or withheld) of personal
 * data for one request, and to whom. Every subgraph writes one per request that touched
 * personal data; a client request that reads from three departments leaves three records
 * with the same `requestId` — one disclosure per provider, as a data subject would want it
 * told ("公安局 gave your phone number to 民政局 for 低保核对").
 *
 * The record is stored as the exact canonical JSON text that was hashed (`body`); the table's
 * other columns are an index over it that `verify` checks against the body, so no column can
 * be edited to make a search lie.
 */
import { createHmac } from 'node:crypto';
import { CryptoError, smSuite } from '../crypto';
import type { Requester } from '../identity/claims';

/** What was decided for a group of fields over a group of subjects. */
export interface AccessRead {
  /** `full`, `masked(<rule>)` or `denied(<reason>)` — the format of `govgraph policy explain`. */
  decision: string;
  /** `Type.field` paths that got this decision for every subject listed. */
  paths: string[];
  /** Whose records: 身份号码, 统一社会信用代码 or another record key, sorted. */
  subjects: string[];
}

/** What a subgraph hands to the log. */
export interface AccessEntryInput {
  requestId: string;
  /** ISO 8601 UTC, millisecond precision. */
  at: string;
  /** `data` for a read of personal data; `audit-read` when someone read this log. */
  kind: 'data' | 'audit-read';
  /** The subgraph that served the data, and its provider department. */
  service: string;
  provider: string;
  user: string;
  dept: string;
  division: string;
  roles: string[];
  purpose: string | null;
  grantId: string | null;
  policyRevision: string;
  operationName: string | null;
  /** SHA-256 (hex) of the client's operation document, as the gateway received it. */
  operationHash: string | null;
  reads: AccessRead[];
}


/** A record's fields apart from its reads, from the request it belongs to. */
export function accessEntry(
  who: Requester,
  request: { requestId: string; kind: AccessEntryInput['kind']; service: string; provider: string; policyRevision: string; operation: { name?: string; hash?: string } },
  reads: AccessRead[],
  at = new Date(),
): AccessEntryInput {
  return {
    requestId: request.requestId,
    at: at.toISOString(),
    kind: request.kind,
    service: request.service,
    provider: request.provider,
    user: who.user,
    dept: who.dept,
    division: who.division,
    roles: who.roles,
    purpose: who.purpose ?? null,
    grantId: who.grantId ?? null,
    policyRevision: request.policyRevision,
    operationName: request.operation.name ?? null,
    operationHash: request.operation.hash ?? null,
    reads,
  };
}

/** A record as stored: the input plus its place in its writer's chain. */
export interface AccessEntry extends AccessEntryInput {
  /** The chain this record belongs to (one per subgraph). */
  writer: string;
  /** 1, 2, 3 … within the writer's chain, without gaps. */
  seq: number;
}

/** The hash a chain starts from. */
export const GENESIS_HASH = '0'.repeat(64);

/** JSON with object keys sorted at every level: one text for one value, whoever writes it. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) {
    // A list of plain values (the subjects, the paths) is canonical as JSON.stringify writes it.
    if (value.every((v) => v === null || typeof v !== 'object')) return JSON.stringify(value);
    return `[${value.map(canonicalJson).join(',')}]`;
  }
  const obj = value as Record<string, unknown>;
  const keys = Object.keys(obj)
    .filter((k) => obj[k] !== undefined)
    .sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(obj[k])}`).join(',')}}`;
}

/**
 * The stored text of a record. Compact: the record's subjects are listed once, and a read
 * that concerns all of them (the usual case: every field of a list) says `"subjects": null`
 * instead of repeating 500 身份号码 per field group. {@link parseEntryBody} expands it.
 */
export function entryBody(entry: AccessEntry, subjects: string[] = subjectsOf(entry)): string {
  const all = subjects.join('\u0000');
  const reads = entry.reads.map((r) => (r.subjects.length === subjects.length && r.subjects.join('\u0000') === all ? { ...r, subjects: null } : r));
  return canonicalJson({ ...entry, subjects, reads });
}

/** A stored body back as the record it describes (every read with its subjects). */
export function parseEntryBody(body: string): AccessEntry {
  const stored = JSON.parse(body) as AccessEntry & { subjects?: string[]; reads: Array<Omit<AccessRead, 'subjects'> & { subjects: string[] | null }> };
  const { subjects = [], ...entry } = stored;
  return { ...entry, reads: stored.reads.map((r) => ({ ...r, subjects: r.subjects ?? subjects })) };
}

/**
 * hash(n) = HMAC-SHA-256(log key, hash(n-1) ‖ "\n" ‖ body(n)), hex — HMAC-SM3 instead in a
 * record written under the national suite (GOVGRAPH_CRYPTO=sm; the row's `suite` says which).
 *
 * Keyed, not a bare SHA-256: anyone who can write to the database could otherwise edit a
 * record and recompute every later hash, or append a well-formed fake record. Without the
 * log key (held by the writing subgraphs and the verifier, never by the database) neither
 * passes `govgraph audit verify`; signed checkpoints (checkpoint.ts) then protect history even
 * against a holder of the log key.
 */
export function chainHash(key: Buffer, prevHash: string, body: string, suite: ChainSuite = 'intl'): string {
  if (suite === 'sm') return smSuite.mac(key, prevHash, '\n', body).toString('hex');
  if (suite !== 'intl') throw new CryptoError('CRYPTO_SUITE_UNKNOWN', `no cryptographic suite "${String(suite)}" (intl or sm)`);
  return createHmac('sha256', key).update(prevHash).update('\n').update(body).digest('hex');
}

/** The suites a record's hash may be made with (GOVGRAPH_CRYPTO, lib/config.ts). */
export type ChainSuite = 'intl' | 'sm';

/** Every subject of a record, deduplicated and sorted (the citizen-view index). */
export function subjectsOf(entry: Pick<AccessEntryInput, 'reads'>): string[] {
  return [...new Set(entry.reads.flatMap((r) => r.subjects))].sort();
}

/** Every field path of a record, deduplicated and sorted. */
export function pathsOf(entry: Pick<AccessEntryInput, 'reads'>): string[] {
  return [...new Set(entry.reads.flatMap((r) => r.paths))].sort();
}

/** Every decision of a record (`full`, `masked(phone)`, `denied(GRANT_REQUIRED)` …), sorted. */
export function decisionsOf(entry: Pick<AccessEntryInput, 'reads'>): string[] {
  return [...new Set(entry.reads.map((r) => r.decision))].sort();
}
