/**
 * The two shared files a new department is added to: the subgraph list and codegen.yml.
 * Small textual edits that keep everything else of the files as it is; `undefined` when a file
 * is not in the shape expected, so the command refuses before writing anything.
 */
import YAML from 'yaml';

/**
 * Adds `import { ident } from './<name>/server';` after the last such import, and `ident` to
 * the `subgraphs` array and the named re-export.
 */
export function addToRegistry(source: string, ident: string, name: string): string | undefined {
  const imports = [...source.matchAll(/^import \{[^}]*\} from '\.\/[^']+\/server';\n/gm)];
  const array = /(export const subgraphs\b[^=]*=\s*\[)([^\]]*)(\])/.exec(source);
  const reexport = /(^export \{)([^}]*)(\};?)$/m.exec(source);
  if (!imports.length || !array || !reexport || new RegExp(`\\b${ident}\\b`).test(source)) return undefined;
  const append = (list: string) => {
    const trimmed = list.replace(/[\s,]*$/, '');
    if (!list.includes('\n')) return `${trimmed}, ${ident}${list.slice(trimmed.length).replace(/,/g, '')}`;
    const indent = /\n(\s*)\S/.exec(list)?.[1] ?? '  ';
    return `${trimmed},\n${indent}${ident},\n`;
  };
  // Edit from the end of the file backwards so earlier offsets stay valid.
  const edits = [
    { at: reexport.index + reexport[1].length, length: reexport[2].length, text: append(reexport[2]) },
    { at: array.index + array[1].length, length: array[2].length, text: append(array[2]) },
    { at: imports[imports.length - 1].index! + imports[imports.length - 1][0].length, length: 0, text: `import { ${ident} } from './${name}/server';\n` },
  ].sort((a, b) => b.at - a.at);
  let out = source;
  for (const e of edits) out = out.slice(0, e.at) + e.text + out.slice(e.at + e.length);
  return out;
}

export interface CodegenSection {
  /** Output file, relative to the root. */
  output: string;
  schema: string;
  contextType: string;
  mappers: Record<string, string>;
}

/**
 * Adds a `generates` section like the others': the shared `&common` config merged in, the
 * department's context type and its mappers. Comments and formatting elsewhere are kept.
 */
export function addCodegenSection(source: string, section: CodegenSection): string | undefined {
  const doc = YAML.parseDocument(source, { merge: true });
  if (doc.errors.length) return undefined;
  const generates = doc.get('generates', true);
  const common = doc.get('config', true);
  if (!YAML.isMap(generates) || generates.has(section.output) || !YAML.isMap(common) || !common.anchor) return undefined;
  const node = doc.createNode({
    schema: section.schema,
    plugins: ['typescript', 'typescript-resolvers'],
    config: { contextType: section.contextType, mappers: section.mappers },
  }) as YAML.YAMLMap;
  const plugins = node.get('plugins', true);
  const config = node.get('config', true);
  if (!YAML.isSeq(plugins) || !YAML.isMap(config)) return undefined;
  plugins.flow = true;
  config.items.unshift(doc.createPair('<<', doc.createAlias(common)) as YAML.Pair<unknown, unknown>);
  // Quoted like the other sections' `"../db#Row"` values.
  YAML.visit(node, {
    Scalar(_key, scalar) {
      if (typeof scalar.value === 'string' && scalar.value.includes('#')) scalar.type = 'QUOTE_DOUBLE';
    },
  });
  generates.set(section.output, node);
  return doc.toString({ lineWidth: 0, flowCollectionPadding: false });
}

/** The section as codegen reads it (merge keys resolved), to run codegen for it alone. */
export function resolvedCodegenSection(source: string, output: string): Record<string, unknown> | undefined {
  const parsed = YAML.parse(source, { merge: true }) as { generates?: Record<string, Record<string, unknown>> };
  return parsed?.generates?.[output];
}
