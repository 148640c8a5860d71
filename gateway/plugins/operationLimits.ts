/**
 * Operation limits, decided before Apollo Server parses, validates or plans anything, and so
 * before any subgraph is called: tokens, depth, aliases, root fields, directives and a cost
 * that multiplies by list sizes (README "Operation limits"; lib/operationLimits.ts).
 *
 * Why not in Apollo's pipeline: its first hook that can answer a request runs after the
 * document has been parsed in full and validated — and graphql-js validation is itself the
 * expensive part for the documents these limits exist for (OverlappingFieldsCanBeMerged
 * compares every pair of same-named fields: a few thousand aliases or duplicated fields keep
 * the event loop busy for seconds), as is the query planner after it. So the gateway's
 * context factory, which runs before all of that, calls {@link OperationLimiter.check}:
 *
 * 1. graphql-js `parse(…, { maxTokens })` stops reading at the token limit, so a megabyte of
 *    document costs as much to refuse as the limit's worth of tokens;
 * 2. depth, aliases and directives are measured by graphql-armor's rules (fragments expanded
 *    once each, memoised — cycles and fragment explosions cost nothing), run on their own,
 *    without the standard rules;
 * 3. root fields and the cost (gateway/plugins/operationCost.ts) are measured here, likewise
 *    memoised per fragment.
 *
 * Armor's rules only measure (their own limits are set to infinity): the decision, the code
 * (QUERY_TOO_COMPLEX, never armor's) and the message are ours. Every operation of a document
 * is held to the limits, not only the one `operationName` picks.
 */
import {
  GraphQLError,
  Kind,
  Lexer,
  parse,
  Source,
  TokenKind,
  validate,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValidationRule,
} from 'graphql';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDirectivesRule } from '@escape.tech/graphql-armor-max-directives';
import { errors } from '../../lib/errors';
import type { OperationLimitName, OperationLimits } from '../../lib/operationLimits';
import { estimateCost } from './operationCost';

/** What was measured of a document: the largest value over its operations. */
export type OperationMeasures = Record<OperationLimitName, number>;

/** The order limits are checked in; the first one exceeded is reported. */
const ORDER: OperationLimitName[] = ['tokens', 'depth', 'aliases', 'rootFields', 'directives', 'cost'];

const DESCRIBE: Record<OperationLimitName, (max: number, actual: number, limits: OperationLimits) => string> = {
  tokens: (max) => `The document has more than ${max} tokens; parsing stopped there.`,
  depth: (max, actual) => `The operation nests fields ${actual} deep; at most ${max} are allowed.`,
  aliases: (max, actual) => `The operation has ${actual} aliases; at most ${max} are allowed.`,
  rootFields: (max, actual) => `The operation asks for ${actual} root fields; at most ${max} are allowed.`,
  directives: (max, actual) => `The operation has ${actual} directives; at most ${max} are allowed.`,
  cost: (max, actual, limits) =>
    `The operation's estimated cost is ${Number.isFinite(actual) ? actual : 'unbounded'}; at most ${max} is allowed. ` +
    `Each value counts 1, times the size of the lists around it (\`first\`, the length of a list argument, else ${limits.defaultListSize}): ask for fewer items or nest fewer lists.`,
};

/** A GraphQL request body as express.json left it: an object, or an array (a batch). */
interface RequestBody {
  query?: unknown;
  variables?: unknown;
}

export class OperationLimiter {
  private schema?: GraphQLSchema;

  constructor(readonly limits: OperationLimits) {}

  /** The API schema the cost reads list types from (the gateway calls this on every schema load). */
  setSchema(schema: GraphQLSchema): void {
    this.schema = schema;
  }

  /**
   * Throws QUERY_TOO_COMPLEX (HTTP 400) if any operation of the request is over a limit.
   * Bodies that are not GraphQL requests pass untouched: Apollo Server refuses them itself
   * (a document that does not parse for another reason than its length, too).
   */
  check(body: unknown): void {
    for (const request of Array.isArray(body) ? body : [body]) {
      if (!request || typeof request !== 'object') continue;
      const { query, variables } = request as RequestBody;
      if (typeof query !== 'string') continue;
      const vars = variables && typeof variables === 'object' && !Array.isArray(variables) ? (variables as Record<string, unknown>) : undefined;
      const refusal = this.refusal(this.measure(query, vars));
      if (refusal) throw refusal;
    }
  }

