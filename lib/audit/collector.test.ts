import { AccessCollector } from './collector';
import type { Decision } from '../policy/engine';

const FULL: Decision = { effect: 'full' };
const PHONE: Decision = { effect: 'masked', rule: 'phone' };
const NO_GRANT: Decision = { effect: 'denied', reason: 'GRANT_REQUIRED' };
const path = (...keys: Array<string | number>) => keys.reduce<any>((prev, key) => ({ prev, key, typename: undefined }), undefined);

describe('the access collector', () => {
  it('groups fields that got the same decision for the same subjects, whatever order they came in', () => {
    const c = new AccessCollector();
    for (const id of ['B', 'A']) c.note('Person.name', FULL, id, path('persons', 0, 'name'));
    for (const id of ['A', 'B']) c.note('Person.gender', FULL, id, path('persons', 0, 'gender'));
    c.note('Person.phone', PHONE, 'A', path('persons', 0, 'phone'));
    c.note('Person.maritalStatus', NO_GRANT, 'B');
    expect(c.touched).toBe(true);
    expect(c.reads()).toEqual([
      { decision: 'denied(GRANT_REQUIRED)', paths: ['Person.maritalStatus'], subjects: ['B'] },
      { decision: 'full', paths: ['Person.gender', 'Person.name'], subjects: ['A', 'B'] },
      { decision: 'masked(phone)', paths: ['Person.phone'], subjects: ['A'] },
    ]);
  });

  it('keeps a field that got different decisions for different subjects in both groups', () => {
    const c = new AccessCollector();
    c.note('Person.phone', PHONE, 'A');
    c.note('Person.phone', { effect: 'denied', reason: 'OUT_OF_JURISDICTION' }, 'B');
    expect(c.reads().map((r) => [r.decision, r.subjects])).toEqual([
      ['denied(OUT_OF_JURISDICTION)', ['B']],
      ['masked(phone)', ['A']],
    ]);
  });

  it('remembers where released values are, and not denied ones', () => {
    const c = new AccessCollector();
    c.note('Person.name', FULL, 'A', path('person', 'name'));
    c.note('Person.phone', NO_GRANT, 'A');
    expect(c.releasedPaths()).toEqual([['person', 'name']]);
    expect(new AccessCollector().touched).toBe(false);
  });
});
