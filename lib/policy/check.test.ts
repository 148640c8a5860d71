import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readCommittedSupergraph } from '../supergraph';
import { checkPolicy, checkPolicyDetailed, readSupergraphModel } from './check';
import { policyDir } from './store';

const sdl = readCommittedSupergraph();
const REPO_POLICIES = policyDir();
const DEPARTMENTS = { population: 'public-security', 'legal-person': 'market-regulation', geospatial: 'natural-resources', 'social-security': 'human-resources' };

const temps: string[] = [];
afterAll(() => {
  for (const t of temps) fs.rmSync(t, { recursive: true, force: true });
});

/** A temp copy of policies/ with `edit` applied to one file's text. */
function policiesWith(edits: Record<string, (text: string) => string>): string {
  const dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'govgraph-check-')), 'policies');
  temps.push(path.dirname(dir));
  fs.cpSync(REPO_POLICIES, dir, { recursive: true });
  for (const [file, edit] of Object.entries(edits)) {
    const p = path.join(dir, file);
    const before = fs.readFileSync(p, 'utf8');
    const after = edit(before);
    expect(after).not.toBe(before); // the edit must apply, or the test proves nothing
    fs.writeFileSync(p, after);
  }
  return dir;
}

/** Replaces the one line of `text` that matches `re`. */
const replaceLine = (re: RegExp, replacement: string) => (text: string) => {
  const lines = text.split('\n');
  const i = lines.findIndex((l) => re.test(l));
  if (i < 0) throw new Error(`no line matches ${re}`);
  lines.splice(i, 1, ...(replacement ? [replacement] : []));
  return lines.join('\n');
};

describe('the supergraph model', () => {
  const model = readSupergraphModel(sdl);

  it('has the object types of the API schema, without roots or federation internals', () => {
    expect([...model.types.keys()]).toEqual(expect.arrayContaining(['Person', 'Household', 'LegalPerson', 'AdminDivision', 'Parcel', 'RealEstateRight', 'Encumbrance', 'Shareholding']));
    for (const t of model.types.keys()) expect(t).not.toMatch(/^(Query|Mutation|Subscription|_Service|_Entity|_Any|join__|link__|__)/);
    expect(model.subgraphs).toEqual(['geospatial', 'legal-person', 'population', 'sharing', 'social-security']);
  });

  it('knows which subgraph resolves each field from @join__field / @join__type', () => {
    expect(model.fields.get('Person.phone')?.graphs).toEqual(['population']);
    expect(model.fields.get('Person.realEstateRights')?.graphs).toEqual(['geospatial']);
    expect(model.fields.get('Person.shareholdings')?.graphs).toEqual(['legal-person']);
    // external in geospatial and legal-person: only population resolves it
    expect(model.fields.get('Person.residenceDivision')?.graphs).toEqual(['population']);
    // a key without @join__field: every graph that has the type
    expect(model.fields.get('Person.idNumber')?.graphs).toEqual(['geospatial', 'legal-person', 'population', 'social-security']);
    expect(model.fields.get('Person.idNumber')?.owner).toBe('population');
    // a type with no @join__field at all: its one graph
    expect(model.fields.get('Encumbrance.amount')?.graphs).toEqual(['geospatial']);
  });
});

