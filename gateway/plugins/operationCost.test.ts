import { buildSchema, Kind, parse, type FragmentDefinitionNode, type OperationDefinitionNode } from 'graphql';
import { estimateCost, LIST_SIZE_CEILING } from './operationCost';

const schema = buildSchema(`
  type Query {
    person(idNumber: ID!): Person
    persons(idNumbers: [ID!]!): [Person]!
    companies(first: Int = 20, after: String): CompanyConnection!
    history(first: Int = 50): [Record!]!
  }
  type Person { name: String phone: String household: Household companies: [Company!] }
  type Household { number: ID members: [Member!] }
  type Member { relation: String person: Person }
  type Company { name: String }
  type CompanyConnection { totalCount: Int edges: [CompanyEdge!]! }
  type CompanyEdge { cursor: String node: Company }
  type Record { id: ID fields: [String!]! }
`);

const LIST = 5;

function cost(query: string, variables?: Record<string, unknown>, defaultListSize = LIST): number {
  const doc = parse(query);
  const fragments = new Map<string, FragmentDefinitionNode>();
  let op: OperationDefinitionNode | undefined;
  for (const def of doc.definitions) {
    if (def.kind === Kind.FRAGMENT_DEFINITION) fragments.set(def.name.value, def);
    else if (def.kind === Kind.OPERATION_DEFINITION) op ??= def;
  }
  return estimateCost(schema, op!, fragments, variables, { defaultListSize });
}

describe('estimateCost', () => {
  it('counts one per field and nothing for __typename', () => {
    expect(cost('{ person(idNumber: "1") { name phone __typename } }')).toBe(3);
  });

  it('multiplies an unbounded list by the default list size, level by level', () => {
    // person 1 + household (1 + members 5 × (1 + relation 1 + person (1 + name 1)))
    expect(cost('{ person(idNumber: "1") { household { members { relation person { name } } } } }')).toBe(1 + 1 + LIST * 4);
    expect(cost('{ person(idNumber: "1") { household { members { person { household { members { person { name } } } } } } } }')).toBe(
      1 + 1 + LIST * (1 + 1 + 1 + LIST * 3),
    );
  });

  it('sizes a list by the length of its list argument, literal or variable', () => {
    expect(cost('{ persons(idNumbers: ["1", "2", "3"]) { name } }')).toBe(3 * 2);
    expect(cost('query($ids: [ID!]!) { persons(idNumbers: $ids) { name } }', { ids: Array.from({ length: 500 }, String) })).toBe(500 * 2);
    // A single value is coerced to a list of one.
    expect(cost('query($ids: [ID!]!) { persons(idNumbers: $ids) { name } }', { ids: '1' })).toBe(2);
  });

  it('sizes a list by first: literal, variable, the variable default, the schema default', () => {
    const q = '{ records: history(first: 7) { id } }';
    expect(cost(q)).toBe(7 * 2);
    expect(cost('query($n: Int) { history(first: $n) { id } }', { n: 9 })).toBe(9 * 2);
    expect(cost('query($n: Int = 3) { history(first: $n) { id } }')).toBe(3 * 2);
    expect(cost('{ history { id } }')).toBe(50 * 2);
    // Not a number: the schema default, never zero.
    expect(cost('query($n: Int) { history(first: $n) { id } }', { n: 'lots' })).toBe(50 * 2);
  });

  it('hands a connection\'s first down to the list directly inside it', () => {
    // companies 1 + totalCount 1 + edges 100 × (1 + node (1 + name 1))
    expect(cost('{ companies(first: 100) { totalCount edges { node { name } } } }')).toBe(1 + 1 + 100 * 3);
    expect(cost('{ companies { edges { node { name } } } }')).toBe(1 + 20 * 3);
    // Through a fragment too.
    expect(cost('{ companies(first: 10) { ...E } } fragment E on CompanyConnection { edges { node { name } } }')).toBe(1 + 10 * 3);
  });

  it('counts no list as longer than the longest any subgraph serves', () => {
    expect(cost('{ history(first: 100000000) { id } }')).toBe(LIST_SIZE_CEILING * 2);
    expect(cost('{ companies(first: 100000000) { edges { cursor } } }')).toBe(1 + LIST_SIZE_CEILING * 2);
  });

  it('expands fragments, memoised: a 2^40 fragment explosion is costed at once', () => {
    const levels = 40;
    const fragments = [`fragment F0 on Person { name }`];
    for (let i = 1; i <= levels; i++) fragments.push(`fragment F${i} on Person { ...F${i - 1} household { members { person { ...F${i - 1} } } } }`);
    const started = process.hrtime.bigint();
    const c = cost(`{ person(idNumber: "1") { ...F${levels} } } ${fragments.join(' ')}`);
    expect(Number(process.hrtime.bigint() - started) / 1e6).toBeLessThan(100);
    expect(c).toBeGreaterThan(2 ** levels);
  });

  it('terminates on fragment cycles (validation refuses them afterwards)', () => {
    const c = cost('{ person(idNumber: "1") { ...A } } fragment A on Person { name household { members { person { ...B } } } } fragment B on Person { phone ...A }');
    expect(Number.isFinite(c)).toBe(true);
  });

  it('costs introspection like any other list', () => {
    expect(cost('{ __schema { types { name fields { name } } } }')).toBe(1 + LIST * (1 + 1 + LIST * 2));
  });

  it('does not throw on fields or types the schema does not have', () => {
    expect(cost('{ nope { deeper { name } } person(idNumber: "1") { ... on Ghost { x } unknown } }')).toBe(3 + 1 + 1 + 1);
  });
});
