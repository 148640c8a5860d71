/**
 * `govgraph` — the command-line tool (README, "Command-line tool"). Each command lives
 * in its own module under commands/; this file only wires them to arguments.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Command, InvalidArgumentError } from 'commander';
import { ROOT } from '../lib/config';
import { defaultGatewayUrl } from './gatewayClient';

// Each command's module is loaded when that command runs: most pull in the database drivers,
// the gateway or every subgraph, which `govgraph --help` or `govgraph token` have no use for
// (README, "Command-line tool": what each command costs).
/* eslint-disable @typescript-eslint/no-require-imports */
const commands = {
  start: () => require('./commands/start') as typeof import('./commands/start'),
  serve: () => require('./commands/serve') as typeof import('./commands/serve'),
  compose: () => require('./commands/compose') as typeof import('./commands/compose'),
  subgraph: () => require('./commands/subgraph') as typeof import('./commands/subgraph'),
  seed: () => require('./commands/seed') as typeof import('./commands/seed'),
  token: () => require('./commands/token') as typeof import('./commands/token'),
  keys: () => require('./commands/keys') as typeof import('./commands/keys'),
  policy: () => require('./commands/policy') as typeof import('./commands/policy'),
  catalog: () => require('./commands/catalog') as typeof import('./commands/catalog'),
  audit: () => require('./commands/audit') as typeof import('./commands/audit'),
  workflow: () => require('./commands/workflow') as typeof import('./commands/workflow'),
  errorTable: () => require('../lib/errorTable') as typeof import('../lib/errorTable'),
};
/* eslint-enable @typescript-eslint/no-require-imports */

/** This installation's version, from its package.json. */
function version(): string {
  return (JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
}

function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 3) throw new InvalidArgumentError('must be a whole number of at least 3');
  return n;
}

const program = new Command()
  .name('govgraph')
  .description('GraphQL federated data access over government departments\' databases, with sharing policies.')
  .version(version(), '-V, --version', 'print the version')
  .showHelpAfterError();

program
  .command('start')
  .description('run every subgraph and the gateway (embedded databases unless GOVGRAPH_<DEPT>_DB_URL is set)')
  .action(() => commands.start().startCommand());

program
  .command('serve <service>')
  .description('run one process of a deployment: `gateway`, `hive-gateway` (Hive Gateway as a second front), or one subgraph by name (population, sharing, …)')
  .option('--planner <js|rust>', 'hive-gateway only: Hive\'s query planner, JavaScript or Rust (default GOVGRAPH_HIVE_PLANNER, else js)')
  .action((service: string, options: { planner?: string }) => commands.serve().serveCommand(service, options));

program
  .command('compose')
  .description('compose the subgraphs into gateway/supergraph.graphql; show what the change breaks for consumers')
  .option('--check', 'fail if the committed supergraph is stale or the new one breaks its clients')
  .option('--against <file|git:rev>', 'the supergraph in force to compare with (default the committed file)')
  .option('--allow-breaking', 'report breaking changes without failing')
  .action((opts: { check?: boolean; against?: string; allowBreaking?: boolean }) => commands.compose().composeCommand(opts));

const subgraph = program.command('subgraph').description('department subgraphs');

subgraph
  .command('init <name>')
  .description('write a working, deny-by-default subgraph from a department\'s existing PostgreSQL or MySQL tables')
  .requiredOption('--department <code>', 'the providing department\'s code, e.g. human-resources')
  .requiredOption('--db <url>', 'the department\'s database: postgres://… or mysql://… (read only: its catalog)')
  .option('--tables <T1,T2>', 'only these tables (default all; code tables referenced by foreign keys are read by join)')
  .option('--names <T=Type,…>', 'type names for tables, e.g. SB_GRCBXX=SocialInsuranceEnrolment')
  .option('--port <n>', 'the subgraph\'s port (default one above the highest in use)')
  .option('--root <dir>', 'the repository to write into (default this one)')
  .option('--no-codegen', 'do not generate the resolver types (run npm run codegen later)')
  .action((name: string, opts) => commands.subgraph().subgraphInitCommand(name, opts));

program
  .command('seed')
  .description('drop and re-seed the demo databases with a synthetic world')
  .option('--persons <n>', 'number of persons', positiveInt, 10_000)
  .action((opts: { persons: number }) => commands.seed().seedCommand(opts));

