/**
 * `govgraph audit verify` — recomputes every chain of the access log and checks every signed
 * checkpoint; prints the number of records checked, or the first bad record and exits 1.
 *
 * It reads the platform database directly (GOVGRAPH_SHARING_DB_URL, or the embedded one).
 * While `npm start` owns the embedded database, it asks the running gateway instead, as a
 * security officer (a demo token, or --token).
 */
import { subgraphs } from '../../subgraphs';
import { openDepartmentDatabases } from '../../lib/runtime/departmentDatabases';
import { auditKeysFromEnv } from '../../lib/runtime/security';
import { verifyAccessLog, type AuditProblem } from '../../lib/audit';
import { issueToken, loadOrCreateKeyPair } from '../../lib/identity';
import { seedPersons } from '../../lib/runtime/config';
import { callGateway, GatewayError } from '../gatewayClient';

export interface AuditVerifyOptions {
  url?: string;
  token?: string;
}

interface Outcome {
  records: number;
  chains: number;
  checkpoints: number;
  problems: Array<Pick<AuditProblem, 'kind' | 'writer' | 'seq' | 'detail'> & { id?: number | string | null }>;
}

export async function auditVerifyCommand(opts: AuditVerifyOptions): Promise<void> {
  let outcome: Outcome;
  try {
    outcome = await verifyDirectly();
  } catch (err) {
    if (!/in use by process/.test((err as Error).message)) return fail(`audit verify: ${(err as Error).message.split('\n')[0]}`);
    try {
      outcome = await verifyThroughGateway(opts);
    } catch (e) {
      return fail(`audit verify: ${e instanceof GatewayError ? e.message : (e as Error).message.split('\n')[0]}`);
    }
  }
  if (!outcome.problems.length) {
    process.stdout.write(`access log intact: ${outcome.records} records checked in ${outcome.chains} chains, ${outcome.checkpoints} signed checkpoints\n`);
    return;
  }
  const [first, ...more] = outcome.problems;
  process.stdout.write(`access log checked: ${outcome.records} records in ${outcome.chains} chains, ${outcome.checkpoints} signed checkpoints\n`);
  fail(
    `TAMPERED: ${first.kind} — chain ${first.writer}, record ${first.seq}${first.id ? ` (row #${first.id})` : ''}: ${first.detail}` +
      (more.length ? ` (and ${more.length} other chain(s) broken)` : ''),
  );
}

async function verifyDirectly(): Promise<Outcome> {
  const sharing = subgraphs.find((s) => s.name === 'sharing')!;
  const dbs = await openDepartmentDatabases([sharing], { persons: seedPersons() });
  try {
    const keys = await auditKeysFromEnv();
    const report = await verifyAccessLog(dbs.byName.get('sharing')!, { key: keys.key, anchorKeys: keys.anchorKeys });
    return { records: report.records, chains: report.writers.length, checkpoints: report.checkpoints, problems: report.problems };
  } finally {
    await dbs.close();
  }
}

async function verifyThroughGateway(opts: AuditVerifyOptions): Promise<Outcome> {
  process.stderr.write('the embedded database is in use by `npm start`: verifying through the running gateway\n');
  const token =
    opts.token ??
    process.env.GOVGRAPH_TOKEN ??
    (await issueToken(await loadOrCreateKeyPair('demo-issuer'), { user: 'audit-cli', dept: 'big-data-center', division: '320100', roles: ['security-officer'], ttlSeconds: 300 }));
  const data = await callGateway<{ accessLogIntegrity: { records: number; chains: number; checkpoints: number; problems: Outcome['problems'] } }>(
    { url: opts.url, token },
    '{ accessLogIntegrity { records chains checkpoints problems { kind writer seq recordId detail } } }',
  );
  const r = data.accessLogIntegrity;
  return { records: r.records, chains: r.chains, checkpoints: r.checkpoints, problems: r.problems };
}

function fail(line: string): void {
  process.stderr.write(`${line}\n`);
  process.exitCode = 1;
}
