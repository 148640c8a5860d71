import type { ShareholdingResolvers } from '../__generated__/resolvers-types';
import type { LegalPersonContext } from '../loaders';
import type { LegalPersonRow } from '../db';

/**
 * A QY_GD row naming a company QY_JBXX does not hold is a break in the register's own
 * integrity, not a client error: it surfaces masked, with the cause in the log.
 */
async function registeredCompany(ctx: LegalPersonContext, uscc: string): Promise<LegalPersonRow> {
  const company = await ctx.loaders.companyByUscc.load(uscc);
  if (!company) throw new Error(`QY_GD references ${uscc}, which is not in QY_JBXX`);
  return company;
}

export const Shareholding: ShareholdingResolvers = {
  holder: (s, _args, ctx) => (s.holderKind === 'PERSON' ? { idNumber: s.holderKey } : registeredCompany(ctx, s.holderKey)),
  company: (s, _args, ctx) => registeredCompany(ctx, s.companyUscc),
};
