/**
 * Per-request DataLoaders: every Person's enrolments and every company's insured count go
 * through one of these, so a request costs one SQL statement per list, whatever the number
 * of persons or companies. Created per request (a shared cache would leak across consumers).
 */
import DataLoader from 'dataloader';
import { alignMany, alignOne, MAX_BATCH, type Database } from '../../lib/db';
import type { SubgraphContext } from '../../lib/subgraph';
import { EnrolmentRow, enrolmentsByPersons, InsuredCountRow, insuredCountsByCompanies } from './db';

export function createLoaders(db: Database) {
  const enrolmentsByPerson = new DataLoader<string, EnrolmentRow[]>(
    async (idNumbers) => alignMany(idNumbers, await enrolmentsByPersons(db, idNumbers), (r) => r.idNumber),
    { maxBatchSize: MAX_BATCH },
  );
  const insuredCountByCompany = new DataLoader<string, InsuredCountRow | null>(
    async (usccs) => alignOne(usccs, await insuredCountsByCompanies(db, usccs), (r) => r.uscc),
    { maxBatchSize: MAX_BATCH },
  );
  return { enrolmentsByPerson, insuredCountByCompany };
}

export type Loaders = ReturnType<typeof createLoaders>;
export type SocialSecurityContext = SubgraphContext<Loaders>;
