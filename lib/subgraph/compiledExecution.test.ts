import { ApolloServer } from '@apollo/server';
import { buildSchema, GraphQLError, isObjectType, isUnionType, type GraphQLFieldResolver, type GraphQLSchema, type GraphQLTypeResolver } from 'graphql';
import { compiledExecution, type CompiledExecution } from './compiledExecution';

/**
 * What the policy guard (lib/policy/enforce.ts) relies on, run both ways — interpreted (the
 * first run) and compiled (from the second) — through Apollo Server as the subgraphs serve
 * it: a field's returned Error is that field's error (a denial), a thrown one too, `null`
 * spreads to the nearest nullable parent, `info.path` carries list indices, union members
 * resolve by type, promises resolve, variables apply.
 */
const typeDefs = /* GraphQL */ `
  type Query {
    people(ids: [ID!]!): [Person!]!
    things: [Thing!]!
  }
  type Person {
    id: ID!
    name: String
    phone: String
    "Non-null: a failure here costs the whole Person."
    required: String!
    later: String
    seenAt: [String!]
    household: Household
  }
  type Household {
    number: String
  }
  union Thing = Person | Household
`;

const denied = () => new GraphQLError('not for you', { extensions: { code: 'FORBIDDEN', reason: 'NOT_SHARED' } });

const resolvers: Record<string, Record<string, unknown>> = {
  Query: {
    people: (_: unknown, { ids }: { ids: string[] }) => ids.map((id) => ({ id })),
    things: () => [{ id: 'p1' }, { number: 'H1' }],
  },
  Thing: { __resolveType: (v: { id?: string }) => (v.id ? 'Person' : 'Household') },
  Person: {
    name: (p: { id: string }) => `name-${p.id}`,
    // Returned, not thrown: how the guard denies a field without a promise.
    phone: (p: { id: string }) => (p.id === 'p2' ? denied() : `138****${p.id}`),
    required: (p: { id: string }) => {
      if (p.id === 'p3') throw new Error('connect ECONNREFUSED 10.0.0.1:5432');
      return 'ok';
    },
    later: async (p: { id: string }) => `later-${p.id}`,
    seenAt: (_: unknown, __: unknown, ___: unknown, info: { path: Parameters<typeof pathArray>[0] }) => [JSON.stringify(pathArray(info.path))],
    household: (p: { id: string }) => ({ number: `H-${p.id}` }),
  },
};

/** The schema with its resolvers attached, as the subgraphs' schema builder does. */
function schema(): GraphQLSchema {
  const built = buildSchema(typeDefs);
  for (const [typeName, fields] of Object.entries(resolvers)) {
    const type = built.getType(typeName);
    if (isUnionType(type)) type.resolveType = fields.__resolveType as GraphQLTypeResolver<unknown, unknown>;
    if (isObjectType(type)) for (const [name, resolve] of Object.entries(fields)) type.getFields()[name].resolve = resolve as GraphQLFieldResolver<unknown, unknown>;
  }
  return built;
}

function pathArray(path: { key: string | number; prev?: unknown } | undefined): Array<string | number> {
  const out: Array<string | number> = [];
  for (let p = path; p; p = p.prev as typeof p) out.unshift(p.key);
  return out;
}

const QUERY = /* GraphQL */ `
  query People($ids: [ID!]!) {
    people(ids: $ids) { id name phone required later seenAt household { number } }
    things { __typename ... on Person { id name } ... on Household { number } }
  }
`;

async function serve(opts: { compileAfter?: number; capacity?: number } = {}): Promise<{ server: ApolloServer; execution: CompiledExecution }> {
  const execution = compiledExecution(schema(), { compileAfter: 2, ...opts });
  const server = new ApolloServer({ gateway: execution, includeStacktraceInErrorResponses: false });
  await server.start();
  return { server, execution };
}

async function run(server: ApolloServer, query = QUERY, ids = ['p1', 'p2', 'p3']) {
  const res = await server.executeOperation({ query, variables: { ids } });
  if (res.body.kind !== 'single') throw new Error('expected a single result');
  return res.body.singleResult;
}

describe('compiled execution', () => {
  it('compiles an operation on its second run and answers exactly as the interpreted first run', async () => {
    const { server, execution } = await serve();
    try {
      const first = await run(server);
      expect(execution.size).toBe(0);
      const second = await run(server);
      expect(execution.size).toBe(1);
      const third = await run(server, QUERY, ['p4', 'p2']);
      expect(second).toEqual(first);

      // p3's non-null `required` failed: its whole Person is null, and so the non-null list — `people` is non-null
      // too, so the failure reaches the root; the union list still answers.
      expect(first.data).toBeNull();
      const codes = (first.errors ?? []).map((e) => [e.path, e.extensions?.code]);
      expect(codes).toEqual(
        expect.arrayContaining([
          [['people', 1, 'phone'], 'FORBIDDEN'],
          [['people', 2, 'required'], 'INTERNAL_SERVER_ERROR'],
        ]),
      );
      // Without the failing row: the denial costs exactly its field, list indices in info.path.
      expect(third.errors?.map((e) => [e.path, e.extensions?.code, e.extensions?.reason])).toEqual([[['people', 1, 'phone'], 'FORBIDDEN', 'NOT_SHARED']]);
      expect(third.data).toEqual({
        people: [
          { id: 'p4', name: 'name-p4', phone: '138****p4', required: 'ok', later: 'later-p4', seenAt: ['["people",0,"seenAt"]'], household: { number: 'H-p4' } },
          { id: 'p2', name: 'name-p2', phone: null, required: 'ok', later: 'later-p2', seenAt: ['["people",1,"seenAt"]'], household: { number: 'H-p2' } },
        ],
        things: [{ __typename: 'Person', id: 'p1', name: 'name-p1' }, { __typename: 'Household', number: 'H1' }],
      });
    } finally {
      await server.stop();
    }
  });

  it('hands Apollo a real GraphQLError whose cause is the thrown failure, for error masking', async () => {
    const seen: unknown[] = [];
    const execution = compiledExecution(schema(), { compileAfter: 1 });
    const server = new ApolloServer({
      gateway: execution,
      formatError: (formatted, error) => {
        seen.push(error);
        return formatted;
      },
    });
    await server.start();
    try {
      await run(server, QUERY, ['p3']);
      expect(execution.size).toBe(1);
      const failure = seen.find((e) => (e as GraphQLError).path?.join('.') === 'people.0.required') as GraphQLError;
      expect(failure).toBeInstanceOf(GraphQLError);
      expect(failure.constructor).toBe(GraphQLError);
      expect((failure.originalError as Error).message).toMatch(/ECONNREFUSED/);
    } finally {
      await server.stop();
    }
  });

  it('never compiles with compileAfter 0, and forgets the least recently used beyond its capacity', async () => {
    const off = await serve({ compileAfter: 0 });
    try {
      for (let i = 0; i < 3; i++) await run(off.server);
      expect(off.execution.size).toBe(0);
    } finally {
      await off.server.stop();
    }
    const small = await serve({ compileAfter: 1, capacity: 2 });
    try {
      const q = (n: number) => `query Q${n} { things { __typename } }`;
      for (const n of [1, 2, 1, 3]) await run(small.server, q(n));
      expect(small.execution.size).toBe(2);
    } finally {
      await small.server.stop();
    }
  });
});
