import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readCommittedSupergraph } from '../supergraph';
import { catalogCommand } from '../../cli/commands/catalog';
import { readSupergraphModel } from '../policy/check';
import { loadPolicyDir } from '../policy/policySet';
import { policyDir } from '../policy/store';
import { buildCatalog, CatalogEntry, catalogJson, catalogMarkdown, conditionsOf, filterCatalog, UNCLASSIFIED_LEGAL_BASIS, UNCLASSIFIED_PROVIDER } from './catalog';

const sdl = readCommittedSupergraph();
const REPO_POLICIES = policyDir();
const policy = loadPolicyDir(REPO_POLICIES);
const catalog = buildCatalog(sdl, policy);
const byPath = (entries: CatalogEntry[], p: string) => entries.filter((e) => e.path === p);

const temps: string[] = [];
afterAll(() => {
  for (const t of temps) fs.rmSync(t, { recursive: true, force: true });
});

/** A temp copy of policies/ with `edit` applied to one file's text. */
function policiesWith(file: string, edit: (text: string) => string): string {
  const dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'govgraph-catalog-')), 'policies');
  temps.push(path.dirname(dir));
  fs.cpSync(REPO_POLICIES, dir, { recursive: true });
  const p = path.join(dir, file);
  const before = fs.readFileSync(p, 'utf8');
  const after = edit(before);
  expect(after).not.toBe(before); // the edit must apply, or the test proves nothing
  fs.writeFileSync(p, after);
  return dir;
}

describe('buildCatalog on the committed supergraph and policies', () => {
  const model = readSupergraphModel(sdl);

  it('lists every classified field of a catalogued type exactly once, and nothing else', () => {
    const expected = [...model.fields.keys()].filter((p) => policy.field(p)?.catalog).sort();
    expect(expected.length).toBeGreaterThan(50); // the fixture is what we think it is
    expect(catalog.map((e) => e.path).sort()).toEqual(expected);
    expect(new Set(catalog.map((e) => e.path)).size).toBe(catalog.length);
  });

  it('takes provider, subgraph and attributes from the policy, the type from the API schema', () => {
    for (const e of catalog) {
      const f = policy.field(e.path)!;
      expect([e.provider, e.subgraph, e.description, e.updateFrequency]).toEqual([f.provider, f.subgraph, f.policy.description, f.policy.updateFrequency]);
      expect(e.path).toBe(`${e.typeName}.${e.fieldName}`);
      expect(model.fields.get(e.path)?.graphs).toContain(e.subgraph);
    }
    expect(byPath(catalog, 'Person.realEstateRights')[0].graphqlType).toMatch(/^\[RealEstateRight!\]!?$/);
    expect(byPath(catalog, 'Person.idNumber')[0].graphqlType).toBe('ID'); // withholdable, so nullable
    expect(byPath(catalog, 'LegalPerson.uscc')[0].graphqlType).toBe('ID!');
    expect(byPath(catalog, 'Person.phone')[0].graphqlType).toBe('String');
  });

  it('lists Person.caseFlags as not shared, with its legal basis', () => {
    const [e] = byPath(catalog, 'Person.caseFlags');
    expect(e.sharing).toBe('NOT_SHARED');
    expect(e.legalBasis).toContain('人民警察法');
    expect(e.legalBasis).toBe(policy.field('Person.caseFlags')!.policy.legalBasis);
    expect(e.conditions).toMatch(/^不予共享/);
    expect(e.conditions).toContain('never leaves public-security');
  });

  it('lists Person.phone as conditional personal data, masked, with conditions naming its provider', () => {
    const [e] = byPath(catalog, 'Person.phone');
    expect(e).toMatchObject({ provider: 'public-security', subgraph: 'population', sharing: 'CONDITIONAL', personal: true, mask: 'phone', updateFrequency: '按需' });
    expect(e.conditions).toContain('须经 public-security 批准的共享申请（授权）');
    expect(e.conditions).toContain('默认脱敏显示（phone）');
    expect(e.conditions).toMatch(/ \/ requires an approved application \(grant\) from public-security/);
    expect(e.conditions).toContain('masked (phone) unless a grant unmasks it');
    expect(e.legalBasis).toBeNull();
    expect(e.typeDescription).toBe(policy.providers.find((p) => p.provider === 'public-security')!.types.Person.description);
  });

  it('says what unconditional items require: a purpose for personal data, nothing for open data', () => {
    expect(byPath(catalog, 'Person.name')[0].conditions).toMatch(/^须说明用途（X-Purpose），限本辖区 \/ requires a stated purpose/);
    expect(byPath(catalog, 'Person.registeredAddress')[0].conditions).toContain('默认脱敏显示（address）');
    const open = byPath(catalog, 'LegalPerson.uscc')[0];
    expect(open).toMatchObject({ sharing: 'UNCONDITIONAL', personal: false, mask: null, conditions: null });
  });

  it('mentions jurisdiction for conditional personal data only (the engine checks it only there)', () => {
    const base = { sharing: 'conditional', mask: 'none', description: 'x', updateFrequency: 'x' } as const;
    expect(conditionsOf({ ...base, personal: true }, 'p')).toContain('期限和属地');
    expect(conditionsOf({ ...base, personal: false }, 'p')).not.toContain('属地');
    expect(conditionsOf({ ...base, personal: false }, 'p')).not.toContain('jurisdiction');
  });

  it('orders by provider, then type, then declaration order', () => {
    const key = (e: CatalogEntry) => `${e.provider}\0${e.typeName}`;
    const keys = catalog.map(key);
    expect(keys).toEqual([...keys].sort());
    const person = catalog.filter((e) => e.provider === 'public-security' && e.typeName === 'Person').map((e) => e.fieldName);
    const declared = model.types.get('Person')!.filter((f) => person.includes(f));
    expect(person).toEqual(declared);
  });
});

