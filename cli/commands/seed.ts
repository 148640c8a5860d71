import { subgraphs } from '../../subgraphs';
import { openDepartmentDatabases } from '../../app/departmentDatabases';
import { progressBar } from '../progress';

export async function seedCommand(opts: { persons: number }): Promise<void> {
  const started = Date.now();
  process.stdout.write(`Seeding a synthetic world of ${opts.persons.toLocaleString('en')} persons…\n`);
  const progress = progressBar();
  const dbs = await openDepartmentDatabases(subgraphs, { persons: opts.persons, reseed: true, progress });
  progress.stop();
  for (const [name, db] of dbs.byName) process.stdout.write(`  ${name.padEnd(16)} ${db.label}\n`);
  await dbs.close();
  process.stdout.write(`Done in ${((Date.now() - started) / 1000).toFixed(1)} s.\n`);
}
