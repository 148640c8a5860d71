import { uniqueRepresentations } from './uniqueRepresentations';

const division = (code: string) => ({ __typename: 'Division', code });

describe('one representation per distinct entity', () => {
  it('sends each distinct representation once and spreads the answer and its errors back to every place', () => {
    const request = { query: 'query($representations: [_Any!]!) { _entities(representations: $representations) { ... on Division { name } } }', variables: { representations: [division('320102'), division('320115'), division('320102'), division('999999'), division('320102')] } };
    const unique = uniqueRepresentations(request);
    expect(unique.request.variables!.representations).toEqual([division('320102'), division('320115'), division('999999')]);
    // The caller's request is left as it was.
    expect(request.variables.representations).toHaveLength(5);

    const answer = unique.expand({
      data: { _entities: [{ name: '玄武区', nested: { n: 1 } }, { name: '江宁区', nested: { n: 2 } }, null] },
      errors: [
        { message: 'no such division', path: ['_entities', 2] },
        { message: 'denied', path: ['_entities', 0, 'nested', 'n'], extensions: { code: 'FORBIDDEN' } },
        { message: 'whole request' },
      ],
    });
    expect(answer.data!._entities).toEqual([
      { name: '玄武区', nested: { n: 1 } },
      { name: '江宁区', nested: { n: 2 } },
      { name: '玄武区', nested: { n: 1 } },
      null,
      { name: '玄武区', nested: { n: 1 } },
    ]);
    // Each place its own object: the gateway merges later fetches into entities in place.
    const [a, , c, , e] = answer.data!._entities;
    expect(new Set([a, c, e]).size).toBe(3);
    expect(new Set([a.nested, c.nested, e.nested]).size).toBe(3);
    expect(answer.errors!.map((x) => [x.message, x.path])).toEqual([
      ['no such division', ['_entities', 3]],
      ['denied', ['_entities', 0, 'nested', 'n']],
      ['denied', ['_entities', 2, 'nested', 'n']],
      ['denied', ['_entities', 4, 'nested', 'n']],
      ['whole request', undefined],
    ]);
    expect(answer.errors![1].extensions).toEqual({ code: 'FORBIDDEN' });
  });

  it('leaves a request without duplicates, or without representations, untouched', () => {
    const distinct = { query: '…', variables: { representations: [division('1'), division('2')] } };
    expect(uniqueRepresentations(distinct).request).toBe(distinct);
    const root = { query: '{ persons { name } }', variables: { ids: ['1', '1'] } };
    const unique = uniqueRepresentations(root);
    expect(unique.request).toBe(root);
    const response = { data: { persons: [] } };
    expect(unique.expand(response)).toBe(response);
  });

  it('never merges sealed keys (each seal is different) and keeps field order meaningful', () => {
    const reps = [
      { __typename: 'Person', idNumber: 'gg:sealed:aaa' },
      { __typename: 'Person', idNumber: 'gg:sealed:bbb' },
    ];
    expect(uniqueRepresentations({ variables: { representations: reps } }).request.variables!.representations).toHaveLength(2);
  });
});
