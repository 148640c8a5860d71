/**
 * The gateway's operation limits and their defaults (read from the environment by
 * lib/config.ts, enforced by gateway/plugins/operationLimits.ts, documented in the
 * README's "Operation limits"). Each is checked on the document before the gateway plans a
 * query or calls a subgraph; going over one is QUERY_TOO_COMPLEX naming it.
 */

/** The limits; `0` turns one off. */
export interface OperationLimits {
  /** Lexical tokens in the document (names, punctuation, values; not comments or commas). Parsing stops at the limit. */
  tokens: number;
  /** Fields nested in one another, fragments expanded (`{ person { name } }` is 2). */
  depth: number;
  /** Aliased fields in one operation, fragments expanded (`__typename` aliases are free). */
  aliases: number;
  /** Fields at the root of one operation, fragments expanded, `__typename` not counted. */
  rootFields: number;
  /** Directives (`@include`, `@skip` …) in one operation, fragments expanded. */
  directives: number;
  /** The estimated number of values the answer holds (gateway/plugins/operationCost.ts). */
  cost: number;
  /** In the cost: the size of a list that neither `first` nor a list argument bounds. */
  defaultListSize: number;
}

/** The names a QUERY_TOO_COMPLEX error's `extensions.limit` takes. */
export type OperationLimitName = Exclude<keyof OperationLimits, 'defaultListSize'>;

/**
 * Measured on every operation the README, the tests and bench/workloads/ send through the
 * gateway, and on GraphiQL's schema introspection: at most 181 tokens (the introspection;
 * data queries 127), depth 15 (the introspection's ofType chain; data queries 8), 2 aliases,
 * 5 root fields, no directives, cost 108 500 (test/e2e/batching.test.ts: 500 persons with
 * households, companies and real estate). The defaults leave at least twice that (five levels
 * for depth); test/security/operation-limits.test.ts holds the README's operations, the
 * benchmarks' and the introspection to it. The abuse the limits exist for is refused by
 * orders of magnitude: thousands of aliases, households nested dozens deep (each level
 * multiplies the cost by 5), megabyte documents (stopped at the token limit).
 */
export const DEFAULT_OPERATION_LIMITS: OperationLimits = {
  // graphql-armor's default too. Past ~1 000 tokens the standard validation that follows
  // (OverlappingFieldsCanBeMerged) can take tens of milliseconds on a crafted document.
  // Values in variables are not tokens: send long ID lists as variables.
  tokens: 1_000,
  depth: 20,
  aliases: 30,
  rootFields: 20,
  directives: 20,
  cost: 250_000,
  // The synthetic world's households have 2.9 members on average; a person represents or
  // holds shares in a few companies and holds a flat or two.
  defaultListSize: 5,
};
