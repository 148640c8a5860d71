/**
 * Per-request DataLoaders: every entity reference and every child list goes through one of
 * these, so an `_entities` call or a list field costs one SQL statement per table whatever
 * the number of keys. Created per request (a shared cache would leak across consumers).
 */
import DataLoader from 'dataloader';
import { alignMany, alignOne, MAX_BATCH, type Database } from '../../lib/db';
import type { SubgraphContext } from '../../lib/subgraph';
import {
  companiesByRepresentatives,
  companiesByUscc,
  HolderKey,
  LegalPersonRow,
  ShareholdingRow,
  shareholdingsByCompanies,
  shareholdingsByHolders,
} from './db';

const holderCacheKey = (h: HolderKey) => `${h.kind}:${h.key}`;

export function createLoaders(db: Database) {
  const companyByUscc = new DataLoader<string, LegalPersonRow | null>(
    async (usccs) => alignOne(usccs, await companiesByUscc(db, usccs), (r) => r.uscc),
    { maxBatchSize: MAX_BATCH },
  );
  /** Companies a root field already read (a page of legalPersons) need not be read again for `company` or `holder`. */
  const primeCompanies = (rows: readonly LegalPersonRow[]): void => {
    for (const r of rows) companyByUscc.prime(r.uscc, r);
  };
  // No priming of companyByUscc from this loader's rows: this query runs alongside the
  // shareholdings query, and whichever answered first would decide whether the `company`
  // lookups need a statement — a request's SQL would then depend on network timing, not on
  // its shape. Each loader reads its own table once per round instead.
  const companiesByRepresentative = new DataLoader<string, LegalPersonRow[]>(
    async (idNumbers) => alignMany(idNumbers, await companiesByRepresentatives(db, idNumbers), (r) => r.representativeIdNumber ?? ''),
    { maxBatchSize: MAX_BATCH },
  );
  const shareholdingsByCompany = new DataLoader<string, ShareholdingRow[]>(
    async (usccs) => alignMany(usccs, await shareholdingsByCompanies(db, usccs), (r) => r.companyUscc),
    { maxBatchSize: MAX_BATCH },
  );
  const shareholdingsByHolder = new DataLoader<HolderKey, ShareholdingRow[], string>(
    async (holders) => {
      const rows = await shareholdingsByHolders(db, holders);
      const byKey = alignMany(holders.map(holderCacheKey), rows, (r) => holderCacheKey({ kind: r.holderKind, key: r.holderKey }));
      return byKey;
    },
    { maxBatchSize: MAX_BATCH, cacheKeyFn: holderCacheKey },
  );
  return { companyByUscc, companiesByRepresentative, shareholdingsByCompany, shareholdingsByHolder, primeCompanies };
}

export type Loaders = ReturnType<typeof createLoaders>;
export type LegalPersonContext = SubgraphContext<Loaders>;
