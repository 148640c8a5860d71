/**
 * A root field whose resolver fails fails — whatever it throws. graphql-shield returns a
 * resolver's failure for graphql-js to throw, and graphql-js throws only `instanceof Error`:
 * anything else used to become the field's data, a Person made of an error object whose
 * fields were then denied OUT_OF_JURISDICTION and noted in the access log as denials. Found
 * by test/faults/database-restart.test.ts, where Node's own ECONNREFUSED is such an error
 * under jest's sandbox.
 */
import crypto from 'node:crypto';
import vm from 'node:vm';
import { execute, parse } from 'graphql';
import pino from 'pino';
import { buildSchema } from '../subgraph/schema';
import { population } from '../../subgraphs/population/server';
import type { SubgraphDefinition } from '../subgraph/definition';
import { AccessCollector } from '../audit/collector';
import { errors } from '../errors';
import { PolicyStore } from './store';
import { Sealer } from './seal';
import { newPolicyScope } from './enforce';
import { grantStatus, type Requester } from './engine';

const schema = buildSchema(population as SubgraphDefinition, new Sealer(crypto.randomBytes(32)));
const policy = PolicyStore.open();
afterAll(() => policy.close());

const CASEWORKER: Requester = { user: 'mz-xw-0007', dept: 'civil-affairs', division: '320102', roles: ['consumer'], purpose: 'dibao-verification', grantId: 'G-DEMO-0001' };
const QUERY = parse('{ person(idNumber: "320102198001011238") { name gender } }');

/** Runs QUERY with every loader failing with `failure`. */
async function runFailing(failure: unknown) {
  const failing = { load: () => Promise.reject(failure), loadMany: () => Promise.reject(failure), prime: () => undefined };
  const access = new AccessCollector();
  const contextValue = {
    requestId: 'enforce-test',
    log: pino({ level: 'silent' }),
    loaders: { person: failing, household: failing, householdMembers: failing, caseFlags: failing },
    policyScope: newPolicyScope(policy.current, CASEWORKER, grantStatus(policy.current, CASEWORKER, new Date())),
    access,
  };
  return { result: await execute({ schema, document: QUERY, contextValue }), access };
}

describe('a root resolver that fails', () => {
  it.each([
    ['a thrown plain object', { code: 'ECONNREFUSED', message: 'connect ECONNREFUSED 127.0.0.1:5432' }],
    ['a thrown string', 'connection lost'],
    ['an Error of another realm', vm.runInNewContext('new Error("connect ECONNREFUSED 127.0.0.1:5432")')],
  ])('fails its field with %s — never its data, never a denial', async (_label, failure) => {
    const { result, access } = await runFailing(failure);
    expect(result.data).toEqual({ person: null });
    expect(result.errors).toHaveLength(1);
    expect(result.errors![0].path).toEqual(['person']);
    // A failure (masked by the server as INTERNAL_SERVER_ERROR), not FORBIDDEN.
    expect(result.errors![0].extensions.code).toBeUndefined();
    // Nothing was read or refused, so nothing is noted for the access log.
    expect(access.touched).toBe(false);
  });

  it('keeps an error it raised on purpose as it is', async () => {
    const { result } = await runFailing(errors.badUserInput('no such thing', 'idNumber'));
    expect(result.data).toEqual({ person: null });
    expect(result.errors!.map((e) => e.extensions.code)).toEqual(['BAD_USER_INPUT']);
  });
});
