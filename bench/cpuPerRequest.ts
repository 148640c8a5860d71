/**
 * CPU per request of the deployed stack alone (`on`: policies, access log, trust chain), in
 * about a minute — for comparing two builds of the same code, where `npm run bench` (which
 * compares stacks within one build) cannot: run it on one, then the other, alternating, and
 * compare the figures with their spread.
 *
 *   GOVGRAPH_PG_URL=… GOVGRAPH_MYSQL_URL=… NODE_OPTIONS=--expose-gc npx tsx bench/cpuPerRequest.ts
 *
 * BENCH_VARIANTS=on,on+apollo measures, in the same process and in alternating batches, the
 * deployed stack against the same stack with Apollo Server's default plugins left on in every
 * subgraph (cache control, inline traces …: lib/subgraph/server.ts, `apolloDefaults`) — what
 * turning them off won; BENCH_VARIANTS=on,on+interpreted the deployed stack against the same
 * stack executing with graphql-js's interpreter instead of compiled execution
 * (lib/subgraph/compiledExecution.ts). Any of on, policy, off, each with an optional `+apollo`
 * or `+interpreted`.
 *
 * BENCH_WORKLOADS (default persons500,flagship), BENCH_VARIANTS (default on), BENCH_REPEATS
 * (default 3 measurements per workload, each BENCH_ROUNDS batches, default 6) and
 * BENCH_PERSONS as in run.ts. Each measurement is `cpuCost.ts`'s: batches with a forced
 * collection at both ends (hence --expose-gc), this process's CPU on every thread plus the
 * local database servers'. One more measurement goes first and is discarded (the JIT is still
 * compiling). The spread of the repeats is printed beside their median, for this process and
 * the databases apart: on a shared 2-core VM it is the honest size of a difference worth
 * believing, and the databases' figure also counts whatever else the same servers run meanwhile.
 */
import './quiet';
import { generateWorld } from '../lib/synthetic';
import { testSecurity, PEOPLE, DIBAO } from '../test/support/security';
import type { RunningStack } from '../app/stack';
import { workloads } from './workloads';
import { measureCpuCost } from './cpuCost';
import { openBenchDatabases, startBenchStack, post, policyModeOf, type BenchDatabases, type StackVariant } from './federation';
import { envNumber, runScript } from './script';

const list = (raw: string | undefined, fallback: string[]) => raw?.split(',').map((s) => s.trim()).filter(Boolean) ?? fallback;

async function main(): Promise<number> {
  if (!(globalThis as { gc?: unknown }).gc) console.warn('no global.gc (run with NODE_OPTIONS=--expose-gc): garbage lands in whichever batch collects it');
  const selected = list(process.env.BENCH_WORKLOADS, ['persons500', 'flagship']).map((n) => {
    const w = workloads.find((x) => x.name === n);
    if (!w) throw new Error(`unknown workload ${n}`);
    return w;
  });
  const variants = list(process.env.BENCH_VARIANTS, ['on']);
  const parse = (v: string) => {
    const [base, extra] = v.split('+') as [StackVariant, string | undefined];
    if (!['on', 'policy', 'off'].includes(base) || (extra !== undefined && extra !== 'apollo' && extra !== 'interpreted')) throw new Error(`BENCH_VARIANTS: unknown variant ${v} (on, policy, off, each with an optional +apollo or +interpreted)`);
    return { base, apolloDefaults: extra === 'apollo', interpreted: extra === 'interpreted' };
  };
  const repeats = envNumber('BENCH_REPEATS', 3);
  const rounds = envNumber('BENCH_ROUNDS', 6);
  const world = generateWorld({ persons: envNumber('BENCH_PERSONS', 3000) });
  const security = await testSecurity();
  let dbs: BenchDatabases | undefined;
  const stacks: Record<string, RunningStack> = {};
  try {
    dbs = await openBenchDatabases(world);
    for (const v of variants) stacks[v] = await startBenchStack(dbs, security, parse(v).base, { apolloDefaults: parse(v).apolloDefaults, interpreted: parse(v).interpreted });
    const headers = await security.headers(PEOPLE.caseworker, DIBAO);
    console.log(`${dbs.real ? 'real servers' : 'embedded PGlite'}; node ${process.version}; ${repeats} × ${rounds} rounds per workload`);
    for (const w of selected) {
      const body = JSON.stringify(w.request(world));
      for (const v of variants) {
        const problems = w.check(await post(`${stacks[v].gatewayUrl}/graphql`, headers, body), policyModeOf(parse(v).base));
        if (problems.length) throw new Error(`${w.name} (${v}): ${problems.join('; ')}`);
      }
      const node: Record<string, number[]> = Object.fromEntries(variants.map((v) => [v, []]));
      const db: Record<string, number[]> = Object.fromEntries(variants.map((v) => [v, []]));
      for (let i = 0; i <= repeats; i++) {
        const cost = await measureCpuCost({ urls: Object.fromEntries(variants.map((v) => [v, `${stacks[v].gatewayUrl}/graphql`])), headers, body, rounds });
        console.log(`  ${w.name.padEnd(16)} ${i ? `#${i}` : 'warm-up'}: ${variants.map((v) => `${v} ${cost[v].node.toFixed(1)} + ${cost[v].db.toFixed(1)} ms (node + databases)`).join(', ')}`);
        if (i === 0) continue;
        for (const v of variants) {
          node[v].push(cost[v].node);
          db[v].push(cost[v].db);
        }
      }
      const spread = (xs: number[]) => {
        const s = [...xs].sort((a, b) => a - b);
        return `${s[Math.floor(s.length / 2)].toFixed(1)} ms (${s[0].toFixed(1)}–${s[s.length - 1].toFixed(1)})`;
      };
      for (const v of variants) console.log(`${w.name} ${v}: CPU per request, median (range): node ${spread(node[v])}, databases ${spread(db[v])}`);
      // Measured in the same batches' rounds, so the ratio of each repeat is steadier than either figure.
      for (const v of variants.slice(1)) {
        const saved = node[v].map((x, i) => (1 - node[variants[0]][i] / x) * 100);
        console.log(`${w.name}: ${variants[0]} takes this much less of this process's CPU than ${v}, median (range) of the repeats: ${spread(saved).replace(/ ms/, ' %')}`);
      }
    }
    return 0;
  } finally {
    for (const v of Object.keys(stacks)) await stacks[v].stop().catch((err) => console.error(`stopping the ${v} stack:`, err));
    security.policy.close();
    await dbs?.drop();
  }
}

runScript('cpuPerRequest', main);