describe('what the policy does not say', () => {
  it('leaves out a type marked catalog: false', () => {
    const dir = policiesWith('natural-resources.yaml', (t) => t.replace(/^  Encumbrance:\n/m, '  Encumbrance:\n    catalog: false\n'));
    const entries = buildCatalog(sdl, loadPolicyDir(dir));
    const encumbrances = catalog.filter((e) => e.typeName === 'Encumbrance').length;
    expect(encumbrances).toBeGreaterThan(2);
    expect(entries.filter((e) => e.typeName === 'Encumbrance')).toEqual([]);
    expect(entries.length).toBe(catalog.length - encumbrances);
    // …as the committed policy already does for pagination machinery.
    expect(catalog.filter((e) => e.typeName === 'PageInfo')).toEqual([]);
  });

  it('lists an unclassified field as not shared, under the provider of the subgraph that serves it, with a plain basis', () => {
    const dir = policiesWith('public-security.yaml', (t) => t.replace(/^ {6}maritalStatus: .*\n/m, ''));
    const p = loadPolicyDir(dir);
    expect(p.field('Person.maritalStatus')).toBeUndefined();
    const [e] = byPath(buildCatalog(sdl, p), 'Person.maritalStatus');
    expect(e).toMatchObject({ provider: 'public-security', subgraph: 'population', sharing: 'NOT_SHARED', mask: null, updateFrequency: null, legalBasis: UNCLASSIFIED_LEGAL_BASIS });
    expect(e.legalBasis).toContain('以共享为原则、不共享为例外');
    expect(e.conditions).toContain('denied by default');
    expect(e.graphqlType).toBe(byPath(catalog, 'Person.maritalStatus')[0].graphqlType);
  });

  it('names no provider for an unclassified field of a subgraph no policy file claims', () => {
    // Drop the whole geospatial file: its fields are served, so they stay in the catalog.
    const dir = policiesWith('natural-resources.yaml', () => '');
    fs.rmSync(path.join(dir, 'natural-resources.yaml'));
    fs.rmSync(path.join(dir, 'grants'), { recursive: true }); // the demo grant names geospatial fields
    const entries = buildCatalog(sdl, loadPolicyDir(dir));
    const [e] = byPath(entries, 'Parcel.area');
    expect(e).toMatchObject({ provider: UNCLASSIFIED_PROVIDER, subgraph: 'geospatial', sharing: 'NOT_SHARED' });
    expect(byPath(entries, 'Person.realEstateRights')[0]).toMatchObject({ provider: UNCLASSIFIED_PROVIDER, subgraph: 'geospatial' });
    expect(entries.length).toBe(catalog.length);
  });

  it('keeps an unclassified field of an operational type out, like the rest of that type', () => {
    const dir = policiesWith('market-regulation.yaml', (t) => t.replace(/^ {6}endCursor: .*\n/m, ''));
    expect(buildCatalog(sdl, loadPolicyDir(dir)).filter((e) => e.typeName === 'PageInfo')).toEqual([]);
  });

  it('lists a field added to the supergraph before any policy names it', () => {
    const extended = sdl.replace(/^(type Parcel\b[^{]*\{\n)/m, '$1  """Soil class 土壤类别."""\n  soilClass: String\n');
    expect(extended).not.toBe(sdl);
    const [e] = byPath(buildCatalog(extended, policy), 'Parcel.soilClass');
    expect(e).toMatchObject({ provider: 'natural-resources', subgraph: 'geospatial', sharing: 'NOT_SHARED', description: 'Soil class 土壤类别.', graphqlType: 'String' });
  });
});

describe('filterCatalog', () => {
  it('filters by provider, sharing and a case-insensitive search', () => {
    const ps = filterCatalog(catalog, { provider: 'public-security' });
    expect(ps.length).toBeGreaterThan(0);
    expect(ps.every((e) => e.provider === 'public-security')).toBe(true);
    expect(ps.length).toBeLessThan(catalog.length);

    expect(filterCatalog(catalog, { sharing: 'NOT_SHARED' }).map((e) => e.path)).toEqual(['Person.caseFlags']);
    expect(filterCatalog(catalog, { sharing: 'CONDITIONAL' }).every((e) => e.sharing === 'CONDITIONAL')).toBe(true);

    expect(filterCatalog(catalog, { search: 'person.PHONE' }).map((e) => e.path)).toEqual(['Person.phone']);
    expect(filterCatalog(catalog, { search: '人民警察法' }).map((e) => e.path)).toEqual(['Person.caseFlags']); // legal basis
    expect(filterCatalog(catalog, { search: '联系电话' }).map((e) => e.path)).toEqual(['Person.phone']); // description
    expect(filterCatalog(catalog, { search: 'MARKET-regulation' }).length).toBe(filterCatalog(catalog, { provider: 'market-regulation' }).length);
    expect(filterCatalog(catalog, { search: 'BDC_QL' }).every((e) => e.typeName === 'RealEstateRight')).toBe(true); // type description
    expect(filterCatalog(catalog, { search: 'BDC_QL' }).length).toBeGreaterThan(0);

    expect(filterCatalog(catalog, { provider: 'public-security', sharing: 'CONDITIONAL', search: 'household' }).map((e) => e.path)).toEqual(
      expect.arrayContaining(['Person.household', 'Household.number']),
    );
    expect(filterCatalog(catalog, {})).toEqual(catalog);
  });
});

describe('catalogMarkdown', () => {
  const md = catalogMarkdown(catalog, { policyRevision: policy.revision });

  it('has a section per provider, a table per type and a row for Person.phone', () => {
    const lines = md.split('\n');
    for (const p of new Set(catalog.map((e) => e.provider))) expect(lines).toContain(`## ${p}`);
    const row = lines.find((l) => l.startsWith('| phone |'));
    expect(row).toBeDefined();
    expect(row).toContain('有条件 conditional');
    expect(row).toContain('| 是 yes | phone | 按需 | 联系电话 |');
    expect(row).toContain('public-security');
    // Person is provided by four departments: one table under each
    expect(lines.filter((l) => l === '### Person').length).toBe(4);
    expect(md).toContain(policy.revision);
    const rows = lines.filter((l) => /^\| (?!字段|---)/.test(l));
    expect(rows.length).toBe(catalog.length);
  });

  it('escapes pipes and line breaks in cells, so every row keeps its columns', () => {
    const tricky: CatalogEntry = { ...byPath(catalog, 'Person.phone')[0], description: 'a | b\nc', legalBasis: 'x|y' };
    const row = catalogMarkdown([tricky]).split('\n').find((l) => l.startsWith('| phone |'))!;
    expect(row).toContain('a \\| b c');
    expect(row).toContain('x\\|y');
    expect(row.split(/(?<!\\)\|/).length).toBe(10); // 8 cells between 9 unescaped pipes
  });
});

describe('catalogJson', () => {
  it('is the entries as pretty JSON, keys in a fixed order', () => {
    const json = catalogJson(catalog);
    expect(JSON.parse(json)).toEqual(catalog);
    expect(json).toContain('\n  {\n    "path": "');
    const shuffled = catalog.map((e) => Object.fromEntries(Object.entries(e).reverse()) as unknown as CatalogEntry);
    expect(catalogJson(shuffled)).toBe(json);
  });
});

describe('govgraph catalog', () => {
  let out: string;
  let err: string;
  beforeEach(() => {
    out = '';
    err = '';
    jest.spyOn(process.stdout, 'write').mockImplementation((s) => ((out += String(s)), true));
    jest.spyOn(process.stderr, 'write').mockImplementation((s) => ((err += String(s)), true));
    process.exitCode = undefined;
  });
  afterEach(() => {
    jest.restoreAllMocks();
    process.exitCode = undefined;
  });

  it('prints the filtered catalog as JSON', async () => {
    await catalogCommand({ format: 'json', sharing: 'not-shared', dir: REPO_POLICIES });
    expect(process.exitCode).toBeUndefined();
    expect(err).toBe('');
    expect(JSON.parse(out).map((e: CatalogEntry) => e.path)).toEqual(['Person.caseFlags']);
  });

  it('prints Markdown by default', async () => {
    await catalogCommand({ provider: 'natural-resources', dir: REPO_POLICIES });
    expect(err).toBe('');
    expect(out).toMatch(/^# 政务信息资源目录/);
    expect(out).toContain('## natural-resources');
    expect(out).not.toContain('## public-security');
  });

  it.each([
    [{ format: 'xml' }, /--format xml/],
    [{ sharing: 'sometimes' }, /--sharing sometimes/],
    [{ provider: 'no-such-dept' }, /--provider no-such-dept/],
    [{ supergraph: '/nonexistent/supergraph.graphql' }, /is missing/],
  ])('fails with one line on stderr for %j', async (opts, message) => {
    await catalogCommand({ dir: REPO_POLICIES, ...opts });
    expect(process.exitCode).toBe(1);
    expect(out).toBe('');
    expect(err).toMatch(/^govgraph catalog: .*\n$/);
    expect(err.trimEnd().split('\n')).toHaveLength(1);
    expect(err).toMatch(message);
  });

  it('fails with one line on stderr for an invalid policy', async () => {
    const dir = policiesWith('public-security.yaml', (t) => t.replace('sharing: not-shared', 'sharing: sometimes'));
    await catalogCommand({ dir });
    expect(process.exitCode).toBe(1);
    expect(out).toBe('');
    expect(err).toMatch(/^govgraph catalog: the policy in .* does not load: public-security\.yaml: .*sharing.*\n$/);
    expect(err.trimEnd().split('\n')).toHaveLength(1);
  });
});
