import type { QueryResolvers } from '../__generated__/resolvers-types';
import { errors } from '../../../lib/errors';
import { requireUscc } from '../../../lib/ids';
import type { DivisionRegister } from '../../../lib/ids/divisionRegister';
import { companyPage, LegalPersonFilter } from '../db';
import { decodeCursor } from '../cursor';

/** Page-size bounds of `legalPersons(first:)`. */
export const DEFAULT_PAGE = 20;
export const MAX_PAGE = 1_000;
/** Longest `nameContains` accepted; registered names are far shorter. */
export const MAX_NAME_FILTER = 100;

function pageSize(first: number | null | undefined): number {
  const n = first ?? DEFAULT_PAGE;
  if (n < 1 || n > MAX_PAGE) throw errors.badUserInput(`first must be between 1 and ${MAX_PAGE}, got ${n}.`, 'first');
  return n;
}

async function filterOf(
  args: { divisionCode?: string | null; status?: string | null; nameContains?: string | null },
  divisions: DivisionRegister,
): Promise<LegalPersonFilter> {
  const filter: LegalPersonFilter = {};
  if (args.status != null) filter.status = args.status.trim();
  if (args.nameContains != null) {
    if (args.nameContains.length > MAX_NAME_FILTER) {
      throw errors.badUserInput(`nameContains is ${args.nameContains.length} characters long; at most ${MAX_NAME_FILTER} are allowed.`, 'nameContains');
    }
    filter.nameContains = args.nameContains;
  }
  // Last, as it may read the code table on a process's first request. Checked against the
  // register's own table: a code it does not hold would match no company and look like an
  // empty district.
  if (args.divisionCode != null) filter.divisionCode = await divisions.require(args.divisionCode, 'divisionCode');
  return filter;
}

export const Query: QueryResolvers = {
  legalPerson: (_root, { uscc }, ctx) => ctx.loaders.companyByUscc.load(requireUscc(uscc)),

  async legalPersons(_root, args, ctx) {
    // Every argument is checked before the first statement runs.
    const first = pageSize(args.first);
    const after = args.after != null ? decodeCursor(args.after, 'after') : undefined;
    const filter = await filterOf(args, ctx.loaders.divisionCodes);
    const page = await companyPage(ctx.db, filter, first, after);
    ctx.loaders.primeCompanies(page.rows);
    return page;
  },
};
