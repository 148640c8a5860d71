import type { PersonResolvers } from '../__generated__/resolvers-types';
import { requireIdNumber } from '../../../lib/ids';

export const Person: PersonResolvers = {
  // Persons live in the population subgraph; this one only needs the key (and, for the
  // @requires fields, the residence division the gateway fetched), so no SQL here.
  __resolveReference: (ref) => ({ idNumber: requireIdNumber(ref.idNumber, 'idNumber'), residenceDivision: ref.residenceDivision ?? null }),
  legalRepresentativeOf: (p, _args, ctx) => ctx.loaders.companiesByRepresentative.load(p.idNumber),
  shareholdings: (p, _args, ctx) => ctx.loaders.shareholdingsByHolder.load({ kind: 'PERSON', key: p.idNumber }),
};
