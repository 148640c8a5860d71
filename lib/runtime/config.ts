/**
 * Runtime configuration from the environment — every knob a deployment turns, in one place
 * (the README's configuration table is written from this file).
 */
import path from 'node:path';
import { envName, SubgraphDefinition } from '../subgraph/definition';

/** Repository root (where `.data/` lives by default). */
export const ROOT = path.resolve(__dirname, '..', '..');

/** GOVGRAPH_DATA_DIR — embedded databases' home. @default `<repo>/.data` */
export function dataDir(): string {
  return process.env.GOVGRAPH_DATA_DIR ?? path.join(ROOT, '.data');
}

/** GOVGRAPH_HOST — interface to listen on. @default 127.0.0.1 (set 0.0.0.0 in containers) */
export function listenHost(): string {
  return process.env.GOVGRAPH_HOST ?? '127.0.0.1';
}

/** GOVGRAPH_<NAME>_DB_URL — a department's real database; unset = embedded PGlite. */
export function databaseUrl(def: Pick<SubgraphDefinition, 'name'>): string | undefined {
  return process.env[`GOVGRAPH_${envName(def.name)}_DB_URL`] || undefined;
}

/** GOVGRAPH_<NAME>_PORT — a subgraph's port. @default CONTRACT.md's 4001–4004 */
export function subgraphPort(def: Pick<SubgraphDefinition, 'name' | 'defaultPort'>): number {
  return intEnv(`GOVGRAPH_${envName(def.name)}_PORT`, def.defaultPort);
}

/** GOVGRAPH_<NAME>_URL — where the gateway reaches a subgraph. @default http://localhost:<port>/graphql */
export function subgraphUrl(def: Pick<SubgraphDefinition, 'name' | 'defaultPort'>): string {
  return process.env[`GOVGRAPH_${envName(def.name)}_URL`] ?? `http://localhost:${subgraphPort(def)}/graphql`;
}

/** GOVGRAPH_GATEWAY_PORT. @default 4000 */
export function gatewayPort(): number {
  return intEnv('GOVGRAPH_GATEWAY_PORT', 4000);
}

/** GOVGRAPH_SEED_PERSONS — size of the demo world seeded on first run. @default 10000 */
export function seedPersons(): number {
  return intEnv('GOVGRAPH_SEED_PERSONS', 10_000);
}

function intEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) throw new Error(`${name} must be a non-negative integer, got "${raw}"`);
  return n;
}
