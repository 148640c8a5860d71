import type { LegalPersonConnectionResolvers } from '../__generated__/resolvers-types';
import { countCompanies } from '../db';
import { encodeCursor } from '../cursor';

export const LegalPersonConnection: LegalPersonConnectionResolvers = {
  edges: (page) => page.rows.map((node) => ({ cursor: encodeCursor(node.uscc), node })),
  pageInfo: (page) => ({
    hasNextPage: page.hasNextPage,
    endCursor: page.rows.length ? encodeCursor(page.rows[page.rows.length - 1].uscc) : null,
  }),
  // Counted only when asked for: one statement per connection, never per row.
  totalCount: (page, _args, ctx) => countCompanies(ctx.db, page.filter),
};
