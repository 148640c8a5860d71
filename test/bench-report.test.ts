/**
 * `npm run bench`'s arithmetic (bench/report.ts) and its reading of /proc (bench/procstat.ts):
 * a wrong ratio or a misread CPU field would print PASS for a missed target, or the reverse.
 */
import fs from 'node:fs';
import { parseStatCpuMs, parseStatParent, parseStatusKb, peakRssKb, processCpuMs, resetPeakRss } from '../bench/procstat';
import { capacityTarget, median, ratios, sideTargets, summariseSide, targetLine, type SideRun } from '../bench/report';

const run = (rps: number, over: Partial<SideRun> = {}): SideRun => ({
  rps,
  p50: 100,
  p95: 150,
  p99: 200,
  requests: 100,
  sent: 104,
  cpu: { gateway: 10, backend: 20, databases: 5 },
  sql: 3,
  peakRssKb: { gateway: 1000, backend: 2000 },
  ...over,
});

describe('/proc parsing', () => {
  // A command name with spaces and a parenthesis, as a thread or a renamed process can have.
  const stat = '4242 (node (bench) x) S 17 4242 4242 0 -1 4194560 5000 0 0 0 1234 567 89 10 20 0 11 0 100 1000000 20000';

  it('reads utime + stime after the last parenthesis, in ms (100 ticks per second)', () => {
    expect(parseStatCpuMs(stat)).toBe((1234 + 567) * 10);
    expect(parseStatCpuMs(stat, true)).toBe((1234 + 567 + 89 + 10) * 10);
    expect(parseStatParent(stat)).toBe(17);
  });

  it('refuses a line that is not one', () => {
    expect(() => parseStatCpuMs('garbage')).toThrow(/not a \/proc/);
  });

  it('reads VmHWM and VmRSS in kB', () => {
    const status = 'Name:\tnode\nVmPeak:\t  999999 kB\nVmHWM:\t  123456 kB\nVmRSS:\t   65432 kB\n';
    expect(parseStatusKb(status, 'VmHWM')).toBe(123456);
    expect(parseStatusKb(status, 'VmRSS')).toBe(65432);
    expect(parseStatusKb('Name:\tnode\n', 'VmHWM')).toBeUndefined();
  });

  const linux = process.platform === 'linux' ? it : it.skip;
  linux('reads this process: its CPU as Node counts it (to the tick), the peak RSS can be reset', () => {
    const before = processCpuMs(process.pid)!;
    const node0 = process.cpuUsage();
    let spin = 0;
    // 150 ms of this thread's CPU, however busy the machine is (wall time would not do).
    while (process.cpuUsage(node0).user + process.cpuUsage(node0).system < 150_000) spin++;
    const node = process.cpuUsage(node0);
    expect(spin).toBeGreaterThan(0);
    // Other threads (GC, jest's) may add a little; the ticks are 10 ms.
    const procMs = processCpuMs(process.pid)! - before;
    expect(procMs).toBeGreaterThanOrEqual((node.user + node.system) / 1000 - 20);
    expect(procMs).toBeLessThan((node.user + node.system) / 1000 + 100);
    const peak = peakRssKb(process.pid)!;
    expect(peak).toBeGreaterThan(10_000);
    const rss = () => parseStatusKb(fs.readFileSync('/proc/self/status', 'utf8'), 'VmRSS')!;
    expect(peak).toBeGreaterThanOrEqual(rss() - 4096);
    // After a reset the peak is the present RSS again (a few MB of slack: the process keeps running).
    if (resetPeakRss(process.pid)) expect(Math.abs(peakRssKb(process.pid)! - rss())).toBeLessThan(4096);
  });
});

