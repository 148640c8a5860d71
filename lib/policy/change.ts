/**
 * A change to one provider's field policies, as a security officer proposes it from the
 * console: the provider file's text before and after, the problems `govgraph policy check`
 * would find in the result, and its effect — which consumers gain or lose which fields.
 *
 * The change is made to the YAML itself, through the parser's document model, so comments,
 * ordering and every untouched line stay as they were: the files in `policies/` remain what
 * GitOps users review and diff (a change of one field's class is a one-line diff).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import YAML, { isMap, isScalar, type Node, type YAMLMap } from 'yaml';
import { checkPolicyDetailed, providerFiles } from './check';
import { decide, describeDecision, grantInForce, type Requester } from './engine';
import { loadPolicyDir, PolicyError, type PolicySet } from './policySet';
import { SHARING_CLASSES, type FieldPolicy, type Grant, type SharingClassName } from './schema';
import { MASK_RULES } from './mask';

/** What one field's policy becomes; an absent key keeps its value. */
export interface FieldChange {
  /** `Type.field`, a field the provider classifies. */
  path: string;
  sharing?: SharingClassName;
  personal?: boolean;
  mask?: (typeof MASK_RULES)[number] | 'none';
  /** The legal basis (mandatory for not-shared); `null` removes it. */
  legalBasis?: string | null;
}

export interface FieldChangeDetail {
  path: string;
  before: FieldPolicy;
  after: FieldPolicy;
}

/** One consumer's view of one field, before and after. */
export interface EffectRow {
  /** The consuming department; `null` for every consumer without a grant. */
  consumer: string | null;
  /** The grant the view is under; `null` without one. */
  grantId: string | null;
  path: string;
  /** `full`, `masked(<rule>)` or `denied(<REASON>)`, as `policy explain` prints them. */
  before: string;
  after: string;
  /** Whether the consumer sees more (`gain`), less (`loss`) or as much, otherwise masked (`change`). */
  direction: 'gain' | 'loss' | 'change';
}

export interface ChangeProposal {
  provider: string;
  /** The provider's file, relative to the policy directory. */
  file: string;
  beforeText: string;
  afterText: string;
  fields: FieldChangeDetail[];
  /** Problems the change would introduce (`policy check`'s, plus the form's own); empty = valid. */
  problems: string[];
  effect: EffectRow[];
  /** The revision in force when the change was drawn up, and the one it would make. */
  beforeRevision: string;
  afterRevision: string | null;
}

export class ChangeInputError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('; '));
  }
}

/** Longest legal basis a form may carry (the longest in the shipped policies is ~200). */
const MAX_LEGAL_BASIS = 2000;
const MAX_FIELDS = 100;

/**
 * Draws up `changes` to `provider`'s fields against the files in `dir`: the new file text,
 * what `policy check` says of the result (only problems the change introduces) and the effect
 * on every consumer — each consumer without a grant, and each grant in force in `policy`
 * (the files' grants plus the workflow's). Throws ChangeInputError for a form that cannot be
 * applied at all (unknown field, another provider's field, no change).
 */
export function proposeChange(opts: {
  dir: string;
  supergraphSdl: string;
  /** The policy in force, with every grant (file and workflow). */
  policy: PolicySet;
  provider: string;
  changes: readonly FieldChange[];
  now: Date;
}): ChangeProposal {
  const { dir, policy, provider } = opts;
  const file = providerFiles(dir).get(provider);
  if (!file) throw new ChangeInputError([`${provider} has no policy file in this deployment`]);
  const beforeText = readPolicyFile(dir, file);
  // The fields as the files hold them now (the policy in force may be a reload behind), with
  // every grant in force (the workflow's are not in the files).
  const grants = [...policy.grants.values()];
  const before = onDisk(dir).withGrants(grants);
  const { afterText, fields } = editFields(beforeText, provider, before, opts.changes);

  // The file format's own rules (a not-shared item's legal basis…) and the supergraph's, as
  // `govgraph policy check` applies them: one judge of what a valid policy is.
  const checked = problemsIntroduced(dir, file, afterText, opts.supergraphSdl);
  const after = checked.policy?.withGrants(grants);
  return {
    provider,
    file,
    beforeText,
    afterText,
    fields,
    problems: checked.problems,
    effect: after ? changeEffect(before, after, fields.map((f) => f.path), opts.now) : [],
    beforeRevision: before.revision,
    afterRevision: after?.revision ?? null,
  };
}

