/**
 * Per-request DataLoaders: every entity reference and every child list goes through one of
 * these, so an `_entities` call or a list field costs one SQL statement per table whatever
 * the number of keys. Created per request (a shared cache would leak across consumers).
 */
import DataLoader from 'dataloader';
import { alignMany, alignOne, MAX_BATCH, type Database } from '../../lib/db';
import type { SubgraphContext, SubgraphRuntime } from '../../lib/subgraph';
import { DivisionRegister } from '../../lib/ids/divisionRegister';
import {
  companiesByRepresentatives,
  companiesByUscc,
  divisionCodeTable,
  HolderKey,
  LegalPersonRow,
  ShareholdingRow,
  shareholdingsByCompanies,
  shareholdingsByHolders,
} from './db';

const holderCacheKey = (h: HolderKey) => `${h.kind}:${h.key}`;

/**
 * The division codes this register serves (DM_XZQH), one register per database for the life
 * of the process: unlike the loaders it holds no consumer's data, only the code table.
 */
const divisionRegisters = new WeakMap<Database, DivisionRegister>();

function divisionCodesOf(db: Database, runtime?: SubgraphRuntime): DivisionRegister {
  let register = divisionRegisters.get(db);
  if (!register) {
    register = new DivisionRegister({ table: 'DM_XZQH', load: () => divisionCodeTable(db), log: runtime?.log });
    divisionRegisters.set(db, register);
  }
  return register;
}

export function createLoaders(db: Database, runtime?: SubgraphRuntime) {
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
  /** Checks division-code arguments against DM_XZQH (loaded once, refreshed after a minute). */
  const divisionCodes = divisionCodesOf(db, runtime);
  return { companyByUscc, companiesByRepresentative, shareholdingsByCompany, shareholdingsByHolder, primeCompanies, divisionCodes };
}

export type Loaders = ReturnType<typeof createLoaders>;
export type LegalPersonContext = SubgraphContext<Loaders>;
