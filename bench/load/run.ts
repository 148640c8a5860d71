/**
 * `npm run load` (issue 8): 100 concurrent clients for 60 s on a mix of the README's queries,
 * against the federation as deployed (bench/load/server.ts, its own process), then the same
 * again with an abusive client hammering beside them. It reports requests/s, p50/p99, errors,
 * whether every answered request that touched personal data left its access record, and how
 * much the abusive client — throttled with RATE_LIMITED — slowed the others. Exit 1 when a
 * target is missed. Settings: LOAD_DURATION (s, 60), LOAD_CLIENTS is fixed at 100,
 * LOAD_ABUSER_CONNECTIONS (20), LOAD_PERSONS (10 000), and the gateway's per-user limit for
 * the run, LOAD_USER_PER_MIN (600).
 */
import { fork } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { MIX, PURPOSE_OF } from './mix';
import { CLIENTS, CLIENT_IDENTITIES, type LoadMessage, type ServerMessage } from './protocol';

const RESULTS_FILE = path.join(__dirname, '..', 'results', 'load-latest.json');
const num = (name: string, fallback: number) => {
  const raw = process.env[name];
  const n = raw === undefined || raw === '' ? fallback : Number(raw);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`${name} must be a positive number, got ${JSON.stringify(raw)}`);
  return n;
};
const settings = {
  duration: num('LOAD_DURATION', 60),
  abuserConnections: num('LOAD_ABUSER_CONNECTIONS', 20),
  userPerMinute: num('LOAD_USER_PER_MIN', 600),
};
/** The issue's bound: the abusive client may slow the others by at most 20 %. */
const MAX_SLOWDOWN = 0.2;

interface Tally {
  /** Request ids of answered requests whose query touches personal data. */
  personal: Set<string>;
  statuses: Map<number, number>;
  /** GraphQL error codes other than FORBIDDEN (a policy answer) and RATE_LIMITED (for the abuser). */
  unexpected: Map<string, number>;
  sent: number;
}

/** A relative change as `+4.1 %` / `−2.3 %`. */
const signed = (x: number) => `${x < 0 ? '−' : '+'}${Math.abs(x * 100).toFixed(1)} %`;

const newTally = (): Tally => ({ personal: new Set(), statuses: new Map(), unexpected: new Map(), sent: 0 });
const bump = <K>(m: Map<K, number>, k: K) => m.set(k, (m.get(k) ?? 0) + 1);

interface Phase {
  rps: number;
  p50: number;
  p99: number;
  requests: number;
  errors: number;
  timeouts: number;
}

function drive(url: string, tokens: string[], clients: number[], connections: number, duration: number, tally: Tally, runId: string): Promise<Phase> {
  let nextClient = 0;
  let seq = 0;
  return new Promise((resolve, reject) => {
    autocannon(
      {
        url,
        connections,
        duration,
        requests: [
          {
            method: 'POST',
            // One connection is one client: its identity is fixed on its first request, and it
            // walks the mix from its own offset so all queries run all the time.
            setupRequest: (req: any, context: any) => {
              if (context.client === undefined) context.client = clients[nextClient++ % clients.length];
              const identity = CLIENT_IDENTITIES[context.client];
              const { purpose, grantId } = PURPOSE_OF[identity.dept];
              const item = MIX[(context.client + (context.n = (context.n ?? 0) + 1)) % MIX.length];
              context.item = item;
              context.id = `load-${runId}-${String(seq++).padStart(8, '0')}`;
              tally.sent++;
              return {
                ...req,
                body: item.body,
                headers: {
                  'content-type': 'application/json',
                  authorization: `Bearer ${tokens[context.client]}`,
                  'x-purpose': purpose,
                  ...(grantId ? { 'x-grant-id': grantId } : {}),
                  'x-request-id': context.id,
                },
              };
            },
            onResponse: (status: number, body: string, context: any, headers: Record<string, string | string[]> = {}) => {
              bump(tally.statuses, status);
              // The id the gateway logged the request under (it echoes the one it used).
              const echoed = headers['x-request-id'];
              const id = (Array.isArray(echoed) ? echoed[0] : echoed) ?? context.id;
              if (status !== 200) return;
              try {
                const parsed = JSON.parse(body) as { errors?: Array<{ extensions?: { code?: string } }> };
                for (const e of parsed.errors ?? []) {
                  const code = e.extensions?.code ?? 'NO_CODE';
                  if (code !== 'FORBIDDEN') bump(tally.unexpected, code);
                }
              } catch {
                bump(tally.unexpected, 'NOT_JSON');
              }
              if (context.item.personal) tally.personal.add(id);
            },
          },
        ],
      } as any,
      (err: Error | null, result: any) => {
        if (err) return reject(err);
        resolve({
          rps: result.requests.average,
          p50: result.latency.p50,
          p99: result.latency.p99,
          requests: result.requests.total,
          errors: result.errors,
          timeouts: result.timeouts,
        });
      },
    );
  });
}

