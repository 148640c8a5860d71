/**
 * A department's database server restarts under a running federation: while it is down that
 * department's subgraph /readyz is 503 with a state (never the driver's message) and the
 * gateway's /readyz says so; queries answer the other departments' data, that department's
 * fields `null` with DOWNSTREAM_SERVICE_ERROR naming it, HTTP 200; once the server is back,
 * readiness and full answers return within seconds — the connection pools recover, nothing
 * restarts.
 *
 * Real servers of the test's own, never the shared ones other suites run against: PostgreSQL
 * under population (initdb + pg_ctl, test/support/throwawayPostgres.ts) and MariaDB under
 * legal-person (mariadb-install-db + mariadbd, test/support/throwawayMariaDb.ts).
 */
import { startFaultStack, STARTUP_MS, type FaultStack } from '../support/faultStack';
import { postgresBinDir, ThrowawayPostgres } from '../support/throwawayPostgres';
import { mariaDbBinaries, ThrowawayMariaDb } from '../support/throwawayMariaDb';
import { testWorld } from '../support/databases';
import type { GraphQLResponse } from '../support/http';
import { connectServer, type Database } from '../../lib/db';
import type { SubgraphDefinition } from '../../lib/subgraph/definition';
import { legalPerson, population } from '../../subgraphs';
import { SHOWCASE } from '../../lib/synthetic';

/** "Within a few seconds" of the server accepting connections again. */
const RECOVERY_MS = 5_000;

/** Root fields of three departments: population (PostgreSQL), geospatial, legal-person (MariaDB). */
const QUERY = `query Mixed($id: ID!, $uscc: ID!) {
  person(idNumber: $id) { name gender household { number } }
  division(code: "320102") { name }
  legalPerson(uscc: $uscc) { name status }
}`;
const VARIABLES = { id: SHOWCASE.head, uscc: SHOWCASE.company };

interface DatabaseServer {
  port: number;
  createDatabase(name: string): Promise<string>;
  stop(): Promise<void>;
  start(): Promise<void>;
  destroy(): Promise<void>;
}

interface Case {
  engine: string;
  /** Why the suite cannot run here, if it cannot. */
  missing?: string;
  create(): Promise<DatabaseServer>;
  def: SubgraphDefinition;
  /** The root field of QUERY that department answers. */
  rootField: 'person' | 'legalPerson';
  /** Driver words that must never reach a client or a readiness body. */
  driverWords: RegExp;
}

const cases: Case[] = [
  {
    engine: 'PostgreSQL',
    missing: postgresBinDir() ? undefined : 'no PostgreSQL initdb under /usr/lib/postgresql',
    create: () => ThrowawayPostgres.create(),
    def: population as SubgraphDefinition,
    rootField: 'person',
    driverWords: /ECONNREFUSED|connect|127\.0\.0\.1|postgres|select /i,
  },
  {
    engine: 'MariaDB',
    missing: mariaDbBinaries() ? undefined : 'no mariadb-install-db / mariadbd',
    create: () => ThrowawayMariaDb.create(),
    def: legalPerson as SubgraphDefinition,
    rootField: 'legalPerson',
    driverWords: /ECONNREFUSED|PROTOCOL_|connect|127\.0\.0\.1|mysql|maria|select /i,
  },
];

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

