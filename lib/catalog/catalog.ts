/**
 * The resource catalog (政务信息资源目录): every data item the platform serves, with its
 * provider, sharing class, conditions, update frequency and description.
 *
 * It is generated at run time from the composed supergraph plus the sharing policies, never
 * written by hand, so it cannot drift from what is served: a field the supergraph serves but
 * no policy classifies is listed too (as denied by default), and a policy entry for a field
 * the supergraph lacks is not (`govgraph policy check` reports those).
 */
import { isObjectType } from 'graphql';
import { readSupergraphModel, SupergraphField } from '../policy/check';
import type { FieldEntry, PolicySet } from '../policy/policySet';
import type { FieldPolicy } from '../policy/schema';

/** The sharing class as the API spells it (`enum SharingClass` in gateway/supergraph.graphql). */
export type CatalogSharing = 'UNCONDITIONAL' | 'CONDITIONAL' | 'NOT_SHARED';

export const CATALOG_SHARING: readonly CatalogSharing[] = ['UNCONDITIONAL', 'CONDITIONAL', 'NOT_SHARED'];

/** One data item of the catalog: one field of the supergraph's API schema. */
export interface CatalogEntry {
  /** `Type.field`, e.g. `Person.phone` */
  path: string;
  typeName: string;
  fieldName: string;
  /** The field's type as graphql-js prints it: `String`, `[RealEstateRight!]`, `Person!`. */
  graphqlType: string;
  /** The department that provides the item (一数一源); `(unclassified)` when no policy file claims its subgraph. */
  provider: string;
  /** The subgraph that serves it. */
  subgraph: string;
  sharing: CatalogSharing;
  /** Personal information (PIPL). `false` for an unclassified field, which is denied anyway. */
  personal: boolean;
  /** The mask rule applied unless a grant unmasks the field; null when none. */
  mask: string | null;
  /** The policy's description; for an unclassified field, the schema's. */
  description: string | null;
  /** The provider's description of the type, else the schema's. */
  typeDescription: string | null;
  /** How a consumer may obtain the item, generated from the policy (`中文 / English`); null when it is open to all. */
  conditions: string | null;
  updateFrequency: string | null;
  /** Why the item is not shared (mandatory for not-shared items), or why an unclassified one is denied. */
  legalBasis: string | null;
}

/** The provider shown for a field whose subgraph no policy file claims (as in `policy explain`). */
export const UNCLASSIFIED_PROVIDER = '(unclassified)';

/** Said of every field the policy does not classify: deny by default, but a denial needs a basis. */
export const UNCLASSIFIED_CONDITIONS = '未经共享策略分类，默认不予共享 / not classified by the sharing policy: denied by default';
export const UNCLASSIFIED_LEGAL_BASIS =
  '无：该数据项尚未分类。以共享为原则、不共享为例外——不予共享须有依据，提供部门须在共享策略中为其分类 / ' +
  'none: the item is not classified yet. Sharing is the rule and denial the exception — a denial needs a basis, so the provider must classify it';

const SHARING_OF: Record<FieldPolicy['sharing'], CatalogSharing> = {
  unconditional: 'UNCONDITIONAL',
  conditional: 'CONDITIONAL',
  'not-shared': 'NOT_SHARED',
};

/**
 * The catalog of a supergraph under a policy: one entry per field of the API schema, except
 * the fields of types the policy marks `catalog: false` (the platform's own operational
 * records). Fields the policy does not classify are listed as NOT_SHARED with a plain
 * statement that they are unclassified — they are what is served, so they are not hidden —
 * unless every classified field of their type is `catalog: false`.
 *
 * Ordered by provider, then type name, then the fields' declaration order in the schema.
 * Throws if `supergraphSdl` is not a supergraph.
 */
