/**
 * What a new supergraph breaks for the consumers of the one in force
 * (findSupergraphChanges, `govgraph compose --check --against`): the item changed and the
 * grants that name it.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { Kind, parse, parseType, type DocumentNode, type FieldDefinitionNode, type InputValueDefinitionNode, type ObjectTypeDefinitionNode } from 'graphql';
import { subgraphs } from '../subgraphs';
import type { SubgraphDefinition } from '../lib/subgraph';
import { loadPolicyDir, type PolicySet } from '../lib/policy/policySet';
import { composeSupergraph, findSupergraphChanges, formatSchemaChange, type SchemaChange } from './compose';

const REPO = path.resolve(__dirname, '..');

type Edit = (fields: FieldDefinitionNode[]) => FieldDefinitionNode[];

/** `defs` with the fields of `type` in subgraph `name` edited. */
function edited(defs: readonly SubgraphDefinition[], name: string, type: string, edit: Edit): SubgraphDefinition[] {
  return defs.map((d) => {
    if (d.name !== name) return d;
    const typeDefs: DocumentNode = {
      ...d.typeDefs,
      definitions: d.typeDefs.definitions.map((def) =>
        def.kind === Kind.OBJECT_TYPE_DEFINITION && def.name.value === type ? ({ ...def, fields: edit([...(def.fields ?? [])]) } as ObjectTypeDefinitionNode) : def,
      ),
    };
    return { ...d, typeDefs };
  });
}

function withoutType(defs: readonly SubgraphDefinition[], name: string, type: string): SubgraphDefinition[] {
  return defs.map((d) =>
    d.name === name ? { ...d, typeDefs: { ...d.typeDefs, definitions: d.typeDefs.definitions.filter((def) => !('name' in def && def.name?.value === type)) } } : d,
  );
}

const withoutField = (field: string): Edit => (fields) => fields.filter((f) => f.name.value !== field);
const retyped = (field: string, type: string): Edit => (fields) => fields.map((f) => (f.name.value === field ? { ...f, type: parseType(type) as FieldDefinitionNode['type'] } : f));
const argRetyped = (field: string, arg: string, type: string): Edit => (fields) =>
  fields.map((f) => (f.name.value === field ? { ...f, arguments: f.arguments?.map((a) => (a.name.value === arg ? { ...a, type: parseType(type) as InputValueDefinitionNode['type'] } : a)) } : f));
const argAdded = (field: string, argSdl: string): Edit => (fields) => {
  const arg = (parse(`type X { f(${argSdl}): Int }`).definitions[0] as ObjectTypeDefinitionNode).fields![0].arguments![0];
  return fields.map((f) => (f.name.value === field ? { ...f, arguments: [...(f.arguments ?? []), arg] } : f));
};

function sdlOf(defs: SubgraphDefinition[]): string {
  const c = composeSupergraph(defs, (d) => `http://localhost:${d.defaultPort}/graphql`);
  if (!c.ok) throw new Error(c.errors.join('\n'));
  return c.supergraphSdl;
}

let policyDir: string;
let policy: PolicySet;
let base: string;

beforeAll(() => {
  // The repository's provider files, with grants of this test's own (so the consumers expected are ours).
  policyDir = fs.mkdtempSync(path.join(os.tmpdir(), 'govgraph-changes-'));
  for (const f of fs.readdirSync(path.join(REPO, 'policies')).filter((n) => n.endsWith('.yaml'))) fs.copyFileSync(path.join(REPO, 'policies', f), path.join(policyDir, f));
  fs.mkdirSync(path.join(policyDir, 'grants'));
  const grant = (id: string, consumer: string, fields: string[]) =>
    `  - { id: ${id}, consumer: ${consumer}, purpose: test, fields: [${fields.join(', ')}], jurisdiction: "320100", validFrom: 2025-01-01, validUntil: 2027-12-31, approvedBy: test }\n`;
  fs.writeFileSync(
    path.join(policyDir, 'grants', 'test.yaml'),
    `grants:\n${grant('G-TEST-0001', 'civil-affairs', ['Person.phone', 'Person.maritalStatus'])}${grant('G-TEST-0002', 'tax', ['Household.*'])}${grant('G-TEST-0003', 'housing-fund', ['Person.phone'])}`,
  );
  policy = loadPolicyDir(policyDir);
  base = sdlOf(subgraphs);
});
afterAll(() => fs.rmSync(policyDir, { recursive: true, force: true }));

const byCoordinate = (changes: SchemaChange[], coordinate: string) => changes.filter((c) => c.coordinate === coordinate);

