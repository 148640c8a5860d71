/**
 * `schema.graphql` of a generated subgraph: one entity type per table, keyed by its primary
 * key; every field nullable, keys included — every field starts not-shared, and a field the
 * policy can withhold must be nullable (lib/policy/check.ts); root fields reading by key.
 */
import type { Member, SubgraphModel, TypeModel } from '../model';

/** A GraphQL block string; `"""` inside is escaped. */
function block(text: string, indent = ''): string {
  const body = text.replace(/"""/g, '\\"""');
  return `${indent}"""\n${body
    .split('\n')
    .map((l) => `${indent}${l}`)
    .join('\n')}\n${indent}"""`;
}

const SCALAR_DESCRIPTIONS: Record<string, string> = {
  // The words most subgraphs use (subgraphs/population/schema.graphql): composition keeps the
  // most common description, so a new subgraph does not change the supergraph's.
  Date: 'A calendar date, YYYY-MM-DD (GB/T 7408). 日期',
  DateTime: 'An instant, ISO 8601 with offset, served in UTC. 日期时间',
};

function fieldType(t: TypeModel, m: Member): string {
  switch (m.kind) {
    case 'column':
      return m.type;
    case 'lookup':
      return 'String';
    case 'reference':
      void t;
      return m.target;
  }
}

function renderType(t: TypeModel): string {
  const keyFields = t.keys.map((k) => k.name).join(' ');
  const fields = t.members.map((m) => `${block(m.description, '  ')}\n  ${m.name}: ${fieldType(t, m)}`).join('\n');
  return `${block(t.description)}\ntype ${t.name} @key(fields: "${keyFields}") {\n${fields}\n}`;
}

function renderQuery(model: SubgraphModel): string {
  const fields: string[] = [];
  for (const t of model.types) {
    const label = t.table.comment ? `${t.table.comment} (${t.table.name})` : t.table.name;
    const args = t.keys.map((k) => `${block(k.description, '    ')}\n    ${k.name}: ID!`).join('\n');
    fields.push(`${block(`One ${t.name}, ${label}, by its key; null if there is none.`, '  ')}\n  ${t.one}(\n${args}\n  ): ${t.name}`);
    if (t.many) {
      fields.push(
        `${block(`Several ${t.name} by key, in the order asked, null where there is none. At most 1,000 keys per request.`, '  ')}\n` +
          `  ${t.many.name}(\n${block(`${t.keys[0].description}: the keys.`, '    ')}\n    ${t.many.argument}: [ID!]!\n  ): [${t.name}]!`,
      );
    }
  }
  return `type Query {\n${fields.join('\n')}\n}`;
}

export function renderSchema(model: SubgraphModel): string {
  const used = new Set(model.types.flatMap((t) => t.members.flatMap((m) => (m.kind === 'column' ? [m.type] : []))));
  const scalars = ['Date', 'DateTime'].filter((s) => used.has(s as never)).map((s) => `${block(SCALAR_DESCRIPTIONS[s])}\nscalar ${s}`);
  const header =
    `# Written by \`govgraph subgraph init\` from the ${model.department} department's ${model.dialect === 'mysql' ? 'MySQL' : 'PostgreSQL'} ` +
    `${model.dialect === 'mysql' ? 'database' : 'schema'} ${model.schema}.\n` +
    '# Every field is nullable (keys too): every field starts not-shared, and a field the policy\n' +
    '# can withhold must be nullable. Rename freely; keep db.ts, the resolvers and the policy in step.\n';
  return [
    `${header}extend schema @link(url: "https://specs.apollo.dev/federation/v2.9", import: ["@key"])`,
    ...scalars,
    ...model.types.map(renderType),
    renderQuery(model),
  ].join('\n\n') + '\n';
}