/** The directory's policy now; a directory that does not load cannot take a change. */
function onDisk(dir: string): PolicySet {
  try {
    return loadPolicyDir(dir);
  } catch (err) {
    const problems = err instanceof PolicyError ? err.problems : [(err as Error).message];
    throw new ChangeInputError([`the policy files do not load now (${problems[0]}); fix them first`]);
  }
}

/** The subset of a field's policy a change may touch (descriptions are the catalog's, not the form's). */
const decided = (f: FieldPolicy) => JSON.stringify([f.sharing, f.personal, f.mask, f.legalBasis ?? null]);

/**
 * An approved change, made again on the provider's file as it is now: the same field values,
 * written over whatever else changed in the file since (a comment, another field) — unless one
 * of its fields itself changed meanwhile, which is a conflict to be proposed again, never
 * overwritten.
 */
export function reapplyChange(opts: { dir: string; supergraphSdl: string; provider: string; file: string; fields: readonly FieldChangeDetail[] }): {
  beforeText: string;
  afterText: string;
  beforeRevision: string;
  problems: string[];
  conflicts: string[];
} {
  const current = onDisk(opts.dir);
  const conflicts = opts.fields
    .filter((f) => {
      const now = current.field(f.path);
      return !now || now.provider !== opts.provider || decided(now.policy) !== decided(f.before);
    })
    .map((f) => f.path);
  const beforeText = readPolicyFile(opts.dir, opts.file);
  if (conflicts.length) return { beforeText, afterText: beforeText, beforeRevision: current.revision, problems: [], conflicts };
  const changes = opts.fields.map((f) => ({ path: f.path, sharing: f.after.sharing, personal: f.after.personal, mask: f.after.mask, legalBasis: f.after.legalBasis ?? null }));
  const { afterText } = editFields(beforeText, opts.provider, current, changes);
  return { beforeText, afterText, beforeRevision: current.revision, problems: problemsIntroduced(opts.dir, opts.file, afterText, opts.supergraphSdl).problems, conflicts };
}

/** The edited YAML and each field's policy before and after. */
function editFields(text: string, provider: string, policy: PolicySet, changes: readonly FieldChange[]): { afterText: string; fields: FieldChangeDetail[] } {
  const problems: string[] = [];
  if (!changes.length) problems.push('name at least one field to change');
  if (changes.length > MAX_FIELDS) problems.push(`at most ${MAX_FIELDS} fields in one change`);
  const doc = YAML.parseDocument(text);
  const fields: FieldChangeDetail[] = [];
  const edits: Array<{ start: number; end: number; text: string }> = [];
  const seen = new Set<string>();
  for (const change of changes) {
    const entry = policy.field(change.path);
    if (!entry) {
      problems.push(`${change.path} is not a classified field`);
      continue;
    }
    if (entry.provider !== provider) {
      problems.push(`${change.path} is classified by ${entry.provider}, not ${provider}: 一数一源, each provider changes its own fields`);
      continue;
    }
    if (seen.has(change.path)) {
      problems.push(`${change.path} is named twice`);
      continue;
    }
    seen.add(change.path);
    if (change.sharing !== undefined && !SHARING_CLASSES.includes(change.sharing)) problems.push(`${change.path}: sharing must be one of ${SHARING_CLASSES.join(', ')}`);
    if (change.mask !== undefined && change.mask !== 'none' && !MASK_RULES.includes(change.mask)) problems.push(`${change.path}: mask must be one of ${[...MASK_RULES, 'none'].join(', ')}`);
    // One paragraph: a legal basis is cited, not laid out (and so fits one line of the file).
    const legalBasis = change.legalBasis === undefined ? undefined : wellFormed(change.legalBasis ?? '').replace(/\s+/g, ' ').trim() || null;
    if (legalBasis && legalBasis.length > MAX_LEGAL_BASIS) problems.push(`${change.path}: legalBasis is longer than ${MAX_LEGAL_BASIS} characters`);

    const before = entry.policy;
    const after: FieldPolicy = { ...before };
    if (change.sharing !== undefined) after.sharing = change.sharing;
    if (change.personal !== undefined) after.personal = change.personal;
    if (change.mask !== undefined) after.mask = change.mask;
    if (legalBasis === null) delete after.legalBasis;
    else if (legalBasis !== undefined) after.legalBasis = legalBasis;
    if (JSON.stringify(after) === JSON.stringify(before)) {
      problems.push(`${change.path}: the change leaves the field as it is`);
      continue;
    }
    fields.push({ path: change.path, before, after });

    const [type, field] = change.path.split('.');
    const node = doc.getIn(['types', type, 'fields', field], true);
    if (!isMap(node) || !node.range) {
      problems.push(`${change.path}: its entry in the file is not a mapping`);
      continue;
    }
    edits.push(...fieldEdits(text, node, before, after));
  }
  if (problems.length) throw new ChangeInputError(problems);
  // From the end backwards, so earlier offsets stay valid.
  let afterText = text;
  for (const e of edits.sort((a, b) => b.start - a.start)) afterText = afterText.slice(0, e.start) + e.text + afterText.slice(e.end);
  return { afterText, fields };
}

