/**
 * A throw-away copy of the repository for commands that write into the tree
 * (`govgraph subgraph init --root`): the files such a command edits are copied as committed
 * (git HEAD: a consistent set, whatever other work has under way in the working tree; the
 * working tree's copy without git), everything else is a symbolic link to the real tree, so
 * the copy costs nothing and the real tree is never written.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const REPO_ROOT = path.resolve(__dirname, '..', '..');

/** Relative paths copied (written by the command); every other entry is linked. */
const COPIED = new Set(['subgraphs/index.ts', 'gateway/supergraph.graphql', 'codegen.yml', 'policies']);
/** Folders made real so that some of their entries can be copies. */
const REAL_DIRS = new Set(['subgraphs', 'gateway']);
const SKIPPED = new Set(['.git', '.data']);

function copyCommitted(rel: string, from: string, to: string): void {
  try {
    const files = execFileSync('git', ['-C', REPO_ROOT, 'ls-tree', '-r', '--name-only', 'HEAD', '--', rel], { encoding: 'utf8' }).split('\n').filter(Boolean);
    if (!files.length) throw new Error(`${rel} is not committed`);
    for (const f of files) {
      const target = path.join(path.dirname(to), path.relative(path.dirname(rel), f));
      fs.mkdirSync(path.dirname(target), { recursive: true });
      fs.writeFileSync(target, execFileSync('git', ['-C', REPO_ROOT, 'show', `HEAD:${f}`], { maxBuffer: 64 << 20 }));
    }
  } catch {
    fs.cpSync(from, to, { recursive: true });
  }
}

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
      if (COPIED.has(r)) copyCommitted(r, from, to);
      else if (REAL_DIRS.has(r)) {
        fs.mkdirSync(to);
        mirror(r);
      } else fs.symlinkSync(from, to);
    }
  };
  mirror('');
  return { root, remove: () => fs.rmSync(root, { recursive: true, force: true }) };
}