program
  .command('token')
  .description('print a consumer token signed with the demo issuer key')
  .requiredOption('--dept <code>', 'department code, e.g. civil-affairs')
  .requiredOption('--user <id>', 'user id')
  .option('--division <code>', 'the consumer\'s jurisdiction, GB/T 2260 (default 320100)')
  .option('--roles <r1,r2>', 'comma-separated roles (default consumer)')
  .option('--ttl <duration>', '30m, 1h, 3600s, 2d (default 1h)')
  .option('--citizen <idNumber>', 'for a citizen channel (--roles citizen-channel): the citizen it acts for')
  .action((opts) => commands.token().tokenCommand(opts));

const keys = program.command('keys').description('key material for tokens, credentials, the access log and sealing');

keys
  .command('generate')
  .description('write every key a deployment needs (0600 for private and secret keys) and print the variable that configures each')
  .option('--suite <suite>', 'intl (Ed25519, HMAC-SHA-256, AES-256-GCM) or sm (SM2, HMAC-SM3, SM4); default GOVGRAPH_CRYPTO, else intl')
  .option('--out <dir>', 'the directory to write into (default ./govgraph-keys)')
  .option('--force', 'replace existing files')
  .action((opts) => commands.keys().keysGenerateCommand(opts));

const policy = program.command('policy').description('the sharing policy: check it against the supergraph, explain what a department sees');

policy
  .command('check')
  .description('validate the policy files against the composed supergraph; exit 1 with one line per problem')
  .option('--dir <path>', 'policy directory (default policies/, or GOVGRAPH_POLICY_DIR)')
  .option('--supergraph <file>', 'supergraph SDL (default gateway/supergraph.graphql)')
  .action((opts) => commands.policy().policyCheckCommand(opts));

policy
  .command('explain')
  .description('every field of the supergraph and what a department sees: full, masked(rule), denied(reason)')
  .requiredOption('--dept <code>', 'the consuming department, e.g. civil-affairs')
  .option('--grant <id>', 'the grant the requests rely on, e.g. G-DEMO-0001')
  .option('--division <code>', 'division of the records read, GB/T 2260 (default: the consumer\'s own)')
  .option('--consumer-division <code>', 'the consumer\'s own jurisdiction (default 320100)')
  .option('--purpose <purpose>', 'X-Purpose (default: the grant\'s purpose, else "explain")')
  .option('--now <date>', 'decide as of this date, YYYY-MM-DD (default today)')
  .option('--format <format>', 'table or json', 'table')
  .option('--dir <path>', 'policy directory (default policies/, or GOVGRAPH_POLICY_DIR)')
  .action((opts) => commands.policy().policyExplainCommand(opts));

policy
  .command('status')
  .description('the policy revision every live subgraph process enforces (from the platform database); exit 0 when all enforce the expected one')
  .option('--expect <revision>', 'the revision to expect (default: that of the policy files here; "any": only that all agree)')
  .option('--wait <seconds>', 'wait up to this long for every live process to enforce it', '0')
  .option('--format <format>', 'text or json', 'text')
  .option('--dir <path>', 'policy directory the default revision is computed from (default policies/, or GOVGRAPH_POLICY_DIR)')
  .action((opts) => commands.policy().policyStatusCommand(opts));

program
  .command('catalog')
  .description('the resource catalog (政务信息资源目录), generated from the supergraph and the policies')
  .option('--format <format>', 'md or json', 'md')
  .option('--provider <dept>', 'only this provider department, e.g. public-security')
  .option('--sharing <class>', 'UNCONDITIONAL, CONDITIONAL or NOT_SHARED')
  .option('--search <text>', 'case-insensitive search in path, description, provider and legal basis')
  .option('--dir <path>', 'policy directory (default policies/, or GOVGRAPH_POLICY_DIR)')
  .option('--supergraph <file>', 'supergraph SDL (default gateway/supergraph.graphql)')
  .action((opts) => commands.catalog().catalogCommand(opts));

const audit = program.command('audit').description('the tamper-evident access log');

