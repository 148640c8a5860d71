/**
 * Where the policy layer's time goes: drives one workload (default persons500) against the
 * policies-on stack and then the policies-off stack, each under the V8 CPU profiler (main
 * thread only: the gateway, the subgraphs and the database drivers — autocannon runs in a
 * worker), writes both .cpuprofile files to bench/results/ and prints, per request, the CPU
 * time by area and its difference between on and off.
 *
 *   npx tsx bench/profile.ts            (BENCH_WORKLOADS=flagship, BENCH_DURATION=… as in run.ts)
 *
 * Open the .cpuprofile files in Chrome DevTools (Performance → Load profile) for flame charts.
 */
import './quiet';
import fs from 'node:fs';
import path from 'node:path';
import { Session } from 'node:inspector';
import { generateWorld } from '../lib/synthetic';
import { testSecurity, PEOPLE, DIBAO } from '../test/support/security';
import { workloads, PolicyMode } from './workloads';
import { measure } from './measure';
import { openBenchDatabases, startBenchStack, post, BenchDatabases } from './federation';
import { summarise, printSummary, Summary } from './cpuprofile';
import { envNumber, runScript } from './script';

const post0 = <T>(session: Session, method: string, params?: object) =>
  new Promise<T>((resolve, reject) => session.post(method, params ?? {}, (err, res) => (err ? reject(err) : resolve(res as T))));

async function main(): Promise<number> {
  const name = process.env.BENCH_WORKLOADS?.split(',')[0]?.trim() || 'persons500';
  const w = workloads.find((x) => x.name === name);
  if (!w) throw new Error(`unknown workload ${name}`);
  const duration = envNumber('BENCH_DURATION', 10);
  const warmup = envNumber('BENCH_WARMUP', 3);
  const connections = envNumber('BENCH_CONNECTIONS', 10);
  const world = generateWorld({ persons: envNumber('BENCH_PERSONS', 3000) });
  const security = await testSecurity();
  let dbs: BenchDatabases | undefined;
  const session = new Session();
  session.connect();
  try {
    dbs = await openBenchDatabases(world);
    console.log(`profiling ${w.name} on ${dbs.real ? 'real servers' : 'embedded PGlite'} (${Object.entries(dbs.engines).map(([n, e]) => `${n}=${e}`).join(', ')}), ${duration} s per side`);
    const headers = await security.headers(PEOPLE.caseworker, DIBAO);
    const body = JSON.stringify(w.request(world));
    const results: Partial<Record<PolicyMode, { s: Summary; requests: number; rps: number }>> = {};
    await post0(session, 'Profiler.enable');
    await post0(session, 'Profiler.setSamplingInterval', { interval: 200 });
    for (const mode of ['on', 'off'] as const) {
      const stack = await startBenchStack(dbs, security, mode);
      try {
        const url = `${stack.gatewayUrl}/graphql`;
        const answer = await post(url, headers, body);
        const problems = w.check(answer, mode);
        if (problems.length) throw new Error(`${w.name} (policies ${mode}): ${problems.join('; ')}`);
        if (warmup > 0) await measure({ url, headers, body, connections, duration: warmup, warmup: 0 });
        // The profile covers the measured window and the drain after it, in which the server
        // finishes the one request per connection autocannon abandoned when it stopped: it
        // served requests + connections requests in all.
        await post0(session, 'Profiler.start');
        const r = await measure({ url, headers, body, connections, duration, warmup: 0 });
        const { profile } = await post0<{ profile: any }>(session, 'Profiler.stop');
        const file = path.join(__dirname, 'results', `${w.name}-${mode}.cpuprofile`);
        fs.writeFileSync(file, JSON.stringify(profile));
        const s = summarise(profile);
        const served = r.requests + connections;
        results[mode] = { s, requests: served, rps: r.rps };
        printSummary(`policies ${mode} — ${served} requests served, ${r.rps.toFixed(1)} req/s, ${(s.busyMs / served).toFixed(1)} ms CPU per request on the main thread (${path.relative(process.cwd(), file)})`, s);
      } finally {
        await stack.stop();
      }
    }

    // Per-request difference by area: what the policy layer adds to one request.
    const on = results.on!;
    const off = results.off!;
    const perReq = (x: { s: Summary; requests: number }) => new Map(x.s.areas.filter((a) => a.area !== '(idle)').map((a) => [a.area, a.ms / x.requests]));
    const a = perReq(on);
    const b = perReq(off);
    const rows = [...new Set([...a.keys(), ...b.keys()])]
      .map((area) => ({ area, on: a.get(area) ?? 0, off: b.get(area) ?? 0 }))
      .map((r) => ({ ...r, diff: r.on - r.off }))
      .sort((x, y) => y.diff - x.diff);
    const busyOn = on.s.busyMs / on.requests;
    const busyOff = off.s.busyMs / off.requests;
    console.log(`\n== per request: ${busyOn.toFixed(1)} ms CPU with policies, ${busyOff.toFixed(1)} ms without: +${(busyOn - busyOff).toFixed(1)} ms (${(((busyOn - busyOff) / busyOn) * 100).toFixed(0)}% of a policies-on request)`);
    console.log('   ms on   ms off     diff  area');
    for (const r of rows.filter((r) => Math.abs(r.diff) >= 0.5 || r.on >= 2)) {
      console.log(`  ${r.on.toFixed(1).padStart(6)}  ${r.off.toFixed(1).padStart(7)}  ${(r.diff >= 0 ? '+' : '') + r.diff.toFixed(1).padStart(6)}  ${r.area}`);
    }
    return 0;
  } finally {
    session.disconnect();
    security.policy.close();
    await dbs?.drop();
  }
}

runScript('profile', main);
