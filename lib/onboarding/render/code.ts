/**
 * The TypeScript of a generated subgraph, in the files every department has (README, "Architecture"):
 * `db.ts` (row types and every SQL statement, legacy names kept), `loaders.ts` (per-request
 * DataLoaders: one statement per table per request), `resolvers/`, `server.ts`
 * and `legacy-db/`. The runtime helpers they call live once, in lib/legacyDb/.
 */
import type { ColumnKind } from '../../legacyDb/catalog';
import type { ColumnField, Member, SubgraphModel, TypeModel } from '../model';
import { identifierOf, typePrefixOf } from '../naming';

/** Paths from the generated files to lib/, per folder depth (today's layout: subgraphs/<name>/). */
export interface ImportRoots {
  /** From `subgraphs/<name>/`, e.g. `../../lib`. */
  lib: string;
  /** From `subgraphs/<name>/resolvers/` and `legacy-db/`, e.g. `../../../lib`. */
  libDeep: string;
}

const q = (s: string) => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
/** A TSDoc line; `*\/` inside is broken up. */
const doc = (s: string, indent = '') => `${indent}/** ${s.replace(/\*\//g, '*\\/').replace(/\n/g, ' ')} */`;

const TS_TYPE: Record<Exclude<ColumnKind, 'unsupported'>, string> = {
  text: 'string',
  int: 'number',
  bigint: 'string',
  decimal: 'string',
  float: 'number',
  boolean: 'boolean',
  date: 'string',
  timestamp: 'string',
  timestamptz: 'string',
  time: 'string',
};

function converter(f: ColumnField): string {
  if (f.key) return 'values.key';
  const c = f.column;
  switch (c.kind) {
    case 'text':
      return c.fixedWidth ? 'values.chars' : 'values.text';
    case 'int':
      return 'values.int';
    case 'bigint':
      return 'values.bigint';
    case 'decimal':
      return 'values.decimal';
    case 'float':
      return 'values.float';
    case 'boolean':
      return 'values.bool';
    case 'date':
      return 'values.date';
    case 'timestamp':
      return 'values.fromWallClock';
    case 'timestamptz':
      return 'values.instant';
    default:
      return 'values.text';
  }
}

/** `{ column: 'GRBH', kind: 'text', maxLength: 20 }` */
function objectLiteral(o: object): string {
  return `{ ${Object.entries(o)
    .map(([k, v]) => `${k}: ${typeof v === 'string' ? q(v) : String(v)}`)
    .join(', ')} }`;
}

const constName = (t: TypeModel) => `${t.table.name.replace(/[^A-Za-z0-9]+/g, '_').toUpperCase()}_KEY`;
const rowType = (t: TypeModel) => `${t.name}Row`;
const columnsOf = (t: TypeModel) => t.members.filter((m): m is ColumnField => m.kind === 'column');

function keyExpression(t: TypeModel, row: string): string {
  return t.keys.length === 1 ? `${row}.${t.keys[0].name}` : `compositeKey([${t.keys.map((k) => `${row}.${k.name}`).join(', ')}])`;
}

