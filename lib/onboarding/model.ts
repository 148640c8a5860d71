/**
 * From a legacy catalog to the subgraph `govgraph subgraph init` writes: which tables become
 * types, which are code tables (代码表) read by join, the GraphQL name of every column, the
 * entity keys, references and root fields. Everything the renderers need and nothing they
 * must decide; every choice a department may want to revisit is also listed in `notes`.
 */
import type { Dialect } from '../db';
import type { KeySpec } from '../legacyDb/keys';
import type { ColumnKind, LegacyCatalog, LegacyColumn, LegacyForeignKey, LegacyTable } from '../legacyDb/catalog';
import { dictionaryName } from './dictionary';
import { camelCase, identifierOf, isGraphQLName, lowerFirst, pascalCase, plural, typePrefixOf, unique } from './naming';
import { InitRefusal } from './refusal';

export type GraphQLScalar = 'ID' | 'String' | 'Int' | 'Float' | 'Boolean' | 'Date' | 'DateTime';

/** A column served as a scalar field (row property of the same name). */
export interface ColumnField {
  kind: 'column';
  name: string;
  column: LegacyColumn;
  type: GraphQLScalar;
  description: string;
  /** How the name was found: the dictionary (by column name or comment), or the column's own name. */
  origin: 'dictionary' | 'comment' | 'column';
  /** Set on primary-key columns. */
  key?: KeySpec;
}

/** A code column's name, read by joining its code table (the code itself is a ColumnField). */
export interface LookupField {
  kind: 'lookup';
  name: string;
  /** The ColumnField holding the code. */
  codeField: string;
  column: LegacyColumn;
  codeTable: string;
  codeColumn: string;
  nameColumn: string;
  /** The join's alias in the type's statement. */
  alias: string;
  description: string;
}

/** A foreign key to another generated type, served as an object field through that type's loader. */
export interface ReferenceField {
  kind: 'reference';
  name: string;
  target: string;
  /** Row properties holding the foreign key, in the target's key order. */
  fields: string[];
  description: string;
}

export type Member = ColumnField | LookupField | ReferenceField;

export interface TypeModel {
  name: string;
  table: LegacyTable;
  description: string;
  /** Fields in column order; a lookup before its code, a reference after its columns. */
  members: Member[];
  /** Primary-key fields in key order. */
  keys: ColumnField[];
  /** lowerFirst(name): the loader's and the SQL functions' stem. */
  stem: string;
  /** Root field reading one row by key. */
  one: string;
  /** Root field reading several rows by key (single-column keys only). */
  many?: { name: string; argument: string };
}

export interface SubgraphModel {
  name: string;
  department: string;
  port: number;
  dialect: Dialect;
  /** The database (MySQL) or schema (PostgreSQL) read. */
  schema: string;
  types: TypeModel[];
  /** Code tables read by join, as the catalog has them. */
  codeTables: LegacyTable[];
  /** What the department may want to look at: names that fell back, columns left out … */
  notes: string[];
}

export interface ModelOptions {
  name: string;
  department: string;
  port: number;
  /** `--tables`: exactly these become types. */
  tables?: string[];
  /** `--names`: table → type name. */
  typeNames?: Record<string, string>;
  /** Names the other subgraphs already use. */
  taken: { types: ReadonlySet<string>; queryFields: ReadonlySet<string> };
}

const RESERVED_TYPES = ['Query', 'Mutation', 'Subscription', 'String', 'Int', 'Float', 'Boolean', 'ID', 'Date', 'DateTime', '_Any', '_Entity', '_Service', '_FieldSet'];

const SCALAR_OF: Record<Exclude<ColumnKind, 'unsupported'>, GraphQLScalar> = {
  text: 'String',
  int: 'Int',
  // GraphQL's Int is 32-bit; a bigint or a DECIMAL is served exactly, as a string.
  bigint: 'String',
  decimal: 'String',
  float: 'Float',
  boolean: 'Boolean',
  date: 'Date',
  timestamp: 'DateTime',
  timestamptz: 'DateTime',
  time: 'String',
};

function keySpec(c: LegacyColumn): KeySpec {
  switch (c.kind) {
    case 'int':
    case 'bigint':
      return { column: c.name, kind: 'int' };
    case 'decimal':
    case 'float':
      return { column: c.name, kind: 'number' };
    case 'date':
      return { column: c.name, kind: 'date' };
    default:
      return c.length ? { column: c.name, kind: 'text', maxLength: c.length } : { column: c.name, kind: 'text' };
  }
}

