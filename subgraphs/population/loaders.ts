/**
 * Per-request DataLoaders: every entity reference and every list field goes through one of
 * these, so a request costs one SQL statement per table touched, however many keys it has.
 * Created in the context factory for each request, never shared (a shared cache would
 * serve one consumer's rows to another).
 */
import DataLoader from 'dataloader';
import { alignMany, alignOne, MAX_BATCH, type Database } from '../../lib/db';
import type { SubgraphContext } from '../../lib/subgraph';
import { caseFlagsOf, householdsByNumbers, HouseholdRow, membersOfHouseholds, personsByIdNumbers, PersonRow } from './db';

export interface Loaders {
  person: DataLoader<string, PersonRow | null>;
  household: DataLoader<string, HouseholdRow | null>;
  /** Members of a household in Household.members order; [] for an unknown household. */
  householdMembers: DataLoader<string, PersonRow[]>;
  /** Case-flag names of a person; [] when there are none. */
  caseFlags: DataLoader<string, string[]>;
}

export type PopulationContext = SubgraphContext<Loaders>;

export function createLoaders(db: Database): Loaders {
  const { knex } = db;
  const options = { maxBatchSize: MAX_BATCH };
  const person = new DataLoader<string, PersonRow | null>(
    async (ids) => alignOne(ids, await personsByIdNumbers(knex, ids), (p) => p.idNumber),
    options,
  );
  return {
    person,
    household: new DataLoader(async (numbers) => alignOne(numbers, await householdsByNumbers(knex, numbers), (h) => h.number), options),
    householdMembers: new DataLoader(async (numbers) => {
      const members = await membersOfHouseholds(knex, numbers);
      // The member rows are full person rows: later Person lookups (head, references) need no query.
      for (const m of members) person.prime(m.idNumber, m);
      return alignMany(numbers, members, (m) => m.householdNumber ?? '');
    }, options),
    caseFlags: new DataLoader(async (ids) => alignMany(ids, await caseFlagsOf(knex, ids), (f) => f.idNumber).map((flags) => flags.map((f) => f.flag)), options),
  };
}