function renderDbType(t: TypeModel): string {
  const cols = columnsOf(t);
  const props = t.members
    .filter((m) => m.kind !== 'reference')
    .map((m) => {
      const type = m.kind === 'lookup' ? 'string | null' : m.key ? 'string' : `${TS_TYPE[m.column.kind as Exclude<ColumnKind, 'unsupported'>]} | null`;
      return `${doc(m.kind === 'lookup' ? `${m.description}: ${m.codeTable}.${m.nameColumn} by ${m.column.name}` : m.description, '  ')}\n  ${m.name}: ${type};`;
    })
    .join('\n');
  const keys = t.keys.map((k) => `  ${k.name}: ${objectLiteral(k.key!)},`).join('\n');
  const plain = cols.filter((c) => c.column.kind !== 'timestamp').map((c) => `      ${c.name}: ${q(`t.${c.column.name}`)},`);
  const raws = [
    ...t.members.flatMap((m) => (m.kind === 'lookup' ? [`values.codeName(db, ${q(`${m.alias}.${m.nameColumn}`)}, ${q(`t.${m.column.name}`)}, ${q(m.name)})`] : [])),
    ...cols.filter((c) => c.column.kind === 'timestamp').map((c) => `values.wallClock(db, ${q(`t.${c.column.name}`)}, ${q(c.name)})`),
  ];
  const joins = t.members.flatMap((m) => (m.kind === 'lookup' ? [`    .leftJoin({ ${m.alias}: ${q(m.codeTable)} }, ${q(`${m.alias}.${m.codeColumn}`)}, ${q(`t.${m.column.name}`)})`] : []));
  const mapping = t.members
    .filter((m) => m.kind !== 'reference')
    .map((m) => `    ${m.name}: ${m.kind === 'lookup' ? 'values.chars' : converter(m)}(r.${m.name}),`)
    .join('\n');
  const where =
    t.keys.length === 1
      ? `.whereIn(${q(`t.${t.keys[0].column.name}`)}, keys as string[])`
      : `.whereIn([${t.keys.map((k) => q(`t.${k.column.name}`)).join(', ')}], keys.map(keyParts))`;
  const label = t.table.comment ? `${t.table.comment} (${t.table.name})` : t.table.name;
  return `${doc(`One ${label} row, as the resolvers see it.`)}
export interface ${rowType(t)} {
${props}
}

${doc(`${t.table.name}'s primary key: what a key must look like before it reaches SQL.`)}
export const ${constName(t)} = {
${keys}
} as const satisfies Record<string, KeySpec>;

function select${t.name}(db: Database): Knex.QueryBuilder {
  return db
    .knex({ t: ${q(t.table.name)} })
${joins.length ? `${joins.join('\n')}\n` : ''}    .select({
${plain.join('\n')}
    })${raws.length ? `\n    .select(${raws.join(', ')})` : ''};
}

function to${rowType(t)}(r: Record<string, unknown>): ${rowType(t)} {
  return {
${mapping}
  };
}

${doc(`${t.table.name} rows by key (loader keys, lib/legacyDb/keys.ts), in no particular order: one statement however many keys.`)}
export async function ${t.stem}ByKeys(db: Database, keys: readonly string[]): Promise<${rowType(t)}[]> {
  const rows: Array<Record<string, unknown>> = await select${t.name}(db)${where};
  return rows.map(to${rowType(t)});
}

${doc('A row\'s loader key.')}
export const ${t.stem}Key = (r: ${rowType(t)}): string => ${keyExpression(t, 'r')};
`;
}

export function renderDb(model: SubgraphModel, roots: ImportRoots): string {
  const composite = model.types.some((t) => t.keys.length > 1);
  const imports = [`import type { Knex } from 'knex';`, `import type { Database } from '${roots.lib}/db';`];
  imports.push(`import { ${composite ? 'compositeKey, keyParts, ' : ''}values, type KeySpec } from '${roots.lib}/legacyDb';`);
  return `/**
 * Row types (the codegen mappers) and every SQL statement the ${model.name} subgraph runs
 * against the ${model.department} department's tables, as \`govgraph subgraph init\` wrote them.
 * The legacy names stay here and nowhere else: each field maps to its column below. Code
 * columns are read with their code table's name by join, in the same statement. Parameters
 * are always bound; zone-less timestamps are read as Beijing time (lib/legacyDb/values.ts).
 */
${imports.join('\n')}

${model.types.map(renderDbType).join('\n')}`;
}

export function renderLoaders(model: SubgraphModel, roots: ImportRoots): string {
  const context = `${typePrefixOf(model.name)}Context`;
  const names = model.types.flatMap((t) => [`${t.stem}ByKeys`, `${t.stem}Key`, `type ${rowType(t)}`]);
  const fields = model.types.map((t) => `${doc(`${t.table.name} by key.`, '  ')}\n  ${t.stem}: DataLoader<string, ${rowType(t)} | null>;`).join('\n');
  const loaders = model.types.map((t) => `    ${t.stem}: new DataLoader(async (keys) => alignOne(keys, await ${t.stem}ByKeys(db, keys), ${t.stem}Key), options),`).join('\n');
  return `/**
 * Per-request DataLoaders: every entity reference, list and reference field goes through one
 * of these, so a request costs one SQL statement per table however many keys it has. Created
 * in the context factory for each request, never shared (a shared cache would serve one
 * consumer's rows to another).
 */
import DataLoader from 'dataloader';
import { alignOne, MAX_BATCH, type Database } from '${roots.lib}/db';
import type { SubgraphContext } from '${roots.lib}/subgraph';
import { ${names.join(', ')} } from './db';

export interface Loaders {
${fields}
}

export type ${context} = SubgraphContext<Loaders>;

export function createLoaders(db: Database): Loaders {
  const options = { maxBatchSize: MAX_BATCH };
  return {
${loaders}
  };
}
`;
}

function keyArgument(t: TypeModel, source: string, label: (k: ColumnField) => string): string {
  const parts = t.keys.map((k) => `requireKey(${source}.${k.name}, ${constName(t)}.${k.name}, ${label(k)})`);
  return parts.length === 1 ? parts[0] : `compositeKey([${parts.join(', ')}])`;
}

function renderTypeResolvers(t: TypeModel, byName: ReadonlyMap<string, TypeModel>, roots: ImportRoots): string {
  const refs = t.members.filter((m): m is Extract<Member, { kind: 'reference' }> => m.kind === 'reference');
  const lines = [
    `  // Representations come from other subgraphs' data (\`_Any\`): checked like arguments.`,
    `  __resolveReference: (ref, { loaders }) => loaders.${t.stem}.load(${keyArgument(t, 'ref', (k) => q(k.name))}),`,
    ...refs.map((r) => {
      const target = byName.get(r.target)!;
      return `  ${r.name}: (row, _args, { loaders }) => {\n    const key = referenceKey([${r.fields.map((f) => `row.${f}`).join(', ')}]);\n    return key === null ? null : loaders.${target.stem}.load(key);\n  },`;
    }),
  ];
  const helpers = ['requireKey', ...(t.keys.length > 1 ? ['compositeKey'] : []), ...(refs.length ? ['referenceKey'] : [])];
  return `import { ${helpers.join(', ')} } from '${roots.libDeep}/legacyDb';
import type { ${t.name}Resolvers } from '../__generated__/resolvers-types';
import { ${constName(t)} } from '../db';

export const ${t.name}: ${t.name}Resolvers = {
${lines.join('\n')}
};
`;
}