/**
 * The text with each lone UTF-16 surrogate replaced by U+FFFD, as UTF-8 (a file, a text column)
 * can only hold it — and as a JSON column must: PostgreSQL refuses a `\ud800` escape.
 */
const wellFormed = (text: string) => text.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');

type Edit = { start: number; end: number; text: string };

/** Where a node's own text ends: its range without the line breaks and indentation after it. */
const endOf = (text: string, range: [number, number, number]) => range[0] + text.slice(range[0], range[1]).trimEnd().length;

/** A value as YAML writes it on one line (legal bases are one paragraph: see editFields). */
function scalar(value: unknown, flow: boolean): string {
  const doc = new YAML.Document({ v: value });
  if (flow) (doc.contents as YAMLMap).flow = true;
  const line = doc.toString({ lineWidth: 0 }).trim();
  return flow ? line.slice(line.indexOf(':') + 1, line.lastIndexOf('}')).trim() : line.slice(line.indexOf(':') + 1).trim();
}

/**
 * The edits one field's entry needs, each as small as it can be: a changed value is replaced
 * where it stands, a new key joins the entry's end, a removed key leaves with its separator or
 * its line — everything else in the file stays byte for byte (re-rendering the document would
 * refold every long sentence in it). A legal basis added to a `{ … }` entry turns the entry
 * into lines of its own: it is a sentence or two, not a flow value.
 */
function fieldEdits(text: string, node: YAMLMap, before: FieldPolicy, after: FieldPolicy): Edit[] {
  const pairOf = (key: string) => node.items.find((p) => isScalar(p.key) && p.key.value === key);
  if (node.flow && after.legalBasis !== undefined && !pairOf('legalBasis')) {
    const values: Record<string, unknown> = { ...(node.toJSON() as Record<string, unknown>), sharing: after.sharing, personal: after.personal, mask: after.mask, legalBasis: after.legalBasis };
    let from = node.range![0];
    while (text[from - 1] === ' ') from -= 1;
    const lineStart = text.lastIndexOf('\n', from - 1) + 1;
    const indent = ' '.repeat(text.slice(lineStart).search(/\S/) + 2);
    const lines = new YAML.Document(values).toString({ lineWidth: 0 }).trimEnd().split('\n');
    return [{ start: from, end: endOf(text, node.range!), text: lines.map((l) => `\n${indent}${l}`).join('') }];
  }
  const edits: Edit[] = [];
  const last = node.items[node.items.length - 1];
  const lastEnd = endOf(text, (last.value as Node).range!);
  const firstKey = (node.items[0].key as Node).range![0];
  const column = firstKey - text.lastIndexOf('\n', firstKey - 1) - 1;
  for (const key of ['sharing', 'personal', 'mask', 'legalBasis'] as const) {
    const value = after[key];
    if (value === before[key]) continue;
    const pair = pairOf(key);
    const valueNode = pair?.value as Node | undefined;
    if (pair && valueNode?.range && value !== undefined) {
      edits.push({ start: valueNode.range[0], end: endOf(text, valueNode.range), text: scalar(value, node.flow ?? false) });
    } else if (pair && valueNode?.range) {
      const keyStart = (pair.key as Node).range![0];
      const valueEnd = endOf(text, valueNode.range);
      if (node.flow) {
        edits.push({ start: text.lastIndexOf(',', keyStart), end: valueEnd, text: '' });
      } else {
        const lineStart = text.lastIndexOf('\n', keyStart - 1) + 1;
        edits.push({ start: lineStart, end: text[valueEnd] === '\n' ? valueEnd + 1 : valueEnd, text: '' });
      }
    } else if (value !== undefined) {
      const entry = `${key}: ${scalar(value, node.flow ?? false)}`;
      edits.push({ start: lastEnd, end: lastEnd, text: node.flow ? `, ${entry}` : `\n${' '.repeat(column)}${entry}` });
    }
  }
  return edits;
}