describe('findSupergraphChanges', () => {
  it('finds nothing between a supergraph and itself', () => {
    expect(findSupergraphChanges(base, base, policy)).toEqual([]);
  });

  it('reports a removed field with the consumers whose grants name it', () => {
    const next = sdlOf(edited(subgraphs, 'population', 'Person', withoutField('phone')));
    const [change, ...rest] = byCoordinate(findSupergraphChanges(base, next, policy), 'Person.phone');
    expect(rest).toEqual([]);
    expect(change).toMatchObject({ severity: 'breaking', kind: 'FIELD_REMOVED', sharing: 'conditional' });
    expect(change.grants).toEqual([
      { consumer: 'civil-affairs', grant: 'G-TEST-0001' },
      { consumer: 'housing-fund', grant: 'G-TEST-0003' },
    ]);
    expect(formatSchemaChange(change)).toMatch(/^breaking: Person\.phone — .*civil-affairs \(G-TEST-0001\), housing-fund \(G-TEST-0003\)/);
  });

  it('reports a changed field type; a grant on Type.* names every field of the type', () => {
    const next = sdlOf(edited(subgraphs, 'population', 'Household', retyped('address', 'Int')));
    const [change] = byCoordinate(findSupergraphChanges(base, next, policy), 'Household.address');
    expect(change).toMatchObject({ severity: 'breaking', kind: 'FIELD_CHANGED_KIND' });
    expect(change.grants).toEqual([{ consumer: 'tax', grant: 'G-TEST-0002' }]);
  });

  it('says an unconditional field reaches every consumer when no grant names it', () => {
    const next = sdlOf(edited(subgraphs, 'population', 'Person', retyped('name', 'Int')));
    const [change] = byCoordinate(findSupergraphChanges(base, next, policy), 'Person.name');
    expect(change).toMatchObject({ kind: 'FIELD_CHANGED_KIND', sharing: 'unconditional', grants: [] });
    expect(formatSchemaChange(change)).toContain('Unconditional');
  });

  it('reports an argument newly required, and a required argument added, naming the consumers of what the root field returns', () => {
    const optional = sdlOf(edited(subgraphs, 'population', 'Query', argRetyped('person', 'idNumber', 'ID')));
    const [required] = byCoordinate(findSupergraphChanges(optional, base, policy), 'Query.person(idNumber)');
    expect(required).toMatchObject({ severity: 'breaking', kind: 'ARG_CHANGED_KIND' });
    expect(required.grants.map((g) => g.consumer)).toEqual(['civil-affairs', 'housing-fund']);

    const added = sdlOf(edited(subgraphs, 'population', 'Query', argAdded('household', 'reason: String!')));
    const [arg] = byCoordinate(findSupergraphChanges(base, added, policy), 'Query.household(reason)');
    expect(arg).toMatchObject({ severity: 'breaking', kind: 'REQUIRED_ARG_ADDED' });
    expect(arg.grants).toEqual([{ consumer: 'tax', grant: 'G-TEST-0002' }]);
  });

  it('does not report an argument made optional, nor a field made non-null: old operations still work', () => {
    const relaxed = sdlOf(edited(subgraphs, 'population', 'Query', argRetyped('person', 'idNumber', 'ID')));
    expect(findSupergraphChanges(base, relaxed, policy)).toEqual([]);
    const stricter = sdlOf(edited(subgraphs, 'population', 'Household', retyped('address', 'String!')));
    expect(findSupergraphChanges(base, stricter, policy).filter((c) => c.severity === 'breaking')).toEqual([]);
  });

  it('reports an output field made nullable as breaking (clients may rely on non-null)', () => {
    const nonNull = sdlOf(edited(subgraphs, 'population', 'Household', retyped('address', 'String!')));
    const [change] = byCoordinate(findSupergraphChanges(nonNull, base, policy), 'Household.address');
    expect(change).toMatchObject({ severity: 'breaking', kind: 'FIELD_CHANGED_KIND' });
  });

  it('reports a removed type with the grants naming any of its fields', () => {
    const noMembers = sdlOf(withoutType(edited(subgraphs, 'population', 'Household', withoutField('members')), 'population', 'HouseholdMember'));
    const changes = findSupergraphChanges(base, noMembers, policy);
    expect(byCoordinate(changes, 'HouseholdMember')[0]).toMatchObject({ severity: 'breaking', kind: 'TYPE_REMOVED' });
    expect(byCoordinate(changes, 'Household.members')[0].grants).toEqual([{ consumer: 'tax', grant: 'G-TEST-0002' }]);
  });
});

describe('govgraph compose --check --against', () => {
  it('fails, with one line per breaking change naming the grants, against a supergraph the change breaks', async () => {
    const baseline = path.join(policyDir, 'in-force.graphql');
    fs.writeFileSync(baseline, sdlOf(edited(subgraphs, 'population', 'Query', argRetyped('person', 'idNumber', 'ID'))));
    const result = await promisify(execFile)(process.execPath, [path.join(REPO, 'bin/govgraph.js'), 'compose', '--check', '--against', baseline], {
      cwd: REPO,
      env: { ...process.env, GOVGRAPH_POLICY_DIR: policyDir },
    }).then(
      () => ({ code: 0, stderr: '' }),
      (err: { code: number; stderr: string }) => ({ code: err.code, stderr: err.stderr }),
    );
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^breaking: Query\.person\(idNumber\) — .* Grants naming it: civil-affairs \(G-TEST-0001\), housing-fund \(G-TEST-0003\)\.$/m);
    expect(result.stderr).toMatch(/^1 breaking change against .*in-force\.graphql; grants of civil-affairs, housing-fund name what changes\.$/m);
  }, 60_000);
});
