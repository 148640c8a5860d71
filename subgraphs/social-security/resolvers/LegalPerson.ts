import type { LegalPersonResolvers } from '../__generated__/resolvers-types';
import { requireUscc } from '../../../lib/ids';

export const LegalPerson: LegalPersonResolvers = {
  // The legal-person subgraph owns the company; here a checked key is all there is to resolve.
  __resolveReference: (ref) => ({ uscc: requireUscc(ref.uscc, 'uscc') }),
  insuredEmployees: async (c, _args, ctx) => (await ctx.loaders.insuredCountByCompany.load(c.uscc))?.count ?? null,
};