export function buildCatalog(supergraphSdl: string, policy: PolicySet): CatalogEntry[] {
  const model = readSupergraphModel(supergraphSdl);
  const api = model.api;
  const providerOfSubgraph = new Map<string, string>();
  for (const p of policy.providers) if (!providerOfSubgraph.has(p.subgraph)) providerOfSubgraph.set(p.subgraph, p.provider);

  // A type is operational when the policy classifies some of its fields and lists none of
  // them: an unclassified field of it is then operational too, not a hidden resource.
  const operational = new Set<string>();
  for (const [typeName, fieldNames] of model.types) {
    const classified = fieldNames.flatMap((f) => policy.field(`${typeName}.${f}`) ?? []);
    if (classified.length && classified.every((e) => !e.catalog)) operational.add(typeName);
  }

  const entries: Array<CatalogEntry & { order: number }> = [];
  let order = 0;
  for (const [typeName, fieldNames] of model.types) {
    const type = api.getType(typeName);
    if (!isObjectType(type)) continue; // readSupergraphModel lists object types only
    const schemaFields = type.getFields();
    for (const fieldName of fieldNames) {
      const f = model.fields.get(`${typeName}.${fieldName}`);
      const schemaField = schemaFields[fieldName];
      if (!f || !schemaField) continue;
      const base = {
        path: f.path,
        typeName,
        fieldName,
        graphqlType: String(schemaField.type),
        schemaDescription: schemaField.description ?? null,
        schemaTypeDescription: type.description ?? null,
      };
      const entry = policy.field(f.path);
      if (entry) {
        if (!entry.catalog) continue;
        entries.push({ ...classifiedEntry(base, entry, policy), order: order++ });
      } else if (!operational.has(typeName)) {
        entries.push({ ...unclassifiedEntry(base, f, providerOfSubgraph), order: order++ });
      }
    }
  }
  // model.types is already in type-name order and each type's fields in declaration order,
  // so `order` breaks ties within a provider and type.
  entries.sort((a, b) => compare(a.provider, b.provider) || compare(a.typeName, b.typeName) || a.order - b.order);
  return entries.map(({ order: _order, ...e }) => e);
}

interface FieldBase {
  path: string;
  typeName: string;
  fieldName: string;
  graphqlType: string;
  schemaDescription: string | null;
  schemaTypeDescription: string | null;
}

function classifiedEntry(base: FieldBase, entry: FieldEntry, policy: PolicySet): CatalogEntry {
  const f = entry.policy;
  const typePolicy = policy.providers.find((p) => p.provider === entry.provider)?.types[base.typeName];
  return {
    path: base.path,
    typeName: base.typeName,
    fieldName: base.fieldName,
    graphqlType: base.graphqlType,
    provider: entry.provider,
    subgraph: entry.subgraph,
    sharing: SHARING_OF[f.sharing],
    personal: f.personal,
    mask: f.mask === 'none' ? null : f.mask,
    description: f.description,
    typeDescription: typePolicy?.description ?? base.schemaTypeDescription,
    conditions: conditionsOf(f, entry.provider),
    updateFrequency: f.updateFrequency,
    legalBasis: f.legalBasis ?? null,
  };
}

function unclassifiedEntry(base: FieldBase, f: SupergraphField, providerOfSubgraph: Map<string, string>): CatalogEntry {
  // The owner when it resolves the field; else the first graph that does (sorted, so stable).
  const subgraph = f.graphs.includes(f.owner) ? f.owner : (f.graphs[0] ?? f.owner);
  return {
    path: base.path,
    typeName: base.typeName,
    fieldName: base.fieldName,
    graphqlType: base.graphqlType,
    provider: providerOfSubgraph.get(subgraph) ?? UNCLASSIFIED_PROVIDER,
    subgraph,
    sharing: 'NOT_SHARED',
    personal: false,
    mask: null,
    description: base.schemaDescription,
    typeDescription: base.schemaTypeDescription,
    conditions: UNCLASSIFIED_CONDITIONS,
    updateFrequency: null,
    legalBasis: UNCLASSIFIED_LEGAL_BASIS,
  };
}

/**
 * What a consumer must do to read the item, in the terms lib/policy/engine.ts decides by:
 * a grant for conditional items; a stated purpose and, for personal data, the jurisdiction
 * (the consumer's own or the grant's); the mask unless a grant unmasks it. Chinese first,
 * English after ` / `. Null for non-personal, unmasked, unconditional items: open to all.
 */
export function conditionsOf(f: FieldPolicy, provider: string): string | null {
  if (f.sharing === 'not-shared') return `不予共享：仅限 ${provider} 内部使用 / not shared: never leaves ${provider}`;
  const zh: string[] = [];
  const en: string[] = [];
  if (f.sharing === 'conditional') {
    // Jurisdiction is enforced for personal data only (engine.ts), so only then is it a limit.
    zh.push(`须经 ${provider} 批准的共享申请（授权）：限申请的用途、字段、期限${f.personal ? '和属地' : ''}`);
    en.push(`requires an approved application (grant) from ${provider}, limited to its purpose, fields${f.personal ? ', period and jurisdiction' : ' and period'}`);
  } else if (f.personal) {
    zh.push('须说明用途（X-Purpose），限本辖区');
    en.push("requires a stated purpose (X-Purpose); limited to the consumer's jurisdiction");
  }
  if (f.mask !== 'none') {
    zh.push(`默认脱敏显示（${f.mask}）`);
    en.push(`masked (${f.mask}) unless a grant unmasks it`);
  }
  return zh.length ? `${zh.join('；')} / ${en.join('; ')}` : null;
}

