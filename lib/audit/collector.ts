/**
 * Collects, during one subgraph request, every decision taken on a personal field and
 * whose record it concerned. The policy rule calls `note` once per field per record (it
 * already has the decision at hand); at the end of the request the collector becomes one
 * access-log record.
 *
 * Kept cheap because it runs on every personal field of every row: a map lookup and a set
 * insertion per call, and the response path kept by reference (it is only turned into an
 * array if the log cannot be written and the data has to be withheld).
 */
import type { GraphQLResolveInfo } from 'graphql';
import type { AccessRead } from './entry';
import { describeDecision, type Decision } from '../policy/engine';

type ResponsePath = GraphQLResolveInfo['path'];

export class AccessCollector {
  /**
   * path → decision → subjects. Keyed by the decision object itself: the policy layer
   * memoises decisions per request, so there are only a handful, and nothing is formatted
   * until the request ends.
   */
  private readonly groups = new Map<string, Map<Decision, Set<string>>>();
  /** Where personal data was released in this response (to withhold it if logging fails). */
  private readonly released: ResponsePath[] = [];

  /** Whether this request read or was refused any personal data. */
  get touched(): boolean {
    return this.groups.size > 0;
  }

  /**
   * @param subject the record's key (身份号码 …); null when unknown (still logged, without it).
   * @param at the field's response path, for released (not denied) values.
   */
  note(path: string, decision: Decision, subject: string | null | undefined, at?: ResponsePath): void {
    let byDecision = this.groups.get(path);
    if (!byDecision) this.groups.set(path, (byDecision = new Map()));
    let subjects = byDecision.get(decision);
    if (!subjects) byDecision.set(decision, (subjects = new Set()));
    if (subject) subjects.add(subject);
    if (at) this.released.push(at);
  }

  /**
   * The reads, grouped: paths that got the same decision for the same subjects share one
   * group, so a 500-row list with ten personal fields is a handful of groups, not 5,000 rows.
   */
  reads(): AccessRead[] {
    // Distinct (decision, subject set) groups; sets are compared by content, and each
    // distinct one is sorted once — most fields of a list share the list's subjects.
    const groups: Array<{ decision: string; set: Set<string>; paths: string[] }> = [];
    for (const [path, byDecision] of this.groups) {
      for (const [d, set] of byDecision) {
        const decision = describeDecision(d);
        const same = groups.find((g) => g.decision === decision && sameSet(g.set, set));
        if (same) {
          if (!same.paths.includes(path)) same.paths.push(path);
        } else groups.push({ decision, set, paths: [path] });
      }
    }
    return groups
      .map((g) => ({ decision: g.decision, paths: g.paths.sort(), subjects: [...g.set].sort() }))
      .sort((a, b) => (a.decision + a.paths[0]).localeCompare(b.decision + b.paths[0]));
  }

  /** Response paths of released personal values, as arrays (`['_entities', 3, 'phone']`). */
  releasedPaths(): Array<Array<string | number>> {
    return this.released.map(pathToArray);
  }
}

function sameSet(a: Set<string>, b: Set<string>): boolean {
  if (a === b) return true;
  if (a.size !== b.size) return false;
  for (const x of a) if (!b.has(x)) return false;
  return true;
}

function pathToArray(path: ResponsePath): Array<string | number> {
  const out: Array<string | number> = [];
  for (let p: ResponsePath | undefined = path; p; p = p.prev) out.push(p.key);
  return out.reverse();
}
