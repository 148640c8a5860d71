import type { PersonResolvers } from '../__generated__/resolvers-types';
import { HOLDER_KIND_CODE } from '../holderKind';

export const Person: PersonResolvers = {
  // The population subgraph owns the person; here a reference is all there is to resolve.
  __resolveReference: (ref) => ({ idNumber: ref.idNumber, residenceDivision: ref.residenceDivision ?? null }),
  realEstateRights: async (p, _args, { loaders }) =>
    (await loaders.rightsByHolder.load(p.idNumber)).filter((r) => r.holderKind === HOLDER_KIND_CODE.PERSON),
};
