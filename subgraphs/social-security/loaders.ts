/**
 * Per-request DataLoaders: every entity reference, list and reference field goes through one
 * of these, so a request costs one SQL statement per table however many keys it has. Created
 * in the context factory for each request, never shared (a shared cache would serve one
 * consumer's rows to another).
 */
import DataLoader from 'dataloader';
import { alignOne, MAX_BATCH, type Database } from '../../lib/db';
import type { SubgraphContext } from '../../lib/subgraph';
import { insuredUnitByKeys, insuredUnitKey, type InsuredUnitRow, socialInsuranceEnrolmentByKeys, socialInsuranceEnrolmentKey, type SocialInsuranceEnrolmentRow, contributionByKeys, contributionKey, type ContributionRow } from './db';

export interface Loaders {
  /** SB_DWXX by key. */
  insuredUnit: DataLoader<string, InsuredUnitRow | null>;
  /** SB_GRCBXX by key. */
  socialInsuranceEnrolment: DataLoader<string, SocialInsuranceEnrolmentRow | null>;
  /** SB_JFMX by key. */
  contribution: DataLoader<string, ContributionRow | null>;
}

export type SocialSecurityContext = SubgraphContext<Loaders>;

export function createLoaders(db: Database): Loaders {
  const options = { maxBatchSize: MAX_BATCH };
  return {
    insuredUnit: new DataLoader(async (keys) => alignOne(keys, await insuredUnitByKeys(db, keys), insuredUnitKey), options),
    socialInsuranceEnrolment: new DataLoader(async (keys) => alignOne(keys, await socialInsuranceEnrolmentByKeys(db, keys), socialInsuranceEnrolmentKey), options),
    contribution: new DataLoader(async (keys) => alignOne(keys, await contributionByKeys(db, keys), contributionKey), options),
  };
}