  /**
   * Measures a document against the limits; stops early at the token limit (then only
   * `tokens` is set, to the limit + 1). Undefined when the document does not parse for
   * another reason.
   */
  measure(query: string, variables?: Record<string, unknown>): Partial<OperationMeasures> | undefined {
    const maxTokens = this.limits.tokens > 0 ? this.limits.tokens : undefined;
    let document: DocumentNode;
    try {
      document = parse(new Source(query), { maxTokens, noLocation: true });
    } catch (err) {
      if (!(err instanceof GraphQLError)) throw err;
      // Whether it stopped at the limit or at a syntax error before it: count up to the limit.
      return maxTokens !== undefined && countTokens(query, maxTokens + 1) > maxTokens ? { tokens: maxTokens + 1 } : undefined;
    }
    return this.measureDocument(document, query, variables);
  }

  private measureDocument(document: DocumentNode, query: string, variables?: Record<string, unknown>): OperationMeasures {
    const measures: OperationMeasures = { tokens: countTokens(query, Infinity), depth: 0, aliases: 0, rootFields: 0, directives: 0, cost: 0 };
    const fragments = new Map<string, FragmentDefinitionNode>();
    const operations: OperationDefinitionNode[] = [];
    for (const def of document.definitions) {
      if (def.kind === Kind.FRAGMENT_DEFINITION) fragments.set(def.name.value, def);
      else if (def.kind === Kind.OPERATION_DEFINITION) operations.push(def);
    }
    const schema = this.schema;
    if (schema) {
      // Armor's rules with no limit of their own report every operation's value to onAccept.
      const keep = (name: 'depth' | 'aliases' | 'directives') => [(_ctx: unknown, details: { n: number }) => {
        measures[name] = Math.max(measures[name], details.n);
      }];
      const rules: ValidationRule[] = [
        maxDepthRule({ n: Infinity, ignoreIntrospection: false, flattenFragments: true, onAccept: keep('depth'), propagateOnRejection: false }),
        maxAliasesRule({ n: Infinity, onAccept: keep('aliases'), propagateOnRejection: false }),
        maxDirectivesRule({ n: Infinity, onAccept: keep('directives'), propagateOnRejection: false }),
      ] as unknown as ValidationRule[];
      validate(schema, document, rules);
    }
    const rootFieldMemo = new Map<string, number>();
    for (const op of operations) {
      measures.rootFields = Math.max(measures.rootFields, countRootFields(op.selectionSet, fragments, rootFieldMemo, new Set()));
      if (schema) measures.cost = Math.max(measures.cost, estimateCost(schema, op, fragments, variables, this.limits));
    }
    return measures;
  }

  /** The QUERY_TOO_COMPLEX error for the first limit the measures exceed, if any. */
  refusal(measures: Partial<OperationMeasures> | undefined): GraphQLError | undefined {
    if (!measures) return undefined;
    for (const limit of ORDER) {
      const max = this.limits[limit];
      const actual = measures[limit];
      if (max > 0 && actual !== undefined && actual > max) {
        // A fragment explosion can overflow to Infinity, which JSON would send as null.
        return errors.queryTooComplex(limit, max, Number.isFinite(actual) ? actual : Number.MAX_VALUE, DESCRIBE[limit](max, actual, this.limits));
      }
    }
    return undefined;
  }
}

/** Tokens of `query` (comments and commas are not tokens), counting no further than `stopAt`. */
function countTokens(query: string, stopAt: number): number {
  const lexer = new Lexer(new Source(query));
  let n = 0;
  try {
    while (n < stopAt && lexer.advance().kind !== TokenKind.EOF) n++;
  } catch {
    // A lexical error: what was counted so far stands.
  }
  return n;
}

/** Fields at the root of an operation, through inline fragments and fragment spreads (memoised). */
function countRootFields(
  set: SelectionSetNode,
  fragments: ReadonlyMap<string, FragmentDefinitionNode>,
  memo: Map<string, number>,
  expanding: Set<string>,
): number {
  let n = 0;
  for (const selection of set.selections) {
    if (selection.kind === Kind.FIELD) {
      if (selection.name.value !== '__typename') n++;
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      n += countRootFields(selection.selectionSet, fragments, memo, expanding);
    } else {
      const name = selection.name.value;
      let count = memo.get(name);
      if (count === undefined) {
        const def = fragments.get(name);
        // Unknown or cyclic: validation refuses the document afterwards.
        if (!def || expanding.has(name)) continue;
        expanding.add(name);
        count = countRootFields(def.selectionSet, fragments, memo, expanding);
        expanding.delete(name);
        memo.set(name, count);
      }
      n += count;
    }
  }
  return n;
}
