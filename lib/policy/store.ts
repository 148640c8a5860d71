/**
 * The policy in force, reloaded without a restart: provider files and file grants from
 * `policies/`, plus grants from other sources (the application workflow adds them at run
 * time). A change takes effect within ~1 s; a broken file is rejected with a clear log line
 * and the last good policy stays in force — never fail open, never crash.
 *
 * One change, one log line: file events are debounced until the files stop changing (an editor
 * saves in several writes), a reload that finds the revision unchanged says nothing, and a
 * rejection is not repeated while the files stay broken the same way.
 */
import fs from 'node:fs';
import path from 'node:path';
import { loadPolicyDir, PolicyError, PolicySet } from './policySet';
import type { Grant } from './schema';
import { rootLogger, type Logger } from '../log';
import { ROOT } from '../config';

/**
 * A source of grants outside the policy files (e.g. the sharing subgraph's approvals). Its
 * grants join the policy in force but never its revision, which is the files' alone
 * (lib/policy/policySet.ts `policyRevision`).
 */
export interface GrantSource {
  /** The grants in force now. */
  current(): { grants: Grant[] };
  onChange(listener: () => void): () => void;
  /** Re-reads now (after a change made in this process), if the source can. */
  refresh?(): Promise<void>;
}

/** GOVGRAPH_POLICY_DIR. @default `<repo>/policies` */
export function policyDir(): string {
  return process.env.GOVGRAPH_POLICY_DIR ?? path.join(ROOT, 'policies');
}

/**
 * Poll interval for policy files. fs.watch is used too, but it misses events on some file
 * systems (network mounts, editors that replace files); polling bounds the delay at this.
 * @default 500 ms — well inside the 2 s the product promises.
 */
const POLL_MS = 500;

/**
 * Quiet time after the last file event before the files are read. @default 100 ms — longer than
 * an editor takes between the writes of one save (truncate, write, write), short enough to keep
 * a change in force well inside the 2 s promised.
 */
const SETTLE_MS = 100;

export interface PolicyStoreOptions {
  /** Where reloads and rejections are logged. @default the root logger */
  log?: Logger;
}

export class PolicyStore {
  private filePolicy: PolicySet;
  private merged: PolicySet;
  private readonly sources: GrantSource[] = [];
  private readonly stops: Array<() => void> = [];
  private readonly revisionListeners = new Set<(revision: string) => void>();
  private lastError: string | null = null;
  private fingerprint = '';
  private settling?: NodeJS.Timeout;

  private constructor(readonly dir: string, initial: PolicySet, private readonly log: Logger) {
    this.filePolicy = initial;
    this.merged = initial;
  }

  /** Loads `dir` once; throws PolicyError if the policy is invalid at start (refuse to serve). */
  static open(dir = policyDir(), options: PolicyStoreOptions = {}): PolicyStore {
    const store = new PolicyStore(dir, loadPolicyDir(dir), options.log ?? rootLogger);
    store.fingerprint = fingerprintOf(dir);
    return store;
  }

  /** The policy to decide with; take it once per request so one request sees one revision. */
  get current(): PolicySet {
    return this.merged;
  }

  /** Last reload problem, for /readyz and the operator; null when the files are valid. */
  get problem(): string | null {
    return this.lastError;
  }

  /**
   * Calls `listener` with each new revision once it is in force (every request decided from
   * then on uses it). Returns the function that stops the calls.
   */
  onRevision(listener: (revision: string) => void): () => void {
    this.revisionListeners.add(listener);
    return () => this.revisionListeners.delete(listener);
  }

  addGrantSource(source: GrantSource): void {
    this.sources.push(source);
    this.stops.push(source.onChange(() => this.remerge()));
    this.remerge();
  }

  /** Re-reads every grant source now: a grant approved or revoked in this process is in force on return. */
  async refreshGrants(): Promise<void> {
    await Promise.all(this.sources.map((s) => s.refresh?.()));
  }

  /**
   * Re-reads the files now; returns whether they are valid (the policy they hold is in force).
   * Logs one line when something changed: a new revision, or the files turning valid or
   * broken (or broken another way) — nothing when a re-read finds what is already known.
   */
  reload(): boolean {
    let loaded: PolicySet;
    try {
      loaded = loadPolicyDir(this.dir);
    } catch (err) {
      const problems = err instanceof PolicyError ? err.problems : [(err as Error).message];
      const problem = problems.join('; ');
      if (problem !== this.lastError) {
        const more = problems.length > 1 ? ` (and ${problems.length - 1} more)` : '';
        this.log.error(
          { problems, policyRevision: this.filePolicy.revision },
          `policy change rejected, revision ${this.filePolicy.revision} stays in force: ${problems[0]}${more}`,
        );
      }
      this.lastError = problem;
      return false;
    }
    const previous = this.filePolicy.revision;
    const wasBroken = this.lastError !== null;
    this.lastError = null;
    if (loaded.revision === previous) {
      // Same content (a touched file, an edit undone, the calendar): the policy in force stands.
      if (wasBroken) this.log.info({ policyRevision: previous }, `policy files valid again; revision ${previous} stays in force`);
      return true;
    }
    this.filePolicy = loaded;
    this.remerge();
    this.log.info({ policyRevision: loaded.revision, previousRevision: previous }, `policy reloaded: revision ${loaded.revision}`);
    for (const listener of this.revisionListeners) listener(loaded.revision);
    return true;
  }

  /** Starts watching the policy directory. */
  watch(): this {
    const check = () => {
      const fp = fingerprintOf(this.dir);
      if (fp !== this.fingerprint) {
        this.fingerprint = fp;
        this.reload();
      }
    };
    // Every signal of a change (a file event, a poll that sees new sizes or mtimes) restarts
    // the quiet period; the files are read once they have been still for SETTLE_MS.
    const settle = () => {
      clearTimeout(this.settling);
      this.settling = setTimeout(check, SETTLE_MS);
      this.settling.unref();
    };
    const timer = setInterval(() => {
      if (fingerprintOf(this.dir) !== this.fingerprint) settle();
    }, POLL_MS);
    timer.unref();
    this.stops.push(() => clearInterval(timer), () => clearTimeout(this.settling));
    try {
      const watcher = fs.watch(this.dir, { recursive: true }, settle);
      watcher.on('error', () => undefined); // polling still covers it
      this.stops.push(() => watcher.close());
    } catch {
      // recursive watch is unsupported on some platforms; polling covers it
    }
    return this;
  }

  close(): void {
    for (const stop of this.stops.splice(0)) stop();
  }

  private remerge(): void {
    if (!this.sources.length) {
      this.merged = this.filePolicy;
      return;
    }
    const grants = [...this.filePolicy.grants.values(), ...this.sources.flatMap((s) => s.current().grants)];
    try {
      this.merged = this.filePolicy.withGrants(grants);
    } catch (err) {
      this.log.error({ err }, 'grant update rejected; the last good policy stays in force');
    }
  }
}

/** Names, sizes and mtimes of every YAML file: cheap to compute twice a second. */
function fingerprintOf(dir: string): string {
  const parts: string[] = [];
  const walk = (d: string) => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(d, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries.sort((a, b) => a.name.localeCompare(b.name))) {
      const full = path.join(d, e.name);
      if (e.isDirectory()) walk(full);
      else if (/\.ya?ml$/.test(e.name)) {
        const st = fs.statSync(full, { throwIfNoEntry: false });
        if (st) parts.push(`${full}:${st.size}:${st.mtimeMs}`);
      }
    }
  };
  walk(dir);
  return parts.join('|');
}