async function main(): Promise<void> {
  const child = fork(path.join(__dirname, 'server.ts'), [], {
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, GOVGRAPH_RATE_USER_PER_MIN: String(settings.userPerMinute) },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const next = (kind: ServerMessage['kind']) =>
    new Promise<ServerMessage>((resolve, reject) => {
      const onMessage = (m: ServerMessage) => m.kind === kind && (child.off('message', onMessage), resolve(m));
      child.on('message', onMessage);
      child.once('exit', (code) => reject(new Error(`the load server exited (${code})`)));
    });
  const ask = (m: LoadMessage) => child.send(m);

  console.log('seeding and starting the federation …');
  const ready = (await next('ready')) as Extract<ServerMessage, { kind: 'ready' }>;
  console.log(`federation up on ${Object.entries(ready.engines).map(([s, e]) => `${s}=${e}`).join(', ')} (${ready.persons} persons)`);
  const normal = Array.from({ length: CLIENTS }, (_, i) => i);
  const abuser = [CLIENTS];

  // Warm-up (plans cached, pools filled), not counted.
  const warm = newTally();
  await drive(ready.gatewayUrl, ready.tokens, normal, CLIENTS, 5, warm, 'warm');

  console.log(`phase A: ${CLIENTS} clients, ${settings.duration} s`);
  const tallyA = newTally();
  const a = await drive(ready.gatewayUrl, ready.tokens, normal, CLIENTS, settings.duration, tallyA, 'a');
  await new Promise((r) => setTimeout(r, 2_000)); // let abandoned in-flight requests finish

  console.log(`phase B: the same ${CLIENTS} clients, and an abusive client on ${settings.abuserConnections} connections`);
  const tallyB = newTally();
  const tallyAbuser = newTally();
  const [b, x] = await Promise.all([
    drive(ready.gatewayUrl, ready.tokens, normal, CLIENTS, settings.duration, tallyB, 'b'),
    drive(ready.gatewayUrl, ready.tokens, abuser, settings.abuserConnections, settings.duration, tallyAbuser, 'x'),
  ]);
  await new Promise((r) => setTimeout(r, 2_000));

  ask({ kind: 'records' });
  const logged = new Set(((await next('records')) as Extract<ServerMessage, { kind: 'records' }>).requestIds);
  ask({ kind: 'stop' });

  // Every answered personal request is in the log; the log holds nothing else but requests
  // autocannon abandoned in flight when a phase ended (at most one per connection and phase).
  const answered = [tallyA, tallyB, tallyAbuser].flatMap((t) => [...t.personal]);
  const missing = answered.filter((id) => !logged.has(id));
  const answeredSet = new Set(answered);
  const extra = [...logged].filter((id) => !answeredSet.has(id) && !warm.personal.has(id));
  // At most one abandoned request per connection at the end of each of the three runs.
  const inFlightBound = 3 * CLIENTS + settings.abuserConnections;

  const non200 = (t: Tally, allow: number[] = []) => [...t.statuses].filter(([s]) => s !== 200 && !allow.includes(s)).reduce((n, [, c]) => n + c, 0);
  const unexpected = (t: Tally) => [...t.unexpected].filter(([c]) => c !== 'RATE_LIMITED').reduce((n, [, c]) => n + c, 0);
  const errorsA = a.errors + a.timeouts + non200(tallyA) + unexpected(tallyA);
  const errorsB = b.errors + b.timeouts + non200(tallyB) + unexpected(tallyB);
  const throttled = tallyAbuser.statuses.get(429) ?? 0;
  const slowdownRps = 1 - b.rps / a.rps;
  const slowdownP50 = b.p50 / a.p50 - 1;

  const checks = [
    { name: 'no errors with 100 clients', ok: errorsA === 0, detail: `${errorsA}` },
    { name: 'no errors beside the abusive client', ok: errorsB === 0, detail: `${errorsB}` },
    { name: 'every answered personal-data request has its access record', ok: missing.length === 0, detail: `${answered.length - missing.length}/${answered.length}` },
    { name: 'no access record without a request', ok: extra.length <= inFlightBound, detail: `${extra.length} abandoned in flight (≤ ${inFlightBound})` },
    { name: 'the abusive client is throttled (429 RATE_LIMITED)', ok: throttled > 0, detail: `${throttled} of ${tallyAbuser.sent}` },
    { name: `the others slowed by at most ${MAX_SLOWDOWN * 100} %`, ok: slowdownRps <= MAX_SLOWDOWN && slowdownP50 <= MAX_SLOWDOWN, detail: `req/s ${signed(-slowdownRps)}, p50 ${signed(slowdownP50)}` },
  ];

  const row = (label: string, p: Phase) => `| ${label} | ${p.rps.toFixed(0)} | ${p.p50} | ${p.p99} | ${p.requests} |`;
  console.log('\n| phase | req/s | p50 ms | p99 ms | requests |\n| --- | --- | --- | --- | --- |');
  console.log(row(`A: ${CLIENTS} clients`, a));
  console.log(row(`B: ${CLIENTS} clients beside the abuser`, b));
  console.log(row(`B: abusive client (${settings.abuserConnections} conns)`, x));
  console.log('');
  for (const c of checks) console.log(`${c.ok ? 'ok  ' : 'FAIL'} ${c.name}: ${c.detail}`);

  const report = {
    at: new Date().toISOString(),
    machine: `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`,
    engines: ready.engines,
    persons: ready.persons,
    settings: { ...settings, clients: CLIENTS, mix: MIX.map((m) => m.name) },
    phases: { a, b, abuser: x },
    statuses: { a: Object.fromEntries(tallyA.statuses), b: Object.fromEntries(tallyB.statuses), abuser: Object.fromEntries(tallyAbuser.statuses) },
    unexpected: { a: Object.fromEntries(tallyA.unexpected), b: Object.fromEntries(tallyB.unexpected), abuser: Object.fromEntries(tallyAbuser.unexpected) },
    accessLog: { answeredPersonal: answered.length, missing: missing.length, extra: extra.length },
    checks,
  };
  fs.mkdirSync(path.dirname(RESULTS_FILE), { recursive: true });
  fs.writeFileSync(RESULTS_FILE, JSON.stringify(report, null, 2) + '\n');
  console.log(`\nwritten ${path.relative(process.cwd(), RESULTS_FILE)}`);
  process.exitCode = checks.every((c) => c.ok) ? 0 : 1;
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
