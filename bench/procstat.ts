/**
 * What the kernel says about a process (Linux /proc): its CPU time and its peak resident set.
 * `npm run bench` reads them for each of its processes around each side's measured window.
 * Elsewhere than Linux every reading is `undefined` and the report says so.
 */
import fs from 'node:fs';

/** USER_HZ: the unit of /proc/<pid>/stat's times. 100 on every Linux this runs on. */
export const TICKS_PER_SECOND = 100;

/**
 * utime + stime of a /proc/<pid>/stat line, in milliseconds (every thread of the process: the
 * event loop, GC, libuv's pool, a PGlite engine in it). `children`: plus cutime + cstime, the
 * CPU of children it has waited for (how PostgreSQL's postmaster keeps its ended backends').
 * The command name (field 2) may hold spaces and parentheses: fields are counted after its last `)`.
 */
export function parseStatCpuMs(stat: string, children = false): number {
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // After the name: [0] state, [1] ppid … [11] utime, [12] stime, [13] cutime, [14] cstime.
  const ticks = Number(fields[11]) + Number(fields[12]) + (children ? Number(fields[13]) + Number(fields[14]) : 0);
  if (!Number.isFinite(ticks)) throw new Error(`not a /proc/<pid>/stat line: ${stat.slice(0, 80)}`);
  return (ticks * 1000) / TICKS_PER_SECOND;
}

/** The parent pid of a /proc/<pid>/stat line. */
export function parseStatParent(stat: string): number {
  return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
}

/** A `Vm…:  1234 kB` line of /proc/<pid>/status, in kB (undefined when absent). */
export function parseStatusKb(status: string, field: 'VmHWM' | 'VmRSS'): number | undefined {
  const m = new RegExp(`^${field}:\\s+(\\d+)\\s+kB`, 'm').exec(status);
  return m ? Number(m[1]) : undefined;
}

const read = (file: string): string | undefined => {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
};

/** The CPU a process has spent so far, ms (undefined: not Linux, or it ended). */
export function processCpuMs(pid: number): number | undefined {
  const stat = read(`/proc/${pid}/stat`);
  return stat === undefined ? undefined : parseStatCpuMs(stat);
}

/** The process's peak resident set since it started or since {@link resetPeakRss}, kB. */
export function peakRssKb(pid: number): number | undefined {
  const status = read(`/proc/${pid}/status`);
  return status === undefined ? undefined : parseStatusKb(status, 'VmHWM');
}

/**
 * Resets the process's VmHWM to its present RSS (writing 5 to /proc/<pid>/clear_refs, Linux
 * ≥ 4.0; the process must be ours), so the next reading is the peak of what follows. False
 * when the kernel refused: the peak is then the process's since it started.
 */
export function resetPeakRss(pid: number): boolean {
  try {
    fs.writeFileSync(`/proc/${pid}/clear_refs`, '5');
    return true;
  } catch {
    return false;
  }
}

function readComm(pid: string): string | undefined {
  return read(`/proc/${pid}/comm`)?.trim();
}

/**
 * utime + stime of every local PostgreSQL and MariaDB process, in ms (0 when there is none,
 * or not Linux), plus the CPU of PostgreSQL backends that have already exited (the
 * postmaster's cutime + cstime): a pooled connection closing must not make the count go down.
 * Every client's work on those servers counts, not only ours: on a shared machine, read it
 * with that in mind.
 */
export function databaseCpuMs(): number {
  let entries: string[];
  try {
    entries = fs.readdirSync('/proc').filter((e) => /^\d+$/.test(e));
  } catch {
    return 0;
  }
  let total = 0;
  for (const pid of entries) {
    const comm = readComm(pid);
    if (!comm || !/^(postgres|mariadbd|mysqld)$/.test(comm)) continue;
    const stat = read(`/proc/${pid}/stat`);
    if (!stat) continue; // it ended meanwhile
    // Only the postmaster (whose parent is no postgres) adds its children's time, once.
    const parentIsPostgres = comm === 'postgres' && readComm(String(parseStatParent(stat))) === 'postgres';
    total += parseStatCpuMs(stat, !parentIsPostgres);
  }
  return total;
}