audit
  .command('verify')
  .description('recompute every chain of the access log and check the signed checkpoints; exit 1 and the first bad record on tampering')
  .option('--url <url>', `gateway to ask while npm start owns the embedded database (default ${defaultGatewayUrl()})`)
  .option('--token <jwt>', 'a security officer\'s token for that (default a demo officer token)')
  .option('--archive <file>', 'verify an archive file written by `audit archive` instead')
  .option('--witness <dir...>', 'head witness directories to hold the chains against (default $GOVGRAPH_AUDIT_WITNESS_DIR or <data dir>/audit-witness)')
  .action((opts) => commands.audit().auditVerifyCommand(opts));

audit
  .command('archive')
  .description('move records older than a date (up to a signed checkpoint) to a file, out of the live log')
  .requiredOption('--before <date>', 'YYYY-MM-DD: archive what is older')
  .requiredOption('--out <file>', 'the archive file to write (never overwritten)')
  .action((opts) => commands.audit().auditArchiveCommand(opts));

/** --url and --token, on every command that talks to the gateway. */
const viaGateway = (cmd: Command) =>
  cmd.option('--url <url>', `the gateway (default ${defaultGatewayUrl()})`).option('--token <jwt>', 'your bearer token (default $GOVGRAPH_TOKEN)');

const application = program.command('application').description('applications for conditional data (有条件共享), through the running gateway');

viaGateway(
  application
    .command('submit')
    .description('apply for conditional fields (role consumer)')
    .requiredOption('--fields <list>', 'Type.field or Type.*, comma-separated, e.g. Person.phone,RealEstateRight.*')
    .requiredOption('--purpose <code>', 'the purpose the grant will be bound to (X-Purpose)')
    .requiredOption('--justification <text>', 'why, on what legal basis, with what consent')
    .option('--unmasked <list>', 'fields needed unmasked')
    .option('--jurisdiction <code>', 'GB/T 2260 code (default your own division)')
    .option('--valid-until <date>', 'YYYY-MM-DD (default one year)'),
).action((opts) => commands.workflow().applicationSubmit(opts));

viaGateway(
  application
    .command('list')
    .description('the applications you may see')
    .option('--status <status>', 'PENDING, APPROVED, PARTIALLY_APPROVED, REJECTED or WITHDRAWN')
    .option('--provider <dept>', 'only those addressed to this provider')
    .option('--overdue', 'only pending ones past their due date'),
).action((opts) => commands.workflow().applicationList(opts));

viaGateway(application.command('show <id>').description('one application with its reviews and history')).action((id, opts) => commands.workflow().applicationShow(id, opts));

viaGateway(
  application
    .command('approve <id>')
    .description('approve your department\'s part (security officer of the provider), optionally narrowing it')
    .option('--provider <dept>', 'the provider you decide for, if you act for several')
    .option('--fields <list>', 'approve only these fields')
    .option('--unmasked <list>', 'unmask only these')
    .option('--jurisdiction <code>', 'a narrower division')
    .option('--valid-until <date>', 'an earlier end, YYYY-MM-DD')
    .option('--note <text>', 'a note for the record'),
).action((id, opts) => commands.workflow().applicationApprove(id, opts));

viaGateway(
  application
    .command('reject <id>')
    .description('reject your department\'s part, with a reason')
    .requiredOption('--reason <text>', 'why')
    .option('--provider <dept>', 'the provider you decide for, if you act for several'),
).action((id, opts) => commands.workflow().applicationReject(id, opts));

viaGateway(application.command('withdraw <id>').description('withdraw your pending application').option('--reason <text>', 'why')).action((id, opts) =>
  commands.workflow().applicationWithdraw(id, opts),
);

const grant = program.command('grant').description('grants: approved applications and policy-file grants');

viaGateway(grant.command('list').description('the grants you may see').option('--consumer <dept>', 'only this consumer\'s').option('--active', 'only those in force today')).action(
  (opts) => commands.workflow().grantList(opts),
);

viaGateway(grant.command('revoke <id>').description('end a grant now (in force everywhere within seconds)').requiredOption('--reason <text>', 'why')).action((id, opts) =>
  commands.workflow().grantRevoke(id, opts),
);

program
  .command('errors')
  .description('print the error-code table (Markdown), as in the README')
  .action(() => {
    process.stdout.write(commands.errorTable().errorTableMarkdown() + '\n');
  });

program.parseAsync().catch((err: Error) => {
  process.stderr.write(`govgraph: ${err.message}\n`);
  process.exit(1);
});
