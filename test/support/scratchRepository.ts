/**
 * A throw-away copy of the repository for commands that write into the tree
 * (`govgraph subgraph init --root`): the files such a command edits are copied, everything
 * else is a symbolic link to the real tree, so the copy costs nothing and the real tree is
 * never written.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const REPO_ROOT = path.resolve(__dirname, '..', '..');

/** Relative paths copied (written by the command); every other entry is linked. */
const COPIED = new Set(['subgraphs/index.ts', 'gateway/supergraph.graphql', 'codegen.yml', 'policies']);
/** Folders made real so that some of their entries can be copies. */
const REAL_DIRS = new Set(['subgraphs', 'gateway']);
const SKIPPED = new Set(['.git', '.data']);

export interface ScratchRepository {
  root: string;
  remove(): void;
}

export function scratchRepository(): ScratchRepository {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'govgraph-repo-'));
  const mirror = (rel: string) => {
    for (const entry of fs.readdirSync(path.join(REPO_ROOT, rel))) {
      const r = rel ? `${rel}/${entry}` : entry;
      if (SKIPPED.has(r)) continue;
      const from = path.join(REPO_ROOT, r);
      const to = path.join(root, r);
      if (COPIED.has(r)) fs.cpSync(from, to, { recursive: true });
      else if (REAL_DIRS.has(r)) {
        fs.mkdirSync(to);
        mirror(r);
      } else fs.symlinkSync(from, to);
    }
  };
  mirror('');
  return { root, remove: () => fs.rmSync(root, { recursive: true, force: true }) };
}
