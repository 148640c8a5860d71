/**
 * The integrity of the workflow's grants at rest (GB/T 39786 访问控制信息完整性; README,
 * "National algorithms (国密)"). Every row of `sharing_grant` carries a MAC over everything it
 * grants — consumer, purpose, fields, unmasked fields, jurisdiction, validity, approvers — and
 * over its revocation, keyed with the access log's key (GOVGRAPH_AUDIT_KEY), which the platform
 * that writes grants and every subgraph that reads them already hold. A row written or edited
 * in the database without the key — a field list widened, a validity prolonged, a revocation
 * cleared, a grant inserted by hand — fails its check, is not honoured, and is logged.
 *
 * The MAC names its algorithm (`HS256:` or `HSM3:`, lib/crypto/suite.ts) and is checked in the
 * suite it names, so grants written before GOVGRAPH_CRYPTO changed stay in force; rows are
 * written in the suite in force. What the MAC cannot see: a row put back, MAC and all, to a state
 * it really had before (a revocation undone by restoring the earlier row) — revocations are also
 * in each application's history, and the database's own audit is the deployment's.
 */
import type { Knex } from 'knex';
import { cryptoSuite, isCryptoError, type CryptoSuite } from '../crypto';
import { cryptoSuiteName } from '../config';

/** The columns of a `sharing_grant` row (lib/grants/grantStore.ts) that its MAC covers: all but the MAC and the change counter. */
export interface MacedGrantColumns {
  id: string;
  application_id: string | null;
  consumer: string;
  purpose: string;
  fields: string[];
  unmasked: string[];
  jurisdiction: string;
  valid_from: string;
  valid_until: string;
  approved_by: string;
  approved_at: Date | string;
  revoked_at: Date | string | null;
  revoked_by: string | null;
  revoke_reason: string | null;
}

/** Keeps the MAC apart from every other use of the same key (the access log's chain). */
const DOMAIN = 'govgraph grant v1\0';

const iso = (v: Date | string | null): string | null => (v === null ? null : new Date(v).toISOString());
/** A `date` column as YYYY-MM-DD, whether the driver hands over text or a Date. */
const day = (v: string | Date): string => (v instanceof Date ? v.toISOString().slice(0, 10) : String(v).slice(0, 10));

/** The row's content in one fixed form, independent of driver types and column order. */
function canonical(row: MacedGrantColumns): string {
  return JSON.stringify([
    row.id,
    row.application_id,
    row.consumer,
    row.purpose,
    [...row.fields],
    [...row.unmasked],
    row.jurisdiction,
    day(row.valid_from),
    day(row.valid_until),
    row.approved_by,
    iso(row.approved_at),
    iso(row.revoked_at),
    row.revoked_by,
    row.revoke_reason,
  ]);
}

/** Why a stored grant's MAC did not check out, for the log. */
export type GrantIntegrityProblem = 'missing' | 'altered' | 'unknown-algorithm';

export class GrantIntegrity {
  /** @param key the access log's key (GOVGRAPH_AUDIT_KEY). @param suite the suite new MACs are written in. */
  constructor(
    private readonly key: Buffer,
    private readonly suite: CryptoSuite = cryptoSuite(cryptoSuiteName()),
  ) {}

  /** The MAC of `row` as it is to be stored. */
  mac(row: MacedGrantColumns): string {
    return this.suite.tag(this.key, DOMAIN, canonical(row));
  }

  /** What is wrong with the stored row's MAC, or undefined if it is the row's own. */
  problem(row: MacedGrantColumns & { mac?: string | null }): GrantIntegrityProblem | undefined {
    if (!row.mac) return 'missing';
    const suite = suiteOfTag(row.mac);
    if (!suite) return 'unknown-algorithm';
    try {
      return suite.verifyTag(this.key, row.mac, DOMAIN, canonical(row)) ? undefined : 'altered';
    } catch (err) {
      if (isCryptoError(err)) return 'altered';
      throw err;
    }
  }

  /**
   * Adds the MAC column to a `sharing_grant` table made before grants carried MACs and MACs the
   * rows it holds — once: the column's arrival is the one moment rows without a MAC are trusted
   * (a table made since has the column from the start). From then on a row without a MAC, one
   * written around the workflow, is refused like an altered one. Run by the platform at start;
   * returns how many rows it MACed.
   */
  async upgrade(knex: Knex): Promise<number> {
    return knex.transaction(async (trx) => {
      const { rows } = await trx.raw(
        "SELECT EXISTS (SELECT 1 FROM pg_attribute WHERE attrelid = 'sharing_grant'::regclass AND attname = 'mac' AND NOT attisdropped) AS present",
      );
      if (rows[0].present) return 0;
      await trx.raw('ALTER TABLE sharing_grant ADD COLUMN IF NOT EXISTS mac text');
      const old = (await trx('sharing_grant').select()) as MacedGrantColumns[];
      for (const row of old) await trx('sharing_grant').where({ id: row.id }).update({ mac: this.mac(row) });
      return old.length;
    });
  }
}

/** The suite whose MAC algorithm `tag` names (`HS256:…` intl, `HSM3:…` sm). */
function suiteOfTag(tag: string): CryptoSuite | undefined {
  const alg = tag.slice(0, tag.indexOf(':'));
  return (['intl', 'sm'] as const).map(cryptoSuite).find((s) => s.algorithms.mac === alg);
}
