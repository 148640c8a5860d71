/**
 * SQL tracing on the embedded database, where every department's handle is one knex: each
 * statement is logged once, under the subgraph whose request (or background work) ran it —
 * not once per subgraph. Real PGlite, real express requests through the request scope; the
 * log is read from a pino destination.
 */
import express from 'express';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { traceQueries, type Database, type EmbeddedPostgres } from '.';
import { openEmptyEmbedded } from '../../test/support/templates';
import { createLoggers, withLogger, type Logger } from '../log';
import { requestScope } from '../http/requestScope';
import { runInRequest } from '../requestContext';

const SUBGRAPHS = ['population', 'legal-person', 'geospatial', 'sharing'];

let embedded: EmbeddedPostgres;
const dbs = new Map<string, Database>();
const logs = new Map<string, Logger>();
const servers = new Map<string, { url: string; server: http.Server }>();
let lines: Array<{ service: string; msg: string; sql?: string; requestId?: string }> = [];
/** Statements counted per subgraph (`onStatement`, as lib/metrics counts them). */
let counted: Record<string, number> = {};

beforeAll(async () => {
  // A fresh engine from the tests' cached empty cluster: initdb and PostGIS take far longer.
  embedded = await openEmptyEmbedded();
  const loggers = createLoggers({ level: 'debug', destination: { write: (s: string) => void lines.push(JSON.parse(s)) } });
  for (const name of SUBGRAPHS) {
    const db = await embedded.department(name.replace(/-/g, '_'));
    const log = loggers.service(name);
    dbs.set(name, db);
    logs.set(name, log);
    // What createSubgraphServer does for each subgraph (lib/subgraph/server.ts).
    traceQueries(db.knex, log, () => void (counted[name] = (counted[name] ?? 0) + 1));
    const app = express();
    app.use(requestScope(log));
    app.get('/probe', async (_req, res) => {
      await db.knex.raw(`select 1 as ${name.replace(/-/g, '_')}_probe`);
      res.send('ok');
    });
    const server = http.createServer(app);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    servers.set(name, { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` });
  }
  expect(new Set([...dbs.values()].map((d) => d.knex)).size).toBe(1); // the shared handle this is about
});
beforeEach(() => {
  lines = [];
  counted = {};
});
afterAll(async () => {
  for (const { server } of servers.values()) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
  await embedded?.close();
});

const sqlLines = () => lines.filter((l) => l.msg === 'sql');

it('logs a statement of a request once, under the subgraph that served it', async () => {
  for (const name of SUBGRAPHS) {
    lines = [];
    const res = await fetch(`${servers.get(name)!.url}/probe`);
    expect(res.status).toBe(200);
    const requestId = res.headers.get('x-request-id');
    expect(sqlLines()).toEqual([expect.objectContaining({ service: name, requestId, sql: `select 1 as ${name.replace(/-/g, '_')}_probe` })]);
  }
});

it('counts a statement once, under the subgraph whose request or background work ran it', async () => {
  for (const name of SUBGRAPHS) expect((await fetch(`${servers.get(name)!.url}/probe`)).status).toBe(200);
  await withLogger(logs.get('sharing')!, async () => {
    await dbs.get('population')!.knex.raw('select 5 as background'); // a builder runs when awaited: here
  });
  expect(counted).toEqual({ population: 1, 'legal-person': 1, geospatial: 1, sharing: 2 });
  // Outside any request or task, on a knex several subgraphs share: nobody's.
  counted = {};
  await dbs.get('population')!.knex.raw('select 6 as nobodys');
  expect(counted).toEqual({});
});

it('logs a statement of background work once, under the service it runs for', async () => {
  await withLogger(logs.get('sharing')!, async () => {
    await new Promise((r) => setTimeout(r, 5)); // scheduled work stays attributed
    await dbs.get('sharing')!.knex.raw('select 2 as anchor_probe');
  });
  expect(sqlLines()).toEqual([expect.objectContaining({ service: 'sharing', sql: 'select 2 as anchor_probe' })]);
});

it('records each statement once in the request\'s SQL list', async () => {
  const sql: string[] = [];
  await runInRequest({ requestId: 'trace-test-0001', sql, log: logs.get('geospatial') }, async () => {
    await dbs.get('geospatial')!.knex.raw('select 3 as counted');
  });
  expect(sql).toEqual(['select 3 as counted']);
  expect(sqlLines().map((l) => l.service)).toEqual(['geospatial']);
});

it('does not attribute a statement run outside any request or task to a subgraph', async () => {
  await dbs.get('population')!.knex.raw('select 4 as unattributed');
  expect(sqlLines()).toEqual([]);
});
