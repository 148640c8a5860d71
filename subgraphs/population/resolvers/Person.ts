import { requireIdNumber } from '../../../lib/ids';
import type { PersonResolvers } from '../__generated__/resolvers-types';
import { genderOf } from '../gender';
import { keyText } from '../representation';

export const Person: PersonResolvers = {
  // Representations come from other subgraphs' data; a malformed number is refused like an argument.
  __resolveReference: ({ idNumber }, { loaders }) => loaders.person.load(requireIdNumber(keyText(idNumber), 'idNumber')),
  gender: (p) => genderOf(p.genderCode),
  residenceDivision: (p) => (p.divisionCode ? { code: p.divisionCode } : null),
  household: (p, _args, { loaders }) => (p.householdNumber ? loaders.household.load(p.householdNumber) : null),
  caseFlags: (p, _args, { loaders }) => loaders.caseFlags.load(p.idNumber),
};
