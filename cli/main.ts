/**
 * `govgraph` — the command-line tool (CONTRACT.md, "Command-line tool"). Each command lives
 * in its own module under commands/; this file only wires them to arguments.
 */
import { Command, InvalidArgumentError } from 'commander';
import { startCommand } from './commands/start';
import { composeCommand } from './commands/compose';
import { seedCommand } from './commands/seed';
import { errorTableMarkdown } from '../lib/errorTable';
import { tokenCommand } from './commands/token';
import { policyCheckCommand, policyExplainCommand } from './commands/policy';
import { catalogCommand } from './commands/catalog';

function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 3) throw new InvalidArgumentError('must be a whole number of at least 3');
  return n;
}

const program = new Command()
  .name('govgraph')
  .description('GraphQL federated data access over government departments\' databases, with sharing policies.')
  .showHelpAfterError();

program
  .command('start')
  .description('run every subgraph and the gateway (embedded databases unless GOVGRAPH_<DEPT>_DB_URL is set)')
  .action(() => startCommand());

program
  .command('compose')
  .description('compose the subgraphs into gateway/supergraph.graphql')
  .option('--check', 'fail if the committed supergraph is stale')
  .action((opts: { check?: boolean }) => composeCommand(opts));

program
  .command('seed')
  .description('drop and re-seed the demo databases with a synthetic world')
  .option('--persons <n>', 'number of persons', positiveInt, 10_000)
  .action((opts: { persons: number }) => seedCommand(opts));

program
  .command('token')
  .description('print a consumer token signed with the demo issuer key')
  .requiredOption('--dept <code>', 'department code, e.g. civil-affairs')
  .requiredOption('--user <id>', 'user id')
  .option('--division <code>', 'the consumer\'s jurisdiction, GB/T 2260 (default 320100)')
  .option('--roles <r1,r2>', 'comma-separated roles (default consumer)')
  .option('--ttl <duration>', '30m, 1h, 3600s, 2d (default 1h)')
  .option('--citizen <idNumber>', 'for a citizen channel (--roles citizen-channel): the citizen it acts for')
  .action((opts) => tokenCommand(opts));

const policy = program.command('policy').description('the sharing policy: check it against the supergraph, explain what a department sees');

policy
  .command('check')
  .description('validate the policy files against the composed supergraph; exit 1 with one line per problem')
  .option('--dir <path>', 'policy directory (default policies/, or GOVGRAPH_POLICY_DIR)')
  .option('--supergraph <file>', 'supergraph SDL (default gateway/supergraph.graphql)')
  .action((opts) => policyCheckCommand(opts));

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
  .action((opts) => policyExplainCommand(opts));

program
  .command('catalog')
  .description('the resource catalog (政务信息资源目录), generated from the supergraph and the policies')
  .option('--format <format>', 'md or json', 'md')
  .option('--provider <dept>', 'only this provider department, e.g. public-security')
  .option('--sharing <class>', 'UNCONDITIONAL, CONDITIONAL or NOT_SHARED')
  .option('--search <text>', 'case-insensitive search in path, description, provider and legal basis')
  .option('--dir <path>', 'policy directory (default policies/, or GOVGRAPH_POLICY_DIR)')
  .option('--supergraph <file>', 'supergraph SDL (default gateway/supergraph.graphql)')
  .action((opts) => catalogCommand(opts));

program
  .command('errors')
  .description('print the error-code table (Markdown), as in the README')
  .action(() => {
    process.stdout.write(errorTableMarkdown() + '\n');
  });

program.parseAsync().catch((err: Error) => {
  process.stderr.write(`govgraph: ${err.message}\n`);
  process.exit(1);
});
