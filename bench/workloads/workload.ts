/**
 * A benchmark workload: one GraphQL request, always the same bytes, plus the checks that
 * prove the answer is real data (a benchmark of an error page is worthless).
 */
import type { World } from '../../lib/synthetic';

export type PolicyMode = 'on' | 'off';

export interface GraphQLBody {
  data?: Record<string, any> | null;
  errors?: Array<{ message: string; path?: Array<string | number>; extensions?: Record<string, any> }>;
}

export interface Workload {
  /** Short name: table rows and JSON keys. */
  name: string;
  /** One line for the table and the README. */
  description: string;
  /** The request, built once from the seeded world. */
  request(world: World): { query: string; variables?: Record<string, unknown> };
  /**
   * Problems with one answer from the stack with policies `on` or `off`; [] = good. `on`
   * must show what the policy does (masking), `off` that the policy layer really is absent.
   */
  check(body: GraphQLBody, mode: PolicyMode): string[];
}

/** The errors of an answer, one short line each (code and path, never a wall of text). */
export function errorLines(body: GraphQLBody): string[] {
  return (body.errors ?? []).slice(0, 5).map((e) => `error ${String(e.extensions?.code ?? '?')} at ${(e.path ?? []).join('.') || '(root)'}: ${e.message}`);
}