function renderQueryResolvers(model: SubgraphModel, roots: ImportRoots): string {
  const fields: string[] = [];
  for (const t of model.types) {
    fields.push(`  ${t.one}: (_parent, args, { loaders }) => loaders.${t.stem}.load(${keyArgument(t, 'args', (k) => q(k.name))}),`);
    if (t.many) {
      const k = t.keys[0];
      const arg = t.many.argument;
      fields.push(`  ${t.many.name}: async (_parent, args, { loaders }) => {
    // Every key is checked before any is looked up: one bad key fails the call.
    requireListSize(args.${arg}, MAX_KEYS_PER_REQUEST, ${q(arg)});
    const keys = args.${arg}.map((key, i) => requireKey(key, ${constName(t)}.${k.name}, \`${arg}[\${i}]\`));
    return rowsOrThrow(await loaders.${t.stem}.loadMany(keys));
  },`);
    }
  }
  const anyMany = model.types.some((t) => t.many);
  const composite = model.types.some((t) => t.keys.length > 1);
  const helpers = ['requireKey', ...(composite ? ['compositeKey'] : []), ...(anyMany ? ['rowsOrThrow'] : [])];
  return `${anyMany ? `import { requireListSize } from '${roots.libDeep}/ids';\n` : ''}import { ${helpers.join(', ')} } from '${roots.libDeep}/legacyDb';
import type { QueryResolvers } from '../__generated__/resolvers-types';
import { ${model.types.map(constName).join(', ')} } from '../db';
${anyMany ? `\n/** Keys one list request may ask for: one statement, far below the drivers' 65,535 bound parameters. */\nexport const MAX_KEYS_PER_REQUEST = 1000;\n` : ''}
export const Query: QueryResolvers = {
${fields.join('\n')}
};
`;
}

function renderResolverIndex(model: SubgraphModel, roots: ImportRoots): string {
  const used = new Set(model.types.flatMap((t) => t.members.flatMap((m) => (m.kind === 'column' ? [m.type] : []))));
  const scalars = [used.has('Date') ? 'DateScalar' : '', used.has('DateTime') ? 'DateTimeScalar' : ''].filter(Boolean);
  const entries = [...(used.has('Date') ? ['  Date: DateScalar,'] : []), ...(used.has('DateTime') ? ['  DateTime: DateTimeScalar,'] : []), '  Query,', ...model.types.map((t) => `  ${t.name},`)];
  return `${scalars.length ? `import { ${scalars.join(', ')} } from '${roots.libDeep}/scalars';\n` : ''}import type { Resolvers } from '../__generated__/resolvers-types';
import { Query } from './Query';
${model.types.map((t) => `import { ${t.name} } from './${t.name}';`).join('\n')}

export const resolvers: Resolvers = {
${entries.join('\n')}
};
`;
}

