/**
 * The Hive Gateway plugin that makes Hive a front of govgraph's subgraphs, doing what
 * govgraph's own gateway does between the verified caller and the departments — with
 * govgraph's own mechanisms, imported, never re-implemented:
 * - every subgraph fetch carries `x-govgraph-credential`, signed for the caller the request
 *   was authenticated as (./server.ts, gateway/plugins/identify.ts), addressed to that
 *   subgraph and bound to the exact body Hive sends (lib/identity, `withGatewayCredential`),
 *   with the request id, the client's operation name and document hash (for the access log);
 * - a subgraph's masked internal error is attributed to its department (gateway/datasource.ts);
 *   a transport failure is `DOWNSTREAM_SERVICE_ERROR` naming the subgraph, never the cause;
 * - as the answer leaves: errors masked (lib/http/maskErrors.ts), sealed keys shown in their
 *   display form and withheld ones reported (gateway/plugins/revealSealedKeys.ts), and only
 *   errors at what the client selected kept (gateway/plugins/clientPaths.ts).
 *
 * Not here — it is configuration of the runtime (./server.ts), and it must stay so: Hive's
 * upstream in-flight deduplication is OFF. It keys on URL, method and body, computed before
 * this plugin adds the credential, so with it on one caller receives another caller's
 * policy-decided answer (issue 13; test/e2e/hive-gateway.test.ts holds it off).
 */
import { createHash } from 'node:crypto';
import { getOperationAST, GraphQLError, type DocumentNode, type GraphQLFormattedError, type OperationDefinitionNode } from 'graphql';
import { errors } from '../../lib/errors';
import { withGatewayCredential, type CredentialSubject } from '../../lib/identity';
import { REQUEST_ID_HEADER } from '../../lib/requestContext';
import { maskErrors } from '../../lib/http/maskErrors';
import type { Logger } from '../../lib/log';
import type { Sealer } from '../../lib/policy/seal';
import type { Signer } from '../../lib/crypto';
import { attributeSubgraphErrors } from '../datasource';
import { revealSealedKeysIn } from '../plugins/revealSealedKeys';
import { clientErrors } from '../plugins/clientPaths';
import { nameSubject } from '../plugins/nameOperation';

/**
 * One client request as the plugin sees it: set by ./server.ts once the caller is verified,
 * handed to Hive as server context (`govgraph`), completed here as the request runs.
 */
export interface HiveRequestState {
  requestId: string;
  log: Logger;
  /** The verified caller with purpose and grant; every subgraph credential is signed for it. */
  subject: CredentialSubject;
  /** Hex SHA-256 of the client's document text (the credential's `oph`), as Apollo's queryHash. */
  queryHash?: string;
  /** The operation run and its document, once known (errors are kept at selected paths only). */
  operation?: OperationDefinitionNode;
  document?: DocumentNode;
}

/** The server-context key the state travels under. */
export const STATE_KEY = 'govgraph';

export interface GovgraphHivePluginOptions {
  gatewayKey: Signer;
  sealer: Sealer;
  /** Subgraph name → the URL Hive calls it at: the credential's audience is found by URL. */
  subgraphUrls: Record<string, string>;
  log: Logger;
}

/** Hex SHA-256 of a document's text, as Apollo Server's `queryHash` (the credential's `oph`). */
export function documentHash(query: string): string {
  return createHash('sha256').update(query).digest('hex');
}

function stateOf(context: unknown): HiveRequestState | undefined {
  return (context as Record<string, HiveRequestState | undefined> | undefined)?.[STATE_KEY];
}

/** A fetch's headers as a plain record (Hive passes a record; a Headers or a list is read through Headers). */
function headerRecord(headers: unknown): Record<string, string> {
  if (!headers) return {};
  if (headers instanceof Headers || Array.isArray(headers)) {
    const out: Record<string, string> = {};
    new Headers(headers as ConstructorParameters<typeof Headers>[0]).forEach((v, k) => (out[k] = v));
    return out;
  }
  return { ...(headers as Record<string, string>) };
}

type HiveFetch = (url: string, init?: { headers?: Record<string, string>; body?: unknown }) => Promise<unknown>;

/**
 * The hooks of a Hive Gateway plugin this file uses, declared here: Hive's own type
 * declarations augment global types (graphql's error extensions, fetch's body types) for the
 * whole program, so ./server.ts loads Hive without them.
 */
export interface HivePlugin {
  onExecute(payload: { args: { contextValue: unknown; document: DocumentNode; operationName?: string | null } }): void;
  onFetch(payload: {
    url: string;
    options: { headers?: unknown; body?: unknown };
    setOptions(options: object): void;
    context?: unknown;
    fetchFn: HiveFetch;
    setFetchFn(fetchFn: HiveFetch): void;
  }): void;
  onSubgraphExecute(payload: { subgraphName: string; executionRequest: { context?: unknown; variables?: Record<string, unknown> } }): (done: { result: unknown }) => void;
  onResultProcess(payload: { result: unknown; setResult(result: unknown): void; serverContext: unknown }): void;
}

