import type { LegalPersonResolvers } from '../__generated__/resolvers-types';
import { requireUscc } from '../../../lib/ids';

export const LegalPerson: LegalPersonResolvers = {
  __resolveReference: (ref, ctx) => ctx.loaders.companyByUscc.load(requireUscc(ref.uscc, 'uscc')),
  division: (c) => (c.divisionCode ? { code: c.divisionCode } : null),
  legalRepresentative: (c) => (c.representativeIdNumber ? { idNumber: c.representativeIdNumber } : null),
  shareholders: (c, _args, ctx) => ctx.loaders.shareholdingsByCompany.load(c.uscc),
  shareholdings: (c, _args, ctx) => ctx.loaders.shareholdingsByHolder.load({ kind: 'COMPANY', key: c.uscc }),
};
