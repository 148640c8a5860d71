/**
 * The policy in force, reloaded without a restart: provider files and file grants from
 * `policies/`, plus grants from other sources (the application workflow adds them at run
 * time). A change takes effect within ~1 s; a broken file is rejected with a clear log line
 * and the last good policy stays in force — never fail open, never crash.
 */
import fs from 'node:fs';
import path from 'node:path';
import { loadPolicyDir, PolicyError, PolicySet } from './policySet';
import type { Grant } from './schema';
import { rootLogger } from '../log';
import { ROOT } from '../runtime/config';

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

export class PolicyStore {
  private filePolicy: PolicySet;
  private merged: PolicySet;
  private readonly sources: GrantSource[] = [];
  private readonly stops: Array<() => void> = [];
  private lastError: string | null = null;
  private fingerprint = '';

  private constructor(readonly dir: string, initial: PolicySet) {
    this.filePolicy = initial;
    this.merged = initial;
  }

  /** Loads `dir` once; throws PolicyError if the policy is invalid at start (refuse to serve). */
  static open(dir = policyDir()): PolicyStore {
    const store = new PolicyStore(dir, loadPolicyDir(dir));
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

  addGrantSource(source: GrantSource): void {
    this.sources.push(source);
    this.stops.push(source.onChange(() => this.remerge()));
    this.remerge();
  }

  /** Re-reads every grant source now: a grant approved or revoked in this process is in force on return. */
  async refreshGrants(): Promise<void> {
    await Promise.all(this.sources.map((s) => s.refresh?.()));
  }

  /** Re-reads the files now; returns whether the new policy is in force. */
  reload(): boolean {
    try {
      this.filePolicy = loadPolicyDir(this.dir);
      this.lastError = null;
      this.remerge();
      rootLogger.info({ policyRevision: this.merged.revision }, 'policy reloaded');
      return true;
    } catch (err) {
      const problems = err instanceof PolicyError ? err.problems : [(err as Error).message];
      this.lastError = problems.join('; ');
      rootLogger.error({ problems, policyRevision: this.merged.revision }, 'policy change rejected; the last good policy stays in force');
      return false;
    }
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
    const timer = setInterval(check, POLL_MS);
    timer.unref();
    this.stops.push(() => clearInterval(timer));
    try {
      const watcher = fs.watch(this.dir, { recursive: true }, () => check());
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
      rootLogger.error({ err }, 'grant update rejected; the last good policy stays in force');
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