/** Which entries `filterCatalog` keeps; an option left out does not filter. */
export interface CatalogFilter {
  /** Exact provider department, e.g. `public-security`. */
  provider?: string;
  sharing?: CatalogSharing;
  /** Case-insensitive substring of the path, description, type description, provider or legal basis. */
  search?: string;
}

/** The entries matching every given filter, in their order. */
export function filterCatalog(entries: readonly CatalogEntry[], filter: CatalogFilter): CatalogEntry[] {
  const needle = filter.search?.trim().toLowerCase();
  return entries.filter(
    (e) =>
      (filter.provider === undefined || e.provider === filter.provider) &&
      (filter.sharing === undefined || e.sharing === filter.sharing) &&
      (!needle || [e.path, e.description, e.typeDescription, e.provider, e.legalBasis].some((s) => s?.toLowerCase().includes(needle))),
  );
}

const SHARING_LABEL: Record<CatalogSharing, string> = {
  UNCONDITIONAL: '无条件 unconditional',
  CONDITIONAL: '有条件 conditional',
  NOT_SHARED: '不予共享 not shared',
};

/** Text for one Markdown table cell: a `|` would end the cell, a line break the row. */
function cell(value: string | null): string {
  return value === null || value === '' ? '—' : value.replace(/\r?\n/g, ' ').replace(/\|/g, '\\|');
}

export interface CatalogMarkdownOptions {
  /** Shown in the heading so a printed catalog says which policy it reflects. */
  policyRevision?: string;
}

/**
 * The catalog as a Markdown document: a section per provider, a table per type, in the
 * entries' order (group order is first appearance, so `buildCatalog`'s order is kept).
 */
export function catalogMarkdown(entries: readonly CatalogEntry[], options: CatalogMarkdownOptions = {}): string {
  const groups = new Map<string, Map<string, CatalogEntry[]>>();
  for (const e of entries) {
    let types = groups.get(e.provider);
    if (!types) groups.set(e.provider, (types = new Map()));
    const list = types.get(e.typeName);
    if (list) list.push(e);
    else types.set(e.typeName, [e]);
  }
  const out: string[] = ['# 政务信息资源目录 Resource catalog', ''];
  out.push(
    `Generated from the composed supergraph and the sharing policies${options.policyRevision ? ` (policy revision ${options.policyRevision})` : ''}: ` +
      `${entries.length} data items from ${groups.size} provider${groups.size === 1 ? '' : 's'}.`,
    '',
  );
  if (!entries.length) out.push('No data items match.', '');
  for (const [provider, types] of groups) {
    out.push(`## ${provider}`, '');
    for (const [typeName, list] of types) {
      out.push(`### ${typeName}`, '');
      const typeDescription = list.find((e) => e.typeDescription)?.typeDescription;
      if (typeDescription) out.push(typeDescription.replace(/\r?\n/g, ' '), '');
      out.push(
        '| 字段 Field | 类型 Type | 共享类型 Sharing | 个人信息 Personal | 脱敏 Mask | 更新频率 Update frequency | 描述 Description | 共享条件/依据 Conditions / legal basis |',
        '|---|---|---|---|---|---|---|---|',
      );
      for (const e of list) {
        const terms = [e.conditions, e.legalBasis && `依据 legal basis: ${e.legalBasis}`].filter((s): s is string => !!s).join(' — ');
        out.push(
          `| ${cell(e.fieldName)} | \`${cell(e.graphqlType)}\` | ${SHARING_LABEL[e.sharing]} | ${e.personal ? '是 yes' : '否 no'} | ${cell(e.mask)} | ${cell(e.updateFrequency)} | ${cell(e.description)} | ${cell(terms || null)} |`,
        );
      }
      out.push('');
    }
  }
  return out.join('\n');
}

/** The catalog as pretty JSON: entries in the given order, keys in the order of `CatalogEntry`. */
export function catalogJson(entries: readonly CatalogEntry[]): string {
  return JSON.stringify(
    entries.map((e) => ({
      path: e.path,
      typeName: e.typeName,
      fieldName: e.fieldName,
      graphqlType: e.graphqlType,
      provider: e.provider,
      subgraph: e.subgraph,
      sharing: e.sharing,
      personal: e.personal,
      mask: e.mask,
      description: e.description,
      typeDescription: e.typeDescription,
      conditions: e.conditions,
      updateFrequency: e.updateFrequency,
      legalBasis: e.legalBasis,
    })),
    null,
    2,
  );
}

/** Code-unit order: the same on every machine, whatever its locale. */
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