describe('a side summarised', () => {
  it('takes the median run by requests/s for throughput and latency, medians of the costs, the highest peak', () => {
    const s = summariseSide([
      run(10, { p50: 300, cpu: { gateway: 1, backend: 2, databases: 3 }, sql: 9, peakRssKb: { gateway: 500, backend: 9000 } }),
      run(30, { p50: 100, cpu: { gateway: 3, backend: 6, databases: 1 }, sql: 4 }),
      run(20, { p50: 200, cpu: { gateway: 2, backend: 4, databases: 2 }, sql: 5 }),
    ]);
    expect(s.rps).toBe(20);
    expect(s.p50).toBe(200);
    expect(s.runs).toEqual([10, 30, 20]);
    expect(s.cpu).toEqual({ gateway: 2, backend: 4, databases: 2, total: 8 });
    expect(s.sql).toBe(5);
    expect(s.peakRssKb).toEqual({ gateway: 1000, backend: 9000 });
  });

  it('with an even count, the lower middle', () => {
    expect(median([4, 1, 3, 2])).toBe(2);
    expect(summariseSide([run(5), run(7)]).rps).toBe(5);
  });

  it('refuses no runs', () => {
    expect(() => summariseSide([])).toThrow();
  });
});

describe('ratios and targets', () => {
  const govgraph = summariseSide([run(30, { p50: 90, cpu: { gateway: 10, backend: 20, databases: 0 } })]);
  const limit = summariseSide([run(300, { p50: 20, cpu: { gateway: 0, backend: 8, databases: 2 } })]);
  const hive = summariseSide([run(25)]);

  it('govgraph against the others', () => {
    const r = ratios({ govgraph, limit, hive });
    expect(r.throughputVsHive).toBeCloseTo(1.2);
    expect(r.p50VsLimit).toBeCloseTo(4.5);
    expect(r.cpuVsLimit).toBeCloseTo(3);
    expect(r.nodeCpuVsLimit).toBeCloseTo(30 / 8);
    expect(r.limitThroughputMultiple).toBeCloseTo(10);
    expect(r.throughputVsHiveRust).toBeUndefined();
  });

  it('judges each: ≥ 1.5× Hive fails at 1.2×, ≤ 3× the limit passes at exactly 3× and fails at 4.5×', () => {
    const t = sideTargets('persons500', ratios({ govgraph, limit, hive }), { 'hive-rust': 'not in this tree' });
    const by = (prefix: string) => t.find((x) => x.target.startsWith(prefix))!;
    expect(by('govgraph ≥ 1.5× hive requests').met).toBe(false);
    expect(by('govgraph p50').met).toBe(false);
    expect(by('govgraph CPU').met).toBe(true);
    // A side missing is said so, never judged.
    expect(t.some((x) => x.target.includes('hive-rust'))).toBe(false);
    expect(targetLine(by('govgraph ≥ 1.5× hive requests'))).toMatch(/^TARGET MISSED\s+persons500 .* 1\.20×$/);
    expect(targetLine(by('govgraph CPU'))).toMatch(/^PASS\s+persons500/);
  });

  it('a missing peer is NOT MEASURED with its reason', () => {
    const [hiveTarget] = sideTargets('flagship', ratios({ govgraph, limit }), { hive: 'gateway/hive/ not there yet' });
    expect(hiveTarget.met).toBeUndefined();
    expect(targetLine(hiveTarget)).toMatch(/^NOT MEASURED\s+flagship .*gateway\/hive\/ not there yet$/);
  });

  it('capacity with policies and the access log: CPU off ÷ on, at least 0.90', () => {
    expect(capacityTarget('person1', 'intl', 9, 10).met).toBe(true);
    expect(capacityTarget('person1', 'intl', 8.9, 10).met).toBe(false);
    expect(capacityTarget('person1', 'intl', 8.9, 10).value).toBeCloseTo(0.89);
    expect(capacityTarget('person1', 'intl', undefined, 10).met).toBeUndefined();
  });

  it('a CPU reading ≤ 0 (database servers read lower afterwards) is never judged, least of all PASS', () => {
    const negative = summariseSide([run(30, { cpu: { gateway: 10, backend: 20, databases: -45 } })]);
    const r = ratios({ govgraph: negative, limit });
    expect(r.cpuVsLimit).toBeUndefined();
    expect(sideTargets('persons500', r).find((t) => t.target.startsWith('govgraph CPU'))!.met).toBeUndefined();
    const t = capacityTarget('persons500', 'intl', 212, -10);
    expect(t.met).toBeUndefined();
    expect(targetLine(t)).toMatch(/^NOT MEASURED .*read lower/);
  });
});
