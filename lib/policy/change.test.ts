import fs from 'node:fs';
import path from 'node:path';
import { proposeChange, ChangeInputError, type FieldChange } from './change';
import { loadPolicyDir } from './policySet';
import { ROOT } from '../config';

const DIR = path.join(ROOT, 'policies');
const SDL = fs.readFileSync(path.join(ROOT, 'gateway', 'supergraph.graphql'), 'utf8');
const policy = loadPolicyDir(DIR);
const NOW = new Date('2026-06-01T04:00:00Z');
const draft = (changes: FieldChange[], provider = 'public-security') => proposeChange({ dir: DIR, supergraphSdl: SDL, policy, provider, changes, now: NOW });

/** The lines that differ, as [before, after] pairs (both texts have the same number of lines) or the whole texts. */
function changedLines(a: string, b: string): Array<[string, string]> {
  const x = a.split('\n');
  const y = b.split('\n');
  expect(y).toHaveLength(x.length);
  return x.map((l, i) => [l, y[i]] as [string, string]).filter(([l, m]) => l !== m);
}

test('a value changes where it stands, in a { … } entry and in a block entry; nothing else in the file moves', () => {
  const d = draft([{ path: 'Person.maritalStatus', sharing: 'unconditional' }, { path: 'Person.caseFlags', mask: 'name' }]);
  expect(d.problems).toEqual([]);
  expect(changedLines(d.beforeText, d.afterText)).toEqual([
    [expect.stringContaining('maritalStatus: { sharing: conditional,'), expect.stringContaining('maritalStatus: { sharing: unconditional,')],
    ['        mask: none', '        mask: name'],
  ]);
  expect(loadPolicyDir(DIR).revision).toBe(policy.revision); // the directory itself is untouched
});

test('a legal basis added to a { … } entry puts the entry on lines of its own; removing one takes its lines away', () => {
  const added = draft([{ path: 'Person.maritalStatus', sharing: 'not-shared', legalBasis: '依《某某条例》\n第十条。' }]);
  expect(added.afterText).toContain(
    ['      maritalStatus:', '        sharing: not-shared', '        personal: true', '        mask: none', '        description: 婚姻状况 (GB/T 2261.2)', '        updateFrequency: 实时', '        legalBasis: 依《某某条例》 第十条。'].join('\n'),
  );
  // A lone surrogate (which no file or JSON column can hold) becomes U+FFFD, as a text column stores it.
  expect(draft([{ path: 'Person.maritalStatus', sharing: 'not-shared', legalBasis: '依据\ud800' }]).fields[0].after.legalBasis).toBe('依据\ufffd');
  const removed = draft([{ path: 'Person.caseFlags', sharing: 'conditional', legalBasis: null }]);
  expect(removed.problems).toEqual([]);
  expect(removed.afterText).not.toContain('公安机关内部执法信息');
  expect(removed.afterText.split('\n').length).toBe(removed.beforeText.split('\n').length - 3);
});

test('the effect names who gains and who loses, by grant', () => {
  const d = draft([{ path: 'Person.phone', mask: 'none' }]);
  // Without a grant nothing changes (phone is conditional); the demo grant saw it masked and now sees it in full.
  expect(d.effect).toEqual([{ consumer: 'civil-affairs', grantId: 'G-DEMO-0001', path: 'Person.phone', before: 'masked(phone)', after: 'full', direction: 'gain' }]);
  const closed = draft([{ path: 'Person.name', sharing: 'conditional' }]);
  expect(closed.effect).toEqual([{ consumer: null, grantId: null, path: 'Person.name', before: 'full', after: 'denied(GRANT_REQUIRED)', direction: 'loss' }, expect.objectContaining({ grantId: 'G-DEMO-0001', direction: 'loss' })]);
});

test('a form that cannot be applied is refused with every reason', () => {
  const refused = (changes: FieldChange[], provider?: string) => {
    try {
      draft(changes, provider);
    } catch (err) {
      expect(err).toBeInstanceOf(ChangeInputError);
      return (err as ChangeInputError).problems;
    }
    throw new Error('not refused');
  };
  expect(refused([])).toEqual(['name at least one field to change']);
  expect(refused([{ path: 'LegalPerson.name', sharing: 'conditional' }])[0]).toMatch(/classified by market-regulation/);
  expect(refused([{ path: 'Person.nope', sharing: 'conditional' }])[0]).toMatch(/not a classified field/);
  expect(refused([{ path: 'Person.name', sharing: 'unconditional' }])[0]).toMatch(/leaves the field as it is/);
  expect(refused([{ path: 'Person.name', mask: 'everything' as never }])[0]).toMatch(/mask must be one of/);
  expect(refused([{ path: 'Person.name', sharing: 'conditional' }], 'tax')[0]).toMatch(/no policy file/);
});