for (const c of cases) {
  if (c.missing) {
    // Only machines without the server binaries (embedded-engine runs) skip; CI installs both.
    console.warn(`test/faults/database-restart.test.ts: ${c.engine} restart skipped: ${c.missing}`);
  }
  (c.missing ? describe.skip : describe)(`a department database restart: ${c.engine} under ${c.def.name}`, () => {
    let server: DatabaseServer;
    let db: Database;
    let stack: FaultStack;
    let full: GraphQLResponse;

    beforeAll(async () => {
      server = await c.create();
      db = connectServer(await server.createDatabase(c.def.name.replace(/-/g, '_')));
      await c.def.legacyDb.migrate(db);
      await c.def.legacyDb.seed(db, testWorld());
      stack = await startFaultStack({ databases: { [c.def.name]: db } });
      full = await stack.query(QUERY, VARIABLES);
    }, STARTUP_MS);
    afterAll(async () => {
      await stack?.stop();
      await db?.close();
      await server?.destroy();
    });

    /** The full answer but for the department's own root field. */
    const withoutDepartment = () => ({ ...full.data, [c.rootField]: null });

    it('answers in full and is ready while the server runs', async () => {
      expect(full.status).toBe(200);
      expect(full.errors).toBeUndefined();
      expect(full.data!.person.name).toBe('李建国');
      expect(full.data!.legalPerson.name).toEqual(expect.any(String));
      expect((await stack.readiness(c.def.name)).status).toBe(200);
      expect((await stack.readiness()).status).toBe(200);
    });

    it('reports the outage, answers without the department, and recovers when the server is back', async () => {
      await server.stop();

      // The subgraph is up but not ready, and says why as a state, never as the driver's words.
      const own = await stack.readiness(c.def.name);
      expect(own.status).toBe(503);
      expect(own.body.checks).toEqual(expect.objectContaining({ database: 'unreachable', accessLog: 'ok', policy: 'ok' }));
      expect(own.body.logId).toEqual(expect.any(String));
      const ownText = JSON.stringify(own.body);
      expect(ownText).not.toMatch(c.driverWords);
      expect(ownText).not.toContain(String(server.port));

      const gateway = await stack.readiness();
      expect(gateway.status).toBe(503);
      const others = Object.keys(stack.subgraphUrls).filter((name) => name !== c.def.name);
      expect(gateway.body.checks).toEqual({ [c.def.name]: 'not-ready', ...Object.fromEntries(others.map((name) => [name, 'ok'])) });

      // Queries go on: the department's field is null with DOWNSTREAM_SERVICE_ERROR, the rest flows.
      const during = await Promise.all(Array.from({ length: 6 }, () => stack.query(QUERY, VARIABLES)));
      for (const res of during) {
        // A failure, not a denial: no FORBIDDEN / OUT_OF_JURISDICTION for a record whose
        // division could not be read (lib/policy/enforce.ts, failuresAsErrors). The subgraph's
        // masked failure keeps its log id, so an operator finds the cause. One comparison, so
        // a failure shows the whole answer.
        expect({ status: res.status, data: res.data, errors: res.errors?.map((e) => ({ path: e.path, ...e.extensions })) }).toEqual({
          status: 200,
          data: withoutDepartment(),
          errors: [{ path: [c.rootField], code: 'DOWNSTREAM_SERVICE_ERROR', serviceName: c.def.name, logId: expect.any(String) }],
        });
        expect(JSON.stringify(res)).not.toMatch(c.driverWords);
      }

      // Back: nothing restarts, the pools reconnect on their own.
      await server.start();
      const started = Date.now();
      for (;;) {
        const [ownReady, gatewayReady, res] = await Promise.all([stack.readiness(c.def.name), stack.readiness(), stack.query(QUERY, VARIABLES)]);
        expect(res.status).toBe(200);
        if (ownReady.status === 200 && gatewayReady.status === 200 && res.errors === undefined) {
          expect(res.data).toEqual(full.data);
          break;
        }
        if (Date.now() - started > RECOVERY_MS) {
          throw new Error(`not recovered ${RECOVERY_MS} ms after the restart: ${JSON.stringify({ own: ownReady.body, gateway: gatewayReady.body, errors: res.errors })}`);
        }
        await sleep(100);
      }
    });

    it('recovers from a restart it did not see coming: connections that were idle in the pool are replaced', async () => {
      // Fill the pool with idle connections, then restart the server behind them.
      await Promise.all(Array.from({ length: 8 }, () => stack.query(QUERY, VARIABLES)));
      await server.stop();
      await server.start();
      const started = Date.now();
      let res: GraphQLResponse;
      for (;;) {
        res = await stack.query(QUERY, VARIABLES);
        if (res.errors === undefined || Date.now() - started > RECOVERY_MS) break;
        await sleep(100);
      }
      expect(res.status).toBe(200);
      expect(res.errors).toBeUndefined();
      expect(res.data).toEqual(full.data);
    });
  });
}
