import type { LegalPersonResolvers } from '../__generated__/resolvers-types';
import { HOLDER_KIND_CODE } from '../holderKind';

export const LegalPerson: LegalPersonResolvers = {
  // The legal-person subgraph owns the company; here a reference is all there is to resolve.
  __resolveReference: (ref) => ({ uscc: ref.uscc }),
  realEstateRights: async (c, _args, { loaders }) =>
    (await loaders.rightsByHolder.load(c.uscc)).filter((r) => r.holderKind === HOLDER_KIND_CODE.COMPANY),
};
