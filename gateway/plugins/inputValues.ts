/**
 * Input the departments cannot take is refused at the gateway, before anything is planned or
 * any subgraph is called, as what it is — the client's mistake, BAD_USER_INPUT — instead of
 * being relayed to a department that then fails on it (DOWNSTREAM_SERVICE_ERROR for the
 * client, a masked crash in the department's log). Found by test/security/injection.test.ts:
 *
 * - **A NUL character (U+0000)** in any string, inline or in a variable: PostgreSQL text
 *   cannot hold one ("invalid byte sequence for encoding UTF8: 0x00"), so any argument that
 *   reached SQL failed there; no record of a department has one.
 * - **A Date or DateTime that is not one**: the API schema @apollo/gateway builds from the
 *   supergraph has the custom scalars without parsing, so any string passed the gateway, and
 *   the subgraph's own scalar (lib/scalars.ts) refused it with HTTP 400 — which the gateway
 *   reports as that subgraph failing. {@link checkCustomScalars} gives the API schema's
 *   scalars the subgraphs' parsers, so graphql-js refuses such values in validation (inline)
 *   or variable coercion (BAD_USER_INPUT) like any other wrong type.
 * - **A Float literal too large for a double** (`lat: 1e+3308`): graphql-js parses it to
 *   Infinity without complaint, and the query planner then fails on it ("Float cannot
 *   represent non numeric value") — an unexpected error, HTTP 500, found by
 *   test/security/fuzz.test.ts. {@link FiniteFloatLiterals} refuses it in validation. In a
 *   variable, graphql-js's own coercion refuses it already (JSON has no Infinity).
 */
import { GraphQLError, isScalarType, Kind, visit, type DocumentNode, type GraphQLSchema, type ValidationRule } from 'graphql';
import type { ApolloServerPlugin } from '@apollo/server';
import { errors } from '../../lib/errors';
import { DateScalar, DateTimeScalar } from '../../lib/scalars';
import type { GatewayContext } from '../context';

/** Sets the subgraphs' parsing on the API schema's Date and DateTime (call on every schema load). */
export function checkCustomScalars(apiSchema: GraphQLSchema): void {
  for (const implementation of [DateScalar, DateTimeScalar]) {
    const type = apiSchema.getType(implementation.name);
    if (!isScalarType(type)) continue;
    type.parseValue = implementation.parseValue;
    type.parseLiteral = implementation.parseLiteral;
  }
}

/** Validation rule: every Float literal of the document is a finite number (GRAPHQL_VALIDATION_FAILED otherwise). */
export const FiniteFloatLiterals: ValidationRule = (context) => ({
  FloatValue(node) {
    if (!Number.isFinite(Number(node.value))) {
      const shown = node.value.length > 24 ? `${node.value.slice(0, 24)}…` : node.value;
      context.reportError(new GraphQLError(`Float ${shown} is out of range: it must be a finite number of at most about 1.8e308.`, { nodes: node }));
    }
  },
});

const hasNul = (s: string) => s.includes('\u0000');

function nulInValue(value: unknown): boolean {
  if (typeof value === 'string') return hasNul(value);
  if (Array.isArray(value)) return value.some(nulInValue);
  if (value && typeof value === 'object') return Object.entries(value).some(([k, v]) => hasNul(k) || nulInValue(v));
  return false;
}

function nulInDocument(document: DocumentNode): boolean {
  let found = false;
  visit(document, {
    [Kind.STRING]: (node) => {
      if (hasNul(node.value)) found = true;
    },
  });
  return found;
}

/** Refuses a request with U+0000 in any string of its document or variables (HTTP 400). */
export function refuseNulCharacters(): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        // After validation (the document is parsed), before the gateway plans or fetches.
        async didResolveOperation({ document, request }) {
          if (nulInDocument(document) || nulInValue(request.variables)) {
            const error = errors.badUserInput('A string argument contains the NUL character (U+0000), which no record can hold.');
            (error.extensions as Record<string, unknown>).http = { status: 400 };
            throw error;
          }
        },
      };
    },
  };
}