/**
 * What `govgraph policy check` would find wrong with the directory if `file` held `text`,
 * leaving out what it finds wrong with the directory as it is (not this change's doing), and
 * the policy the directory would then hold (when it loads at all).
 */
export function problemsIntroduced(dir: string, file: string, text: string, supergraphSdl: string): { problems: string[]; policy?: PolicySet } {
  const checked = checkWithFile(dir, file, text, supergraphSdl);
  if (!checked.problems.length) return checked;
  const baseline = new Set(checkWithFile(dir, file, readPolicyFile(dir, file), supergraphSdl).problems);
  return { problems: checked.problems.filter((p) => !baseline.has(p)), policy: checked.policy };
}

/** `policy check` on the directory as it would be with `file` holding `text`. */
function checkWithFile(dir: string, file: string, text: string, supergraphSdl: string) {
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'govgraph-policy-change-'));
  try {
    fs.cpSync(dir, scratch, { recursive: true });
    fs.writeFileSync(path.join(scratch, file), text);
    return checkPolicyDetailed(supergraphSdl, scratch, { displayDir: 'policies' });
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

const OPENNESS = (view: string) => (view === 'full' ? 2 : view.startsWith('masked') ? 1 : 0);

/**
 * Who sees what differently: for each changed field, every consumer without a grant (one
 * row for all of them: without a grant the consumer's name changes nothing) and each grant
 * in force, decided by the engine the subgraphs enforce with, for a record inside the
 * consumer's jurisdiction and a request that states its purpose — so the rows show what
 * the change itself does, not what jurisdiction or a missing purpose would deny anyway.
 */
export function changeEffect(before: PolicySet, after: PolicySet, paths: readonly string[], now: Date): EffectRow[] {
  const audiences: Array<{ who: Requester; grant: Grant | null }> = [
    { who: { user: 'effect', dept: '*', division: '320100', roles: ['consumer'], purpose: 'effect' }, grant: null },
    ...[...before.grants.values()]
      .filter((g) => grantInForce(g, now) && before.field(paths[0] ?? '')?.provider !== g.consumer)
      .sort((a, b) => a.consumer.localeCompare(b.consumer) || a.id.localeCompare(b.id))
      .map((g) => ({ who: { user: 'effect', dept: g.consumer, division: g.jurisdiction, roles: ['consumer'], purpose: g.purpose, grantId: g.id }, grant: g })),
  ];
  const rows: EffectRow[] = [];
  for (const { who, grant } of audiences) {
    for (const p of paths) {
      const view = (policy: PolicySet) => {
        const g = grant && policy.grants.get(grant.id);
        const status = g ? ({ state: 'valid', grant: g } as const) : ({ state: 'none' } as const);
        return describeDecision(decide(policy, who, status, p, who.division));
      };
      const [b, a] = [view(before), view(after)];
      // Denied either way (for another reason) is no change the consumer can see.
      if (a === b || (OPENNESS(a) === 0 && OPENNESS(b) === 0)) continue;
      rows.push({ consumer: grant?.consumer ?? null, grantId: grant?.id ?? null, path: p, before: b, after: a, direction: OPENNESS(a) > OPENNESS(b) ? 'gain' : OPENNESS(a) < OPENNESS(b) ? 'loss' : 'change' });
    }
  }
  return rows;
}

/**
 * Writes `text` to `dir/file` so that no reader (the policy watcher of any process sharing
 * the directory) ever sees half a file: a temporary file beside it, then a rename.
 */
export function writePolicyFile(dir: string, file: string, text: string): void {
  const target = path.join(dir, file);
  const temp = path.join(dir, `.${path.basename(file)}.${process.pid}.tmp`);
  fs.writeFileSync(temp, text, { mode: fs.statSync(target).mode });
  try {
    fs.renameSync(temp, target);
  } catch (err) {
    fs.rmSync(temp, { force: true });
    throw err;
  }
}

/** The current text of a provider's file, to compare with what a change was drawn up against. */
export function readPolicyFile(dir: string, file: string): string {
  return fs.readFileSync(path.join(dir, file), 'utf8');
}
