import type { ShareholdingResolvers } from '../__generated__/resolvers-types';
import type { LegalPersonRow } from '../db';

/**
 * A QY_GD row naming a company QY_JBXX does not hold is a break in the register's own
 * integrity, not a client error: it surfaces masked, with the cause in the log.
 */
function registered(company: LegalPersonRow | null, uscc: string): LegalPersonRow {
  if (!company) throw new Error(`QY_GD references ${uscc}, which is not in QY_JBXX`);
  return company;
}

// The companies came with the shareholding rows (db.ts, selectShareholdings): no lookups here.
export const Shareholding: ShareholdingResolvers = {
  holder: (s) => (s.holderKind === 'PERSON' ? { idNumber: s.holderKey } : registered(s.holderCompany, s.holderKey)),
  company: (s) => registered(s.company, s.companyUscc),
};
