import type { PersonResolvers } from '../__generated__/resolvers-types';
import { requireIdNumber } from '../../../lib/ids';

export const Person: PersonResolvers = {
  // Persons live in the population subgraph; this one only needs the key (and, for the
  // @requires field, the residence division the gateway fetched), so no SQL here.
  __resolveReference: (ref) => ({ idNumber: requireIdNumber(ref.idNumber, 'idNumber'), residenceDivision: ref.residenceDivision ?? null }),
  // The loader's rows are shared by the request; each person's copies carry where the person
  // lives, which is what an enrolment is judged by (server.ts, recordDivisions).
  socialInsurance: async (p, _args, ctx) => {
    const rows = await ctx.loaders.enrolmentsByPerson.load(p.idNumber);
    const residenceDivisionCode = p.residenceDivision?.code ?? null;
    return rows.map((r) => ({ ...r, residenceDivisionCode }));
  },
};
