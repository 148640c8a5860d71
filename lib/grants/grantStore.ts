/**
 * Grants approved through the application workflow, kept in the platform operator's
 * database (the sharing subgraph's), next to the file grants in `policies/grants/`.
 *
 * The sharing subgraph writes them; every subgraph process reads them through
 * {@link DatabaseGrantSource}, which polls a cheap change marker and hands the policy store a
 * new grant list within {@link POLL_MS} of an approval or a revocation — no deploy, no restart.
 */
import type { Knex } from 'knex';
import type { Database } from '../db';
import { toCount } from '../db';
import { GrantSchema, type Grant } from '../policy/schema';
import type { GrantSource } from '../policy/store';
import { withLogger, type Logger } from '../log';
import type { GrantIntegrity, MacedGrantColumns } from './integrity';

const DDL = [
  'CREATE SEQUENCE IF NOT EXISTS sharing_grant_version',
  'CREATE SEQUENCE IF NOT EXISTS sharing_grant_seq',
  `CREATE TABLE IF NOT EXISTS sharing_grant (
    id             text        PRIMARY KEY,
    application_id text,
    consumer       text        NOT NULL,
    purpose        text        NOT NULL,
    fields         text[]      NOT NULL,
    unmasked       text[]      NOT NULL,
    jurisdiction   text        NOT NULL,
    valid_from     date        NOT NULL,
    valid_until    date        NOT NULL,
    approved_by    text        NOT NULL,
    approved_at    timestamptz NOT NULL,
    revoked_at     timestamptz,
    revoked_by     text,
    revoke_reason  text,
    version        bigint      NOT NULL DEFAULT nextval('sharing_grant_version'),
    mac            text
  )`,
  'CREATE INDEX IF NOT EXISTS sharing_grant_consumer ON sharing_grant (consumer)',
];

export async function migrateGrants(db: Database): Promise<void> {
  for (const statement of DDL) await db.knex.raw(statement);
}

/** A row of sharing_grant. */
export interface GrantRow extends MacedGrantColumns {
  /** Its MAC (lib/grants/integrity.ts); a row without a valid one is not honoured. */
  mac?: string | null;
}

export type NewGrant = Omit<GrantRow, 'revoked_at' | 'revoked_by' | 'revoke_reason' | 'approved_at' | 'mac'> & { approved_at: string };

/** Stores a new grant with its MAC. */
export async function insertGrant(knex: Knex, grant: NewGrant, integrity: GrantIntegrity): Promise<void> {
  await knex('sharing_grant').insert({ ...grant, mac: integrity.mac({ ...grant, revoked_at: null, revoked_by: null, revoke_reason: null }) });
}

/** Marks a grant revoked (once), its MAC made anew over the revocation; returns whether this call revoked it. */
export async function revokeGrantRow(knex: Knex, id: string, by: string, reason: string, at: Date, integrity: GrantIntegrity): Promise<boolean> {
  const row = await knex<GrantRow>('sharing_grant').where({ id }).whereNull('revoked_at').first();
  if (!row) return false;
  const revocation = { revoked_at: at.toISOString(), revoked_by: by, revoke_reason: reason };
  const n = await knex('sharing_grant')
    .where({ id })
    .whereNull('revoked_at')
    .update({ ...revocation, mac: integrity.mac({ ...row, ...revocation }), version: knex.raw("nextval('sharing_grant_version')") });
  return toCount(n) === 1;
}

export async function grantRows(knex: Knex, where: Partial<Pick<GrantRow, 'id' | 'consumer' | 'application_id'>> = {}): Promise<GrantRow[]> {
  return knex<GrantRow>('sharing_grant').where(where).orderBy('id');
}

export async function grantsByIds(knex: Knex, ids: readonly string[]): Promise<GrantRow[]> {
  return knex<GrantRow>('sharing_grant').whereIn('id', ids as string[]);
}

const iso = (v: Date | string | null): string | undefined => (v === null ? undefined : new Date(v).toISOString());

/** A stored grant as the policy engine's Grant; throws if the row does not validate. */
export function grantOfRow(row: GrantRow): Grant {
  return GrantSchema.parse({
    id: row.id,
    consumer: row.consumer,
    purpose: row.purpose,
    fields: row.fields,
    unmasked: row.unmasked,
    jurisdiction: row.jurisdiction,
    validFrom: row.valid_from,
    validUntil: row.valid_until,
    approvedBy: row.approved_by,
    ...(row.revoked_at ? { revokedAt: iso(row.revoked_at) } : {}),
    note: row.application_id ? `approved application ${row.application_id}` : undefined,
  });
}

/**
 * Poll interval. @default 500 ms: an approval or revocation is in force everywhere within
 * about half a second (the product promises 2 s), for one indexed aggregate per poll.
 */
export const POLL_MS = 500;

/** The workflow's grants, as a {@link GrantSource} for the policy store. */
export class DatabaseGrantSource implements GrantSource {
  private grants: Grant[] = [];
  private marker = '';
  private readonly listeners = new Set<() => void>();
  private timer?: NodeJS.Timeout;
  private polling?: Promise<void>;

  private constructor(
    private readonly db: Database,
    private readonly log: Logger,
    private readonly integrity: GrantIntegrity,
  ) {}

  /** Loads the grants once (so the first request already sees them), then polls. Rows whose MAC does not check out are not honoured. */
  static async open(db: Database, log: Logger, integrity: GrantIntegrity): Promise<DatabaseGrantSource> {
    const source = new DatabaseGrantSource(db, log, integrity);
    // The polls' SQL is traced under this logger's service (lib/db/trace.ts).
    await withLogger(log, () => source.refresh());
    source.timer = setInterval(() => withLogger(log, () => void source.refresh().catch(() => undefined)), POLL_MS);
    source.timer.unref();
    return source;
  }

  current(): { grants: Grant[] } {
    return { grants: this.grants };
  }

  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Re-reads now if anything changed (the workflow calls it after a change in this process). */
  refresh(): Promise<void> {
    this.polling ??= this.poll().finally(() => (this.polling = undefined));
    return this.polling;
  }

  close(): void {
    clearInterval(this.timer);
  }

  private async poll(): Promise<void> {
    let marker: string;
    try {
      const [row] = await this.db.knex('sharing_grant').select(this.db.knex.raw('count(*) as n, coalesce(max(version), 0) as v'));
      marker = `${toCount((row as { n: unknown }).n)}.${toCount((row as { v: unknown }).v)}`;
      if (marker === this.marker) return;
      const grants: Grant[] = [];
      for (const row of await grantRows(this.db.knex)) {
        const problem = this.integrity.problem(row);
        if (problem) {
          // Written or edited without the key: in the database, not through the workflow.
          this.log.error({ grantId: row.id, problem }, 'stored grant fails its integrity check (MAC); it is not honoured');
          continue;
        }
        try {
          grants.push(grantOfRow(row));
        } catch (err) {
          // One bad row must not take the others down; it is simply not honoured.
          this.log.error({ err, grantId: row.id }, 'stored grant does not validate; it is not honoured');
        }
      }
      this.grants = grants;
      this.marker = marker;
    } catch (err) {
      // The last grants read stay in force; revocations made meanwhile wait for the database.
      this.log.error({ err }, 'could not read workflow grants; the last ones read stay in force');
      return;
    }
    for (const listener of this.listeners) listener();
  }
}
