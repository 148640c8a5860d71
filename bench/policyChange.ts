/**
 * What drawing up a policy change costs (previewPolicyChange, proposePolicyChange, the
 * console's 策略 form as an officer edits it): proposeChange against the repository's policies,
 * wall and CPU time per call, after a warm-up.
 *
 *   npx tsx bench/policyChange.ts
 */
import fs from 'node:fs';
import path from 'node:path';
import { proposeChange } from '../lib/policy/change';
import { loadPolicyDir } from '../lib/policy/policySet';

const ROOT = path.resolve(__dirname, '..');
const dir = path.join(ROOT, 'policies');
const supergraphSdl = fs.readFileSync(path.join(ROOT, 'gateway', 'supergraph.graphql'), 'utf8');
const policy = loadPolicyDir(dir);
const draw = () =>
  proposeChange({ dir, supergraphSdl, policy, provider: 'public-security', changes: [{ path: 'Person.maritalStatus', mask: 'name' }], now: new Date() });

const CALLS = 20;
for (let i = 0; i < 5; i++) draw();
for (let round = 1; round <= 3; round++) {
  const started = performance.now();
  const cpu = process.cpuUsage();
  for (let i = 0; i < CALLS; i++) draw();
  const used = process.cpuUsage(cpu);
  console.log(`round ${round}: proposeChange ${((performance.now() - started) / CALLS).toFixed(1)} ms wall, ${((used.user + used.system) / 1000 / CALLS).toFixed(1)} ms CPU per call`);
}
