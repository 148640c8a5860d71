/**
 * `govgraph catalog [--format md|json]` — the resource catalog (政务信息资源目录), generated
 * from the committed supergraph and the policy files (README, "Command-line tool").
 * The catalog goes to stdout; a problem is one line on stderr and exit code 1, never a
 * stack trace.
 */
import path from 'node:path';
import { readCommittedSupergraph } from '../../lib/supergraph';
import { buildCatalog, CATALOG_SHARING, catalogJson, catalogMarkdown, CatalogSharing, filterCatalog } from '../../lib/catalog/catalog';
import { displayPath } from '../../lib/policy/check';
import { loadPolicyDir, PolicyError, PolicySet } from '../../lib/policy/policySet';
import { policyDir } from '../../lib/policy/store';

export interface CatalogCommandOptions {
  /** `md` or `json`. @default md */
  format?: string;
  /** Only this provider department's items. */
  provider?: string;
  /** `UNCONDITIONAL`, `CONDITIONAL` or `NOT_SHARED` (any case; `not-shared` too). */
  sharing?: string;
  /** Case-insensitive substring of path, description, provider or legal basis. */
  search?: string;
  /** Policy directory. @default policies/, or GOVGRAPH_POLICY_DIR */
  dir?: string;
  /** Supergraph SDL file. @default gateway/supergraph.graphql */
  supergraph?: string;
}

/** A bad argument or input: printed as its message, one line. */
class CatalogInputError extends Error {}

const oneLine = (err: unknown) => String(err instanceof Error ? err.message : err).split('\n')[0];

export async function catalogCommand(opts: CatalogCommandOptions): Promise<void> {
  try {
    const format = opts.format ?? 'md';
    if (format !== 'md' && format !== 'json') throw new CatalogInputError(`--format ${format}: use md or json`);
    const sharing = opts.sharing === undefined ? undefined : parseSharing(opts.sharing);

    const dir = opts.dir ? path.resolve(opts.dir) : policyDir();
    const sdl = opts.supergraph ? readCommittedSupergraph(path.resolve(opts.supergraph)) : readCommittedSupergraph();
    const policy = loadPolicy(dir);
    let entries;
    try {
      entries = buildCatalog(sdl, policy);
    } catch (err) {
      throw new CatalogInputError(`the supergraph cannot be read: ${oneLine(err)}`);
    }

    if (opts.provider !== undefined && !entries.some((e) => e.provider === opts.provider)) {
      // An empty catalog for a misspelt department would read as "it provides nothing".
      const known = [...new Set(entries.map((e) => e.provider))].join(', ');
      throw new CatalogInputError(`--provider ${opts.provider}: no such provider in the catalog (providers: ${known})`);
    }
    const shown = filterCatalog(entries, { provider: opts.provider, sharing, search: opts.search });
    process.stdout.write(format === 'json' ? catalogJson(shown) + '\n' : catalogMarkdown(shown, { policyRevision: policy.revision }));
  } catch (err) {
    process.stderr.write(`govgraph catalog: ${oneLine(err)}\n`);
    process.exitCode = 1;
  }
}

/** Accepts the API's spelling (NOT_SHARED) and the policy files' (not-shared), in any case. */
function parseSharing(value: string): CatalogSharing {
  const normalized = value.trim().toUpperCase().replace(/-/g, '_');
  const found = CATALOG_SHARING.find((s) => s === normalized);
  if (!found) throw new CatalogInputError(`--sharing ${value}: use ${CATALOG_SHARING.join(', ')}`);
  return found;
}

/** The policy, or one line naming the first problem (`policy check` lists them all). */
function loadPolicy(dir: string): PolicySet {
  try {
    return loadPolicyDir(dir);
  } catch (err) {
    const shown = displayPath(dir);
    if (err instanceof PolicyError) {
      const more = err.problems.length > 1 ? ` (and ${err.problems.length - 1} more)` : '';
      throw new CatalogInputError(`the policy in ${shown} does not load: ${err.problems[0]}${more} — run \`govgraph policy check\``);
    }
    throw new CatalogInputError(`the policy in ${shown} cannot be read: ${oneLine(err)}`);
  }
}