/** A code table: a one-column key and a name column (名称), a few columns in all. */
function codeTableShape(t: LegacyTable): { code: string; name: string } | undefined {
  if (t.primaryKey.length !== 1 || t.columns.length > 4) return undefined;
  const name = t.columns.find(
    (c) => c.kind === 'text' && c.name !== t.primaryKey[0] && (/^(MC|NAME|DMMC|\w+_MC)$/i.test(c.name) || /^名称/.test(c.comment ?? '')),
  );
  return name ? { code: t.primaryKey[0], name: name.name } : undefined;
}

const namedLikeCodeTable = (t: LegacyTable) => /^(DM|CODE)_|_DM$/i.test(t.name) || /代码表|字典/.test(t.comment ?? '');

function describeColumn(c: LegacyColumn): string {
  return c.comment ? `${c.comment} (${c.name}, ${c.sqlType})` : `${c.name} (${c.sqlType}; no comment in the catalog)`;
}

const meaning = (c: LegacyColumn) => c.comment ?? c.name;

const targetComment = (t: LegacyTable) => (t.comment ? ` (${t.comment}, ${t.name})` : ` (${t.name})`);

function columnLabel(t: LegacyTable, column: string): string {
  const comment = t.columns.find((c) => c.name === column)?.comment;
  return comment ? `${comment} (${column})` : column;
}

const tableLabel = (t: LegacyTable) => (t.comment ? `${t.comment} (${t.name})` : t.name);

/** Finds a table by name: exactly, else ignoring case (legacy names are upper case in one engine, lower in another). */
function findTable(tables: readonly LegacyTable[], name: string): LegacyTable | undefined {
  return tables.find((t) => t.name === name) ?? tables.find((t) => t.name.toLowerCase() === name.toLowerCase());
}

export function buildModel(catalog: LegacyCatalog, opts: ModelOptions): SubgraphModel {
  const notes: string[] = [];
  const all = catalog.tables;
  if (!all.length) throw new InitRefusal('NO_TABLES', `the ${catalog.dialect === 'mysql' ? 'database' : 'schema'} ${catalog.schema} has no tables`);

  let selected: LegacyTable[];
  if (opts.tables) {
    const missing = opts.tables.filter((n) => !findTable(all, n));
    if (missing.length) {
      throw new InitRefusal('NO_TABLES', `no table ${missing.join(', ')} in ${catalog.schema} (it has ${all.map((t) => t.name).join(', ')})`);
    }
    selected = [...new Set(opts.tables.map((n) => findTable(all, n)!))];
  } else {
    selected = all;
  }
  const explicit = new Set(opts.tables ? selected.map((t) => t.name) : []);

  // Code tables: referenced by a one-column foreign key from a selected table, shaped like a
  // code table, and not asked for by name. Their names are read by join, not published as types.
  const codeTables = new Map<string, { table: LegacyTable; code: string; name: string }>();
  for (const t of selected) {
    for (const fk of t.foreignKeys) {
      const target = findTable(all, fk.references.table);
      if (!target || explicit.has(target.name) || fk.columns.length !== 1) continue;
      const shape = codeTableShape(target);
      if (shape && fk.references.columns[0] === shape.code) codeTables.set(target.name, { table: target, ...shape });
    }
  }
  const typeTables = selected.filter((t) => {
    if (codeTables.has(t.name)) return false;
    if (!opts.tables && namedLikeCodeTable(t) && codeTableShape(t)) {
      notes.push(`${t.name} looks like a code table no foreign key refers to: left out (name it in --tables to publish it)`);
      return false;
    }
    return true;
  });
  if (!typeTables.length) throw new InitRefusal('NO_TABLES', `${catalog.schema} has only code tables (${selected.map((t) => t.name).join(', ')}): name the ones to publish with --tables`);

  const keyless = typeTables.filter((t) => !t.primaryKey.length || t.primaryKey.some((k) => t.columns.find((c) => c.name === k)?.kind === 'unsupported'));
  if (keyless.length) {
    const rest = typeTables.filter((t) => !keyless.includes(t)).map((t) => t.name);
    const which = keyless.map((t) => t.name).join(', ');
    throw new InitRefusal(
      'NO_PRIMARY_KEY',
      `table ${which} ${keyless.length > 1 ? 'have' : 'has'} no usable primary key (a type needs one for its key and its batched lookups)` +
        (rest.length ? `; leave ${keyless.length > 1 ? 'them' : 'it'} out with --tables ${rest.join(',')}` : '; add a primary key, or a view is not enough'),
    );
  }

  // Type names: --names, else the table's name; prefixed with the subgraph's when another subgraph has it.
  const takenTypes = new Set([...opts.taken.types, ...RESERVED_TYPES]);
  const typeNameOf = new Map<string, string>();
  for (const [i, t] of typeTables.entries()) {
    const asked = opts.typeNames?.[t.name] ?? Object.entries(opts.typeNames ?? {}).find(([k]) => k.toLowerCase() === t.name.toLowerCase())?.[1];
    let name = asked ?? pascalCase(t.name) ?? `Table${i + 1}`;
    if (takenTypes.has(name) || name.startsWith('_') || /^(link|join|federation)__/.test(name)) {
      const prefixed = `${typePrefixOf(opts.name)}${name}`;
      notes.push(`type ${name} exists in another subgraph: ${t.name} is ${prefixed} here`);
      name = prefixed;
    }
    typeNameOf.set(t.name, unique(name, takenTypes));
  }

  const takenQuery = new Set(opts.taken.queryFields);
  const tableByName = new Map(typeTables.map((t) => [t.name, t]));
  const types: TypeModel[] = typeTables.map((t) => typeModel(t, tableByName, typeNameOf, codeTables, takenQuery, opts.name, notes));
  const usedCodeTables = new Set(types.flatMap((t) => t.members.flatMap((m) => (m.kind === 'lookup' ? [m.codeTable] : []))));
  return {
    name: opts.name,
    department: opts.department,
    port: opts.port,
    dialect: catalog.dialect,
    schema: catalog.schema,
    types,
    codeTables: [...codeTables.values()].filter((c) => usedCodeTables.has(c.table.name)).map((c) => c.table),
    notes,
  };
}

