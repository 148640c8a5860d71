/**
 * A throw-away copy of the repository's `policies/` for tests that add grants or edit the
 * policy (hot reload), so the real files are never touched.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import YAML from 'yaml';
import { REPO_POLICIES } from './security';

export interface PolicyDirCopy {
  dir: string;
  /** Writes `grants/<name>.yaml` with these grants. */
  writeGrants(name: string, grants: Array<Record<string, unknown>>): void;
  /** Rewrites a provider file through `edit` (parsed YAML in, YAML out). */
  editProvider(file: string, edit: (doc: any) => void): void;
  write(rel: string, text: string): void;
  remove(): void;
}

export function copyPolicies(): PolicyDirCopy {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'govgraph-policies-'));
  fs.cpSync(REPO_POLICIES, dir, { recursive: true });
  const write = (rel: string, text: string) => {
    // Write then rename: a reader never sees half a file (as editors and `git checkout` do).
    const target = path.join(dir, rel);
    fs.writeFileSync(`${target}.tmp`, text);
    fs.renameSync(`${target}.tmp`, target);
  };
  return {
    dir,
    writeGrants: (name, grants) => write(path.join('grants', `${name}.yaml`), YAML.stringify({ grants })),
    editProvider(file, edit) {
      const doc = YAML.parse(fs.readFileSync(path.join(dir, file), 'utf8'));
      edit(doc);
      write(file, YAML.stringify(doc));
    },
    write,
    remove: () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}

/** The demo grant's shape, for deriving test grants from it. */
export const DEMO_GRANT_FIELDS = [
  'Person.phone', 'Person.maritalStatus', 'Person.household', 'Person.shareholdings', 'Person.realEstateRights',
  'Household.*', 'HouseholdMember.*', 'RealEstateRight.*', 'Encumbrance.*',
];

export function testGrant(id: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id,
    consumer: 'civil-affairs',
    purpose: 'dibao-verification',
    fields: DEMO_GRANT_FIELDS,
    unmasked: ['Person.household', 'Household.*', 'HouseholdMember.*'],
    jurisdiction: '320100',
    validFrom: '2025-01-01',
    validUntil: '2027-12-31',
    approvedBy: 'test officer',
    ...overrides,
  };
}
