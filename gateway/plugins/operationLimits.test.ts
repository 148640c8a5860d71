import { Supergraph } from '@apollo/federation-internals';
import { GraphQLError } from 'graphql';
import { readCommittedSupergraph } from '../../lib/supergraph';
import { DEFAULT_OPERATION_LIMITS, type OperationLimits } from '../../lib/operationLimits';
import { OperationLimiter } from './operationLimits';

const apiSchema = Supergraph.build(readCommittedSupergraph()).apiSchema().toGraphQLJSSchema();
const ID = '320102198001011238';

function limiter(limits: Partial<OperationLimits> = {}): OperationLimiter {
  const l = new OperationLimiter({ ...DEFAULT_OPERATION_LIMITS, ...limits });
  l.setSchema(apiSchema);
  return l;
}

/** The refusal `check` throws, as the client's extensions will carry it. */
function refusal(l: OperationLimiter, query: string, variables?: Record<string, unknown>) {
  try {
    l.check({ query, variables });
  } catch (err) {
    expect(err).toBeInstanceOf(GraphQLError);
    return (err as GraphQLError).extensions;
  }
  return undefined;
}

const aliases = (n: number) => `{ ${Array.from({ length: n }, (_, i) => `a${i}: person(idNumber: "${ID}") { name }`).join(' ')} }`;
const household = (levels: number) =>
  `{ person(idNumber: "${ID}") { ${'household { members { person { '.repeat(levels)} name ${'} } } '.repeat(levels)} } }`;

describe('OperationLimiter', () => {
  it('refuses each limit with QUERY_TOO_COMPLEX, HTTP 400, the limit, its value and the operation\'s', () => {
    const l = limiter({ tokens: 50, depth: 6, aliases: 2, rootFields: 3, directives: 2, cost: 1_000 });
    const cases: Array<[string, string]> = [
      ['tokens', aliases(20)],
      ['depth', `{ person(idNumber: "${ID}") { household { members { person { household { members { person { name } } } } } } } }`],
      ['aliases', aliases(3)],
      ['rootFields', '{ catalog { path } grants { id } applications { id } dataIssues { id } }'],
      ['directives', `query($a: Boolean!) { person(idNumber: "${ID}") { name @include(if: $a) phone @include(if: $a) gender @skip(if: $a) } }`],
      ['cost', 'query($ids: [ID!]!) { persons(idNumbers: $ids) { name household { number } } }'],
    ];
    const actual: Record<string, unknown> = { tokens: 51, depth: 8, aliases: 3, rootFields: 4, directives: 3, cost: 500 * 4 };
    for (const [limit, query] of cases) {
      const ext = refusal(l, query, { a: true, ids: Array.from({ length: 500 }, () => ID) });
      expect({ limit, ext }).toEqual({
        limit,
        ext: { code: 'QUERY_TOO_COMPLEX', limit, max: (l.limits as unknown as Record<string, number>)[limit], actual: actual[limit], http: { status: 400 } },
      });
    }
  });

  it('lets the same operations through under the default limits', () => {
    const l = limiter();
    expect(refusal(l, aliases(3))).toBeUndefined();
    expect(refusal(l, household(2))).toBeUndefined();
    expect(refusal(l, '{ catalog { path } grants { id } applications { id } dataIssues { id } }')).toBeUndefined();
  });

  it('stops parsing at the token limit: a 900 kB document is refused after limit + 1 tokens', () => {
    const l = limiter();
    const big = aliases(30_000).slice(0, 900_000);
    expect(big.length).toBe(900_000);
    expect(l.measure(big)).toEqual({ tokens: DEFAULT_OPERATION_LIMITS.tokens + 1 });
    expect(refusal(l, big)).toMatchObject({ limit: 'tokens', max: DEFAULT_OPERATION_LIMITS.tokens, actual: DEFAULT_OPERATION_LIMITS.tokens + 1 });
  });

  it('counts aliases, depth and cost through fragments, and never loops on a cycle', () => {
    const l = limiter();
    const spread = `{ person(idNumber: "${ID}") { ${'...A '.repeat(1)} } } fragment A on Person { ${Array.from({ length: 40 }, (_, i) => `n${i}: name`).join(' ')} }`;
    expect(refusal(l, spread)).toMatchObject({ limit: 'aliases', actual: 40 });
    // Forty levels of fragments spreading the previous one twice: 2^40 in cost, refused at once.
    const chain = Array.from({ length: 40 }, (_, i) => `fragment F${i + 1} on Person { ...F${i} household { members { person { ...F${i} } } } }`);
    const explosion = `{ person(idNumber: "${ID}") { ...F40 } } fragment F0 on Person { name } ${chain.join(' ')}`;
    expect(refusal(limiter({ tokens: 0, depth: 0 }), explosion)).toMatchObject({ limit: 'cost' });
    // A cycle is left to graphql-js validation (NoFragmentCyclesRule): measured, not looped on.
    const cycle = `{ person(idNumber: "${ID}") { ...A } } fragment A on Person { name ...B } fragment B on Person { phone ...A }`;
    expect(refusal(l, cycle)).toBeUndefined();
  });

  it('refuses a household nested a dozen deep by depth, and by cost where depth is off', () => {
    expect(refusal(limiter(), household(12))).toMatchObject({ limit: 'depth', max: DEFAULT_OPERATION_LIMITS.depth, actual: 38 });
    expect(refusal(limiter({ depth: 0 }), household(12))).toMatchObject({ limit: 'cost' });
  });

  it('holds every operation of a document to the limits, and every operation of a batch', () => {
    const l = limiter({ aliases: 2 });
    expect(refusal(l, `query Small { person(idNumber: "${ID}") { name } } query Big { a: catalog { path } b: catalog { path } c: catalog { path } }`)).toMatchObject({ limit: 'aliases' });
    expect(() => l.check([{ query: '{ catalog { path } }' }, { query: aliases(3) }])).toThrow(GraphQLError);
  });

  it('leaves what is not a GraphQL request, or does not parse, to Apollo Server', () => {
    const l = limiter();
    for (const body of [undefined, null, 'x', 42, {}, { query: 42 }, { query: '{ person(' }, [null]]) expect(() => l.check(body)).not.toThrow();
  });

  it('turns a limit off with 0', () => {
    const names = `{ person(idNumber: "${ID}") { ${Array.from({ length: 60 }, (_, i) => `n${i}: name`).join(' ')} } }`;
    expect(refusal(limiter(), names)).toMatchObject({ limit: 'aliases' });
    expect(refusal(limiter({ aliases: 0 }), names)).toBeUndefined();
  });
});
