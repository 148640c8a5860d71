/** Renders the error-code registry as the README's Markdown table (kept in sync by a test). */
import { ERROR_CODES, FORBIDDEN_REASONS } from './errors';

export function errorTableMarkdown(): string {
  const rows = Object.entries(ERROR_CODES).map(([code, text]) => `| \`${code}\` | ${text} |`);
  const reasons = Object.entries(FORBIDDEN_REASONS).map(([reason, text]) => `| \`FORBIDDEN\` · \`${reason}\` | ${text} |`);
  return ['| `extensions.code` | meaning |', '| --- | --- |', ...rows, ...reasons].join('\n');
}