describe('govgraph policy check', () => {
  it('passes on the committed supergraph and policies/', () => {
    const { problems, policy } = checkPolicyDetailed(sdl, REPO_POLICIES, { departments: DEPARTMENTS });
    expect(problems).toEqual([]);
    expect(policy!.fields.size).toBe(readSupergraphModel(sdl).fields.size);
    expect(policy!.grants.has('G-DEMO-0001')).toBe(true);
  });

  it('reports a field the policy no longer classifies', () => {
    const dir = policiesWith({ 'public-security.yaml': replaceLine(/^\s+phone:/, '') });
    expect(checkPolicy(sdl, dir)).toEqual([
      `unclassified: Person.phone (served by population) — classify it in ${dir}/public-security.yaml`,
      // the demo grant still names it, which is fine: the field exists
    ]);
  });

  it('reports a field the supergraph does not have, and a type it does not have', () => {
    const dir = policiesWith({
      'public-security.yaml': (t) =>
        t.replace(
          /^(\s+)phone:/m,
          '$1nickname: { sharing: unconditional, personal: true, mask: none, description: 昵称, updateFrequency: 实时 }\n$1phone:',
        ) + '  Pet:\n    fields:\n      name: { sharing: unconditional, personal: false, mask: none, description: 宠物名, updateFrequency: 实时 }\n',
    });
    expect(checkPolicy(sdl, dir)).toEqual([
      `unknown field in ${dir}/public-security.yaml: Person.nickname`,
      `unknown type in ${dir}/public-security.yaml: Pet (Pet.name)`,
    ]);
  });

  it('reports a not-shared item without its legal basis', () => {
    const dir = policiesWith({ 'public-security.yaml': replaceLine(/^\s+phone:/, '      phone: { sharing: not-shared, personal: true, mask: phone, description: 联系电话, updateFrequency: 按需 }') });
    const problems = checkPolicy(sdl, dir);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(new RegExp(`^${dir}/public-security\\.yaml: types\\.Person\\.fields\\.phone\\.legalBasis: a not-shared item needs its legalBasis`));
  });

  it('reports grants naming fields or types the supergraph does not have', () => {
    const dir = policiesWith({ 'grants/demo.yaml': (t) => t.replace('      - Person.phone\n', '      - Person.phone\n      - Person.nickname\n      - Ghost.*\n') });
    expect(checkPolicy(sdl, dir)).toEqual([
      'grant G-DEMO-0001 lists Person.nickname, which the supergraph does not have',
      'grant G-DEMO-0001 lists Ghost.*, but the supergraph has no type Ghost',
    ]);
  });

  it('reports a grant that would open a not-shared field', () => {
    const dir = policiesWith({ 'grants/demo.yaml': (t) => t.replace('      - Person.phone\n', '      - Person.phone\n      - Person.caseFlags\n') });
    expect(checkPolicy(sdl, dir)).toEqual(['grant G-DEMO-0001 lists Person.caseFlags, which is not-shared — a grant can never open it']);
  });

  it('reports a grant whose consumer is the provider of what it names', () => {
    const dir = policiesWith({ 'grants/demo.yaml': (t) => t.replace('consumer: civil-affairs', 'consumer: public-security') });
    expect(checkPolicy(sdl, dir)).toEqual([
      'grant G-DEMO-0001: consumer public-security is the provider of Person.phone, Person.maritalStatus, Person.household, Household.*, HouseholdMember.* — a department reads its own data without a grant',
    ]);
  });

  it('does not report an expired grant (it is history)', () => {
    const dir = policiesWith({ 'grants/demo.yaml': (t) => t.replace('validFrom: 2025-01-01', 'validFrom: 2020-01-01').replace('validUntil: 2027-12-31', 'validUntil: 2020-12-31') });
    expect(checkPolicy(sdl, dir)).toEqual([]);
  });

  it('reports a non-null field that the policy could withhold, and passes every withholdable field of the schema as nullable', () => {
    // LegalPerson.kind is `String!`: unconditional and not personal, it always flows.
    const dir = policiesWith({
      'market-regulation.yaml': replaceLine(/^      kind: \{ sharing: unconditional, personal: false/, '      kind: { sharing: conditional, personal: false, mask: none, description: 企业类型, updateFrequency: 实时 }'),
    });
    const problems = checkPolicy(sdl, dir, { departments: DEPARTMENTS });
    expect(problems).toEqual([expect.stringMatching(/^non-null but withholdable: LegalPerson\.kind is String! .* conditional .*subgraphs\/legal-person\/schema\.graphql/)]);
    const personal = policiesWith({
      'market-regulation.yaml': replaceLine(/^      kind: \{ sharing: unconditional, personal: false/, '      kind: { sharing: unconditional, personal: true, mask: none, description: 企业类型, updateFrequency: 实时 }'),
    });
    expect(checkPolicy(sdl, personal, { departments: DEPARTMENTS })).toEqual([expect.stringMatching(/^non-null but withholdable: LegalPerson\.kind .* personal/)]);
  });

  it('reports a field attributed to a subgraph that does not resolve it', () => {
    // Person.legalRepresentativeOf comes from legal-person; classify it in the population file instead.
    const dir = policiesWith({
      'market-regulation.yaml': replaceLine(/^\s+legalRepresentativeOf:/, ''),
      'public-security.yaml': (t) =>
        t.replace(/^(\s+)phone:/m, '$1legalRepresentativeOf: { sharing: unconditional, personal: true, mask: none, description: 担任法定代表人的企业, updateFrequency: 实时 }\n$1phone:'),
    });
    expect(checkPolicy(sdl, dir)).toEqual([`wrong subgraph in ${dir}/public-security.yaml: Person.legalRepresentativeOf is classified for population, but it is resolved by legal-person`]);
  });

  it('reports a provider file naming a subgraph that is not in the supergraph or not its own', () => {
    const ghost = policiesWith({ 'market-regulation.yaml': (t) => t.replace('subgraph: legal-person', 'subgraph: companies') });
    // one line for the file, not one per field it classifies
    expect(checkPolicy(sdl, ghost)).toEqual([`${ghost}/market-regulation.yaml: subgraph companies is not in the supergraph (its subgraphs: geospatial, legal-person, population, sharing, social-security)`]);

    const swapped = policiesWith({ 'market-regulation.yaml': (t) => t.replace('provider: market-regulation', 'provider: tax') });
    expect(checkPolicy(sdl, swapped, { departments: DEPARTMENTS })).toEqual([`${swapped}/market-regulation.yaml: provider tax does not run subgraph legal-person (market-regulation does)`]);
  });

  it('reports broken YAML as one line, file:line:column, with no follow-on problems from that file', () => {
    const dir = policiesWith({ 'public-security.yaml': (t) => t.replace('  Household:\n', '  Household: [unclosed\n') });
    const line = fs.readFileSync(path.join(dir, 'public-security.yaml'), 'utf8').split('\n').findIndex((l) => l.includes('[unclosed')) + 1;
    expect(checkPolicy(sdl, dir)).toEqual([expect.stringMatching(new RegExp(`^${dir}/public-security\\.yaml:${line}:\\d+: YAML syntax error: [^\\n]+$`))]);
    // A missing colon cascades into several parser errors (and, before, a schema error for the whole file).
    const typo = policiesWith({ 'public-security.yaml': (t) => t.replace(/^types:$/m, 'types') });
    expect(checkPolicy(sdl, typo)).toEqual([expect.stringMatching(new RegExp(`^${typo}/public-security\\.yaml:\\d+:\\d+: YAML syntax error: `))]);
  });

  it('judges each file by its own name and current text (parsed files are remembered by both)', () => {
    const broken = (t: string) => t.replace('  Household:\n', '  Household: [unclosed\n');
    const dir = policiesWith({ 'public-security.yaml': broken });
    expect(checkPolicy(sdl, dir)).toEqual([expect.stringMatching(/public-security\.yaml:\d+:\d+: YAML syntax error: /)]);
    // The same broken text under another name is reported under that name, not the first one's.
    fs.renameSync(path.join(dir, 'public-security.yaml'), path.join(dir, 'public-security-2.yaml'));
    expect(checkPolicy(sdl, dir)).toEqual([expect.stringMatching(/public-security-2\.yaml:\d+:\d+: YAML syntax error: /)]);
    // Fixed on disk, it loads again: nothing of the broken text is served from memory.
    fs.writeFileSync(path.join(dir, 'public-security-2.yaml'), fs.readFileSync(path.join(REPO_POLICIES, 'public-security.yaml'), 'utf8'));
    expect(checkPolicy(sdl, dir)).toEqual([]);
  });

  it('names a directory under the cwd relatively, as the CLI shows it', () => {
    const dir = policiesWith({ 'public-security.yaml': replaceLine(/^\s+phone:/, '') });
    expect(checkPolicy(sdl, dir, { displayDir: 'policies' })).toEqual(['unclassified: Person.phone (served by population) — classify it in policies/public-security.yaml']);
  });

  it('reports an unreadable supergraph as one problem', () => {
    expect(checkPolicy('type {', REPO_POLICIES)).toEqual([expect.stringMatching(/^the supergraph cannot be read: /)]);
  });
});