export function govgraphHivePlugin(opts: GovgraphHivePluginOptions): HivePlugin {
  const audienceByUrl = new Map(Object.entries(opts.subgraphUrls).map(([name, url]) => [url, name]));
  const format = maskErrors(opts.log);
  return {
    onExecute({ args }) {
      const state = stateOf(args.contextValue);
      if (!state) return;
      const operation = getOperationAST(args.document, args.operationName) ?? undefined;
      state.operation = operation;
      state.document = args.document;
      nameSubject(state.subject, operation?.name?.value, state.queryHash);
    },

    onFetch({ url, options, setOptions, context, fetchFn, setFetchFn }) {
      const state = stateOf(context);
      const audience = audienceByUrl.get(url);
      // Nothing leaves unsigned: a fetch without a verified caller, or to a URL that is no
      // subgraph of this supergraph, fails here (the credential wrapper refuses too).
      if (!state) throw new Error(`no verified identity in scope to sign a request to ${url} with`);
      if (!audience) throw new Error(`${url} is not the URL of a subgraph of this supergraph`);
      setOptions({ ...options, headers: { ...headerRecord(options.headers), [REQUEST_ID_HEADER]: state.requestId } });
      setFetchFn(withGatewayCredential(fetchFn, { gatewayKey: opts.gatewayKey, audience, subject: () => state.subject }));
    },

    onSubgraphExecute({ subgraphName, executionRequest }) {
      return ({ result }) => {
        if (!result || Symbol.asyncIterator in Object(result)) return;
        const res = result as { data?: Record<string, unknown> | null; errors?: GraphQLError[] };
        dropEchoedKeys(executionRequest.variables, res.data);
        if (!res.errors?.length) return;
        // Unreachable, timed out, not JSON, 5xx: the client learns which department failed,
        // never the transport's message (as gateway/datasource.ts answers it).
        if (res.errors.some((e) => e.extensions?.code === 'SUBREQUEST_HTTP_ERROR' || e.extensions?.code === 'RESPONSE_VALIDATION_FAILED')) {
          const state = stateOf(executionRequest.context);
          (state?.log ?? opts.log).warn({ serviceName: subgraphName, errors: res.errors.map((e) => e.message) }, 'subgraph request failed');
          res.errors = [errors.downstream(subgraphName)];
          return;
        }
        attributeSubgraphErrors(subgraphName, res.errors);
      };
    },

    onResultProcess({ result, setResult, serverContext }) {
      if (Array.isArray(result) || !result || Symbol.asyncIterator in Object(result)) return;
      const state = stateOf(serverContext);
      const single = result as { data?: Record<string, unknown> | null; errors?: readonly GraphQLError[]; extensions?: Record<string, unknown> };
      // As Apollo Server's formatError does in govgraph's gateway: expected errors keep their
      // public code, anything else is INTERNAL_SERVER_ERROR with a log id.
      const formatted: { data?: Record<string, unknown> | null; errors?: GraphQLFormattedError[] } = {
        ...(single.data !== undefined ? { data: single.data } : {}),
        ...(single.errors?.length ? { errors: single.errors.map((e) => withoutHttp(format(e instanceof GraphQLError ? e.toJSON() : { message: String((e as Error)?.message) }, e))) } : {}),
      };
      // Ran: the operation was resolved and execution began — it has data, or field errors
      // (a variable that does not coerce stops it before any field, with no data: a request error).
      const executed = !!(state?.operation && state.document) && (single.data !== undefined || !!single.errors?.some((e) => e.path));
      if (executed) {
        revealSealedKeysIn(opts.sealer, formatted);
        if (formatted.errors?.length) formatted.errors = clientErrors(formatted.errors, state!.operation!, state!.document!);
        // An operation that ran answers `data`, null when a non-null root failed (Hive's Rust
        // planner leaves it out then; Apollo Server and govgraph's gateway say null).
        formatted.data ??= null;
      }
      if (!formatted.errors?.length) delete formatted.errors;
      // The status govgraph's gateway (Apollo Server) answers with: 200 once the operation ran,
      // else 400 for the request's mistake (parse, validation, variables) or 500 for ours.
      // Hive's own choice depends on error classes the formatting above has replaced.
      const status = executed ? 200 : formatted.errors?.some((e) => e.extensions?.code === 'INTERNAL_SERVER_ERROR') ? 500 : 400;
      setResult({ ...formatted, extensions: { http: { status } } });
    },
  };
}

/**
 * Hive asks an entity's key fields back in `_entities` calls, and merges what comes back over
 * what it already had. A department that knows a person only by reference returns the
 * 身份号码 sealed with a masked display (lib/policy/enforce.ts: it cannot check jurisdiction),
 * which then overwrote the population department's own decision — a masked 身份号码 where
 * govgraph's gateway (which never asks keys back) shows it in full. So a key value an entity
 * call returns different from the representation it was sent is dropped, in place: Hive keeps
 * the value it sent, which is what the key's own department (or the first hop) decided.
 */
function dropEchoedKeys(variables: Record<string, unknown> | undefined, data: Record<string, unknown> | null | undefined): void {
  const representations = variables?.representations;
  const entities = data?._entities;
  if (!Array.isArray(representations) || !Array.isArray(entities)) return;
  for (let i = 0; i < entities.length; i++) {
    const entity = entities[i] as Record<string, unknown> | null;
    const sent = representations[i] as Record<string, unknown> | null;
    if (!entity || !sent || typeof entity !== 'object' || typeof sent !== 'object') continue;
    for (const key of Object.keys(sent)) {
      if (key !== '__typename' && key in entity && typeof entity[key] === 'string' && entity[key] !== sent[key]) delete entity[key];
    }
  }
}

/** `extensions.http` steers the status; it is never part of the answer. */
function withoutHttp(error: GraphQLFormattedError): GraphQLFormattedError {
  if (!error.extensions || !('http' in error.extensions)) return error;
  const { http: _http, ...extensions } = error.extensions as Record<string, unknown>;
  return { ...error, extensions };
}

