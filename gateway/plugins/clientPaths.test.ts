import { parse, type OperationDefinitionNode } from 'graphql';
import { selectedPrefix } from './clientPaths';

function prefix(query: string, path: Array<string | number>): number {
  const doc = parse(query);
  const op = doc.definitions.find((d) => d.kind === 'OperationDefinition') as OperationDefinitionNode;
  return selectedPrefix(path, op, doc);
}

describe('selectedPrefix: how much of an error path the client selected', () => {
  it('follows fields, aliases and list indices', () => {
    expect(prefix('{ person(idNumber: "x") { name } }', ['person', 'name'])).toBe(2);
    expect(prefix('{ p: person(idNumber: "x") { n: name } }', ['p', 'n'])).toBe(2);
    expect(prefix('{ p: person(idNumber: "x") { n: name } }', ['person', 'name'])).toBe(0);
    expect(prefix('{ legalPersons { edges { node { name } } } }', ['legalPersons', 'edges', 3, 'node', 'name'])).toBe(5);
  });

  it('stops at the first field the gateway fetched for itself (a key, a @requires input)', () => {
    expect(prefix('{ person(idNumber: "x") { name } }', ['person', 'idNumber'])).toBe(1);
    expect(prefix('{ person(idNumber: "x") { name } }', ['person', 'residenceDivision', 'code'])).toBe(1);
    expect(prefix('{ a { b { c } } }', ['a', 0, 'b', 1, 'd'])).toBe(4);
  });

  it('looks through inline fragments and named fragments, and never loops on a fragment cycle', () => {
    const q = 'query { s { holder { ... on Person { name } ...F } } } fragment F on LegalPerson { uscc ...G } fragment G on LegalPerson { ...F kind }';
    expect(prefix(q, ['s', 0, 'holder', 'name'])).toBe(4);
    expect(prefix(q, ['s', 0, 'holder', 'kind'])).toBe(4);
    expect(prefix(q, ['s', 0, 'holder', 'status'])).toBe(3);
  });
});
