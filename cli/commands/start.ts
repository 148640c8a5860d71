import { subgraphs } from '../../subgraphs';
import { openDepartmentDatabases } from '../../app/departmentDatabases';
import { startStack } from '../../app/stack';
import { auditWitnessDir, gatewayPort, listenHost, seedPersons, subgraphPort } from '../../lib/config';
import { onShutdown } from '../../app/shutdown';
import { progressBar } from '../progress';
import { securityFromEnv } from '../../app/security';
import { refuseDemoKeysInProduction } from '../../lib/keys/keySources';
import { issueToken, loadOrCreateKeyPair } from '../../lib/identity';
import { HeadWitness } from '../../lib/audit/witness';
import { consoleDemoTokens } from '../../gateway/plugins/console';

export async function startCommand(): Promise<void> {
  // GOVGRAPH_ENV=production: refuse demo keys before opening (or seeding) any database.
  refuseDemoKeysInProduction(['gateway', 'subgraph', 'anchor']);
  process.stdout.write('govgraph: opening department databases (the first run creates and seeds them)…\n');
  const progress = progressBar();
  const dbs = await openDepartmentDatabases(subgraphs, { persons: seedPersons(), progress });
  progress.stop();
  const byName = new Map(subgraphs.map((def) => [def.name, def]));
  const security = await securityFromEnv();
  // A demo caseworker of 玄武区 civil affairs, for the tour (signed with the demo issuer key).
  const demoIssuer = await loadOrCreateKeyPair('demo-issuer');
  const token = await issueToken(demoIssuer, {
    user: 'mz-xw-0007', dept: 'civil-affairs', division: '320102', roles: ['consumer'], ttlSeconds: 8 * 3600,
  });
  const stack = await startStack({
    subgraphs,
    security,
    databases: dbs.byName,
    graphiqlHeaders: { Authorization: `Bearer ${token}`, 'X-Purpose': 'dibao-verification', 'X-Grant-Id': 'G-DEMO-0001' },
    // The console's sign-in offers demo officers and caseworkers (not in production: the gateway refuses).
    consoleDemoTokens: consoleDemoTokens(demoIssuer),
    host: listenHost(),
    ports: (name) => (name === 'gateway' ? gatewayPort() : subgraphPort(byName.get(name)!)),
    auditWitness: await HeadWitness.open(auditWitnessDir(), security.auditKeys.key),
  });
  onShutdown(async () => {
    await stack.stop();
    await dbs.close();
    security.policy.close();
  });

  const lines = [
    '',
    `  Gateway + GraphiQL       ${stack.gatewayUrl}/`,
    `  GraphQL endpoint         ${stack.gatewayUrl}/graphql`,
    `  Officers' console 控制台  ${stack.gatewayUrl}/console/`,
    ...Object.entries(stack.subgraphUrls).map(([name, url]) => `  ${(name + ' subgraph').padEnd(24)} ${url}  (${dbs.byName.get(name)!.label})`),
    '',
    `  Policy revision ${security.policy.current.revision} from policies/ (edits take effect live).`,
    '',
    '  A demo token (civil-affairs caseworker of 玄武区, 8 h; make others with `npx govgraph token`):',
    `  export TOKEN=${token}`,
    '',
    '  Try the flagship query under the demo grant (all data is synthetic):',
    `  curl -s ${stack.gatewayUrl}/graphql -H 'content-type: application/json' -H "authorization: Bearer $TOKEN" \\`,
    `    -H 'x-purpose: dibao-verification' -H 'x-grant-id: G-DEMO-0001' \\`,
    `    -d '{"query":"{ person(idNumber: \\"320102198001011238\\") { name phone household { members { relationToHead person { name } } } } }"}'`,
    '',
    '  Ctrl-C stops everything.',
    '',
  ];
  process.stdout.write(lines.join('\n') + '\n');
}
