/** The README's error table is generated from the registry; this keeps the two identical. */
import fs from 'node:fs';
import path from 'node:path';
import { errorTableMarkdown } from '../lib/errorTable';

it('README error table matches lib/errors.ts (regenerate with `npx govgraph errors`)', () => {
  const readme = fs.readFileSync(path.join(__dirname, '..', 'README.md'), 'utf8');
  const table = readme.split('<!-- errors:start -->')[1]?.split('<!-- errors:end -->')[0]?.trim();
  expect(table).toBe(errorTableMarkdown());
});