/** `resolvers/<file>.ts` → content. */
export function renderResolvers(model: SubgraphModel, roots: ImportRoots): Map<string, string> {
  const byName = new Map(model.types.map((t) => [t.name, t]));
  const files = new Map<string, string>();
  files.set('index.ts', renderResolverIndex(model, roots));
  files.set('Query.ts', renderQueryResolvers(model, roots));
  for (const t of model.types) files.set(`${t.name}.ts`, renderTypeResolvers(t, byName, roots));
  return files;
}

export function renderServer(model: SubgraphModel, roots: ImportRoots): string {
  const ident = identifierOf(model.name);
  const division = model.types.filter((t) => columnsOf(t).some((c) => c.name === 'divisionCode' && !c.key));
  const subjectOf = (t: TypeModel) => {
    const who = columnsOf(t).find((c) => c.name === 'idNumber' || c.name === 'uscc');
    if (who) return `r.${who.name}`;
    return t.keys.length === 1 ? `r.${t.keys[0].name}` : `[${t.keys.map((k) => `r.${k.name}`).join(', ')}].join('/')`;
  };
  const rowTypes = [...new Set([...division, ...model.types].map(rowType))];
  return `/**
 * The ${model.name} subgraph (department ${model.department}), as \`govgraph subgraph init\` wrote
 * it from the department's ${model.dialect === 'mysql' ? 'MySQL' : 'PostgreSQL'} ${model.dialect === 'mysql' ? 'database' : 'schema'} ${model.schema}.
 */
import { schemaFileIn, type SubgraphDefinition } from '${roots.lib}/subgraph';
import { legacyDb } from './legacy-db';
import { createLoaders, type Loaders } from './loaders';
import { resolvers } from './resolvers';
import type { ${rowTypes.join(', ')} } from './db';

export const ${ident}: SubgraphDefinition<Loaders> = {
  name: ${q(model.name)},
  department: ${q(model.department)},
  defaultPort: ${model.port},
  dialect: ${q(model.dialect)},
  typeDefs: schemaFileIn(__dirname),
  resolvers: resolvers as SubgraphDefinition['resolvers'],
  createLoaders,
  legacyDb,
  // Jurisdiction (属地管理): where each type's records lie (GB/T 2260). The personal fields of a
  // type not listed here are denied to other departments (fail closed): list a type before its
  // fields are classified personal and shared.
  recordDivisions: {
${division.map((t) => `    ${t.name}: (r: ${rowType(t)}) => r.divisionCode,`).join('\n')}
  },
  // Whose record an object is, for the access log.
  recordSubjects: {
${model.types.map((t) => `    ${t.name}: (r: ${rowType(t)}) => ${subjectOf(t)},`).join('\n')}
  },
};
`;
}

export function renderLegacyDbIndex(model: SubgraphModel, roots: ImportRoots): string {
  return `import { describedLegacyDatabase } from '${roots.libDeep}/legacyDb';
import { TABLES } from './tables';

/**
 * The ${model.department} department's existing ${model.dialect === 'mysql' ? 'MySQL' : 'PostgreSQL'} database: never created, altered, dropped or
 * seeded on a real server, only checked against tables.ts at start (lib/legacyDb/describedDatabase.ts).
 */
export const legacyDb = describedLegacyDatabase({ embeddedSchema: ${q(model.name.replace(/-/g, '_'))}, dialect: ${q(model.dialect)}, tables: TABLES });
`;
}

export function renderLegacyTables(model: SubgraphModel, roots: ImportRoots): string {
  const tables = [...model.types.map((t) => t.table), ...model.codeTables];
  return `/**
 * The tables the subgraph reads, as \`govgraph subgraph init\` read them from the catalog of
 * ${model.schema} (${model.dialect}): names, types, comments and keys. The subgraph checks the
 * live database against this at start; in the embedded demo engine it creates them, empty.
 */
import type { LegacyTable } from '${roots.libDeep}/legacyDb';

export const TABLES: LegacyTable[] = ${JSON.stringify(tables, null, 2)};
`;
}
