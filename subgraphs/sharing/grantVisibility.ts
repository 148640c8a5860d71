/** Who may see a grant: `grant`, `grants` and `policyExplain` answer alike. */
import type { Requester } from '../../lib/policy/engine';
import type { PolicySet } from '../../lib/policy/policySet';
import { actsFor, PLATFORM_OPERATOR } from './roles';

/** The grant's consumer, a provider whose fields it names, or the platform operator. */
export function mayReadGrant(g: { consumer: string; fields: readonly string[] }, who: Requester, policy: PolicySet): boolean {
  if (who.dept === PLATFORM_OPERATOR || who.dept === g.consumer) return true;
  return g.fields.some((f) => {
    const provider = policy.field(f)?.provider ?? (f.endsWith('.*') ? [...policy.fields.values()].find((e) => e.path.startsWith(f.slice(0, -1)))?.provider : undefined);
    return provider !== undefined && actsFor(who, provider);
  });
}
