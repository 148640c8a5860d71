/**
 * `policies/<department>.yaml` for a generated subgraph: every field not-shared (不予共享),
 * personal, unmasked, with a placeholder legal basis that says it is not classified yet — so
 * nothing leaves the department until a security officer classifies each field, and the
 * officer can find what is left (`grep 未分级 policies/`).
 */
import YAML from 'yaml';
import type { SubgraphModel } from '../model';

/** The legal basis of a field nobody has classified yet. */
export const UNCLASSIFIED_LEGAL_BASIS = '未分级：待安全管理员分级';
/** The update frequency of a field nobody has described yet. */
export const UNKNOWN_UPDATE_FREQUENCY = '待确认';

export function renderPolicy(model: SubgraphModel, today: string): string {
  const doc = new YAML.Document({
    provider: model.department,
    subgraph: model.name,
    types: Object.fromEntries(
      model.types.map((t) => [
        t.name,
        {
          description: t.table.comment ? `${t.table.comment} (${t.table.name})` : t.table.name,
          fields: Object.fromEntries(
            t.members.map((m) => [
              m.name,
              {
                sharing: 'not-shared',
                personal: true,
                mask: 'none',
                description: m.kind === 'reference' ? `${m.target} (foreign key)` : m.kind === 'lookup' ? `${m.column.comment ?? m.column.name} (${m.column.name} → ${m.codeTable})` : m.column.comment ? `${m.column.comment} (${m.column.name})` : m.column.name,
                updateFrequency: UNKNOWN_UPDATE_FREQUENCY,
                legalBasis: UNCLASSIFIED_LEGAL_BASIS,
              },
            ]),
          ),
        },
      ]),
    ),
  });
  // One line per field, as in the other policy files.
  const types = doc.get('types', true);
  for (const type of YAML.isMap(types) ? types.items : []) {
    const fields = YAML.isMap(type.value) ? type.value.get('fields', true) : undefined;
    for (const field of YAML.isMap(fields) ? fields.items : []) if (YAML.isMap(field.value)) field.value.flow = true;
  }
  doc.commentBefore =
    ` ${model.department} — sharing policy for the ${model.name} subgraph, written by \`govgraph subgraph init\`\n` +
    ` on ${today} from the department's ${model.dialect === 'mysql' ? 'MySQL' : 'PostgreSQL'} ${model.dialect === 'mysql' ? 'database' : 'schema'} ${model.schema}.\n` +
    `\n` +
    ` Every field starts not-shared and personal, with the legal basis "${UNCLASSIFIED_LEGAL_BASIS}":\n` +
    ` nothing leaves the department until a security officer classifies each field —\n` +
    `   sharing:  unconditional 无条件共享 | conditional 有条件共享 (needs a grant) | not-shared 不予共享\n` +
    `   personal: whether it is personal information (PIPL): needs X-Purpose, limited to the consumer's jurisdiction\n` +
    `   mask:     idNumber | phone | name | address | none\n` +
    `   legalBasis: mandatory for not-shared items; updateFrequency: 实时, 每日 …\n` +
    ` Then \`npx govgraph policy check\`. What is left: \`grep -n ${UNCLASSIFIED_LEGAL_BASIS.slice(0, 3)} <this file>\`.`;
  return doc.toString({ lineWidth: 0, flowCollectionPadding: true });
}
