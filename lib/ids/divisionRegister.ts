/**
 * Which division codes a department serves, for checking arguments: a code of the right
 * format (checkDivisionCode) that the department's own code table does not hold is refused
 * with BAD_USER_INPUT saying so, instead of silently matching nothing.
 *
 * Each department reads its *own* table (it cannot ask another department's database). The
 * set is loaded once, on first use, and kept for `ttlMs`; after that the next check still
 * answers at once from the set it has while a fresh copy is read in the background, so a
 * check costs no SQL on the hot path and an added division shows within about a minute.
 */
import { errors } from '../errors';
import type { Logger } from '../log';
import { checkDivisionCode, parentDivisionCode } from './division';

export interface DivisionEntry {
  code: string;
  name: string;
}

export interface DivisionRegisterOptions {
  /** Reads every code of the department's code table (one statement). */
  load(): Promise<DivisionEntry[]>;
  /** The code table's name, for logs (e.g. `XZQH`, `DM_XZQH`). */
  table: string;
  /**
   * How long a loaded set is used before it is re-read in the background. Division codes
   * change a few times a year (GB/T 2260 is revised yearly); a minute keeps a changed table
   * visible soon after without reading it per request. @default 60000
   */
  ttlMs?: number;
  log?: Logger;
  /** @default Date.now */
  now?(): number;
}

/** One loaded copy of the code table. */
export interface ServedDivisions {
  names: ReadonlyMap<string, string>;
  /** What is served, in words, e.g. `江苏省 320000 › 南京市 320100 and its 11 districts (区县)`. */
  summary: string;
  loadedAt: number;
}

export const DEFAULT_DIVISION_TTL_MS = 60_000;

const LEVEL_WORDS: Record<number, string> = {
  1: 'provinces (省)',
  2: 'prefecture-level cities (市)',
  3: 'districts (区县)',
  4: 'townships/streets (乡镇街道)',
};

const levelOf = (code: string) => {
  const r = checkDivisionCode(code);
  return r.ok ? r.level : 0;
};

/** A short description of a set of codes: the chain down to where it branches, then counts per level. */
export function describeDivisions(names: ReadonlyMap<string, string>): string {
  if (!names.size) return 'none: the code table is empty';
  const parentIn = (code: string) => {
    const p = parentDivisionCode(code);
    return p !== null && names.has(p) ? p : null;
  };
  const children = new Map<string, string[]>();
  const roots: string[] = [];
  for (const code of [...names.keys()].sort()) {
    const p = parentIn(code);
    if (p === null) roots.push(code);
    else children.set(p, [...(children.get(p) ?? []), code]);
  }
  const label = (code: string) => `${names.get(code)} ${code}`;
  if (roots.length > 1) {
    const shown = roots.slice(0, 3).map(label).join(', ');
    return `${names.size} divisions under ${roots.length} top-level codes: ${shown}${roots.length > 3 ? ', …' : ''}`;
  }
  const chain = [roots[0]];
  for (let next = children.get(roots[0]); next?.length === 1 && children.has(next[0]); next = children.get(chain[chain.length - 1])) chain.push(next[0]);
  const counts = new Map<number, number>();
  const walk = (code: string) => {
    for (const c of children.get(code) ?? []) {
      counts.set(levelOf(c), (counts.get(levelOf(c)) ?? 0) + 1);
      walk(c);
    }
  };
  walk(chain[chain.length - 1]);
  const below = [...counts].sort(([a], [b]) => a - b).map(([level, n]) => `${n} ${LEVEL_WORDS[level] ?? 'divisions'}`);
  return chain.map(label).join(' › ') + (below.length ? ` and its ${below.join(' and ')}` : '');
}

export class DivisionRegister {
  private current?: ServedDivisions;
  private loading?: Promise<ServedDivisions>;

  constructor(private readonly options: DivisionRegisterOptions) {}

  /**
   * Why `value` cannot be used as a division code here, or undefined if it can: the format
   * first (no table needed), then the code table. Phrased to follow `<argument> "<value>"`.
   */
  async problem(value: string): Promise<string | undefined> {
    const format = checkDivisionCode(value);
    if (!format.ok) return `is not a valid division code: ${format.problem}`;
    const served = await this.served();
    if (served.names.has(value)) return undefined;
    const kind = value.length === 9 ? 'township code (GB/T 2260 county + 3 digits)' : 'GB/T 2260 code';
    let nearest: string | null = parentDivisionCode(value);
    while (nearest !== null && !served.names.has(nearest)) nearest = parentDivisionCode(nearest);
    const hint = nearest !== null ? `; the nearest division above it that is served is ${served.names.get(nearest)} ${nearest}` : '';
    return `is a well-formed ${kind}, but no such division is served here (${served.summary})${hint}`;
  }

  /** `value`, if it is a division code the table holds; otherwise BAD_USER_INPUT naming `argumentName`. */
  async require(value: string, argumentName: string): Promise<string> {
    const problem = await this.problem(value);
    if (problem) throw errors.badUserInput(`${argumentName} "${value}" ${problem}.`, argumentName);
    return value;
  }

  /**
   * The codes served: loaded on first use (concurrent callers share the one load); once older
   * than the TTL, answered from the copy at hand while a fresh one is read in the background.
   * A failed refresh keeps the old copy (logged) and is retried after another TTL.
   */
  async served(): Promise<ServedDivisions> {
    if (!this.current) return this.loading ?? this.start();
    if (this.now() - this.current.loadedAt >= this.ttl() && !this.loading) {
      this.start().catch((err) => {
        const kept = this.current!;
        this.options.log?.warn({ err, table: this.options.table }, 'could not refresh the division code table; keeping the copy loaded before');
        this.current = { ...kept, loadedAt: this.now() };
      });
    }
    return this.current;
  }

  /** One load at a time; `loading` is cleared when it settles, whichever way. */
  private start(): Promise<ServedDivisions> {
    const loading = this.load().finally(() => {
      if (this.loading === loading) this.loading = undefined;
    });
    this.loading = loading;
    return loading;
  }

  private async load(): Promise<ServedDivisions> {
    const rows = await this.options.load();
    const names = new Map(rows.map((r) => [r.code.trim(), r.name]));
    if (!names.size) this.options.log?.warn({ table: this.options.table }, 'the division code table is empty: every division code argument will be refused');
    this.current = { names, summary: describeDivisions(names), loadedAt: this.now() };
    return this.current;
  }

  private now(): number {
    return this.options.now?.() ?? Date.now();
  }

  private ttl(): number {
    return this.options.ttlMs ?? DEFAULT_DIVISION_TTL_MS;
  }
}