function typeModel(
  t: LegacyTable,
  tableByName: ReadonlyMap<string, LegacyTable>,
  typeNameOf: ReadonlyMap<string, string>,
  codeTables: ReadonlyMap<string, { table: LegacyTable; code: string; name: string }>,
  takenQuery: Set<string>,
  subgraph: string,
  notes: string[],
): TypeModel {
  const name = typeNameOf.get(t.name)!;
  const taken = new Set<string>(['__typename']);
  const fieldOf = new Map<string, ColumnField>(); // column → its field
  const members: Member[] = [];
  const singleFk = new Map<string, LegacyForeignKey>();
  for (const fk of t.foreignKeys) if (fk.columns.length === 1) singleFk.set(fk.columns[0], fk);

  const fallbacks: string[] = [];
  for (const [i, c] of t.columns.entries()) {
    if (c.kind === 'unsupported') {
      notes.push(`${t.name}.${c.name} (${c.sqlType}) is left out: no GraphQL scalar serves it`);
      continue;
    }
    const proposed = dictionaryName(c.name, c.comment);
    const own = camelCase(c.name);
    let base = proposed?.field ?? own ?? `column${i + 1}`;
    let origin: ColumnField['origin'] = proposed ? (proposed.by === 'name' ? 'dictionary' : 'comment') : 'column';
    if (taken.has(base) && own && !taken.has(own) && isGraphQLName(own)) {
      base = own;
      origin = 'column';
    }
    const fk = singleFk.get(c.name);
    const code = fk && codeTables.get(findName(codeTables, fk.references.table) ?? '');
    const isKey = t.primaryKey.includes(c.name);
    if (code && !isKey) {
      const lookupName = unique(base, taken);
      const codeName = unique(`${lookupName}Code`, taken);
      const field: ColumnField = { kind: 'column', name: codeName, column: c, type: SCALAR_OF[c.kind], description: `${meaning(c)}: the code (${c.name}, ${c.sqlType})`, origin };
      fieldOf.set(c.name, field);
      members.push(
        {
          kind: 'lookup',
          name: lookupName,
          codeField: codeName,
          column: c,
          codeTable: code.table.name,
          codeColumn: code.code,
          nameColumn: code.name,
          alias: `c${members.filter((m) => m.kind === 'lookup').length + 1}`,
          description: `${meaning(c)}, as its name in ${tableLabel(code.table)}`,
        },
        field,
      );
    } else {
      const field: ColumnField = {
        kind: 'column',
        name: unique(base, taken),
        column: c,
        type: isKey ? 'ID' : SCALAR_OF[c.kind],
        description: describeColumn(c),
        origin,
        ...(isKey ? { key: keySpec(c) } : {}),
      };
      if (origin === 'column') fallbacks.push(`${c.name}→${field.name}`);
      fieldOf.set(c.name, field);
      members.push(field);
      // A key that is a code (险种类型 in a key of 个人参保信息): the key stays the code, its name comes beside it.
      if (code) {
        members.push({
          kind: 'lookup',
          name: unique(`${field.name}Name`, taken),
          codeField: field.name,
          column: c,
          codeTable: code.table.name,
          codeColumn: code.code,
          nameColumn: code.name,
          alias: `c${members.filter((m) => m.kind === 'lookup').length + 1}`,
          description: `${meaning(c)}, as its name in ${tableLabel(code.table)}`,
        });
      }
    }
  }
  if (fallbacks.length) notes.push(`${name} (${t.name}): no dictionary name for ${fallbacks.join(', ')} — rename in schema.graphql, db.ts and the policy if you like`);

  // References: foreign keys to other generated types, placed after their last column.
  for (const fk of t.foreignKeys) {
    const targetTable = findName(typeNameOf, fk.references.table);
    if (!targetTable) {
      if (!(fk.columns.length === 1 && findName(codeTables, fk.references.table))) {
        notes.push(`${t.name} (${fk.columns.join(', ')}) refers to ${fk.references.table}, which is not generated: served as the plain column${fk.columns.length > 1 ? 's' : ''}`);
      }
      continue;
    }
    const target = typeNameOf.get(targetTable)!;
    const targetKey = targetKeyOf(fk, tableByName.get(targetTable)!);
    if (!targetKey) {
      notes.push(`${t.name} (${fk.columns.join(', ')}) refers to ${fk.references.table} by columns other than its primary key: served as plain columns`);
      continue;
    }
    const fields = targetKey.map((col) => fieldOf.get(col)?.name).filter((f): f is string => f !== undefined);
    if (fields.length !== targetKey.length) continue;
    const stripped = fk.columns.length === 1 ? fields[0].replace(/(Number|Code|Id|No)$/, '') : '';
    const wanted = stripped && stripped !== fields[0] && !taken.has(stripped) ? stripped : lowerFirst(target);
    const ref: ReferenceField = {
      kind: 'reference',
      name: unique(wanted, taken),
      target,
      fields,
      description: `The ${target}${targetComment(tableByName.get(targetTable)!)} this row's ${fk.columns.map((col) => columnLabel(t, col)).join(', ')} refers to (foreign key ${fk.name}).`,
    };
    const lastColumn = Math.max(...fk.columns.map((col) => members.findIndex((m) => m.kind === 'column' && m.column.name === col)));
    members.splice(lastColumn + 1, 0, ref);
  }

  const keys = t.primaryKey.map((k) => fieldOf.get(k)!);
  const stem = lowerFirst(name);
  const one = uniqueRoot(stem, takenQuery, subgraph, name);
  const many = keys.length === 1 ? { name: uniqueRoot(plural(stem), takenQuery, subgraph, plural(name)), argument: plural(keys[0].name) } : undefined;
  return {
    name,
    table: t,
    description: t.comment ? `${t.comment} (table ${t.name}).` : `Table ${t.name} (no comment in the catalog).`,
    members,
    keys,
    stem,
    one,
    many,
  };
}

/** The FK's own columns in the target's primary-key order, or undefined when it references other columns. */
function targetKeyOf(fk: LegacyForeignKey, target: LegacyTable): string[] | undefined {
  const refs = fk.references.columns;
  if (refs.length !== target.primaryKey.length || !target.primaryKey.every((k) => refs.includes(k))) return undefined;
  return target.primaryKey.map((k) => fk.columns[refs.indexOf(k)]);
}

function findName<V>(map: ReadonlyMap<string, V>, table: string): string | undefined {
  if (map.has(table)) return table;
  return [...map.keys()].find((k) => k.toLowerCase() === table.toLowerCase());
}

function uniqueRoot(wanted: string, takenQuery: Set<string>, subgraph: string, pascal: string): string {
  if (!takenQuery.has(wanted)) {
    takenQuery.add(wanted);
    return wanted;
  }
  return unique(`${identifierOf(subgraph)}${pascal.charAt(0).toUpperCase()}${pascal.slice(1)}`, takenQuery);
}
