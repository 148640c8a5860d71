/**
 * `govgraph token --dept D --user U [--division C] [--roles r1,r2] [--ttl 1h]` — prints a
 * consumer token signed with the demo issuer key, for trying the gateway from curl or
 * GraphiQL. Production gateways verify against configured keys / a JWKS instead.
 */
import { checkDivisionCode, checkIdNumber } from '../../lib/ids';
import { DEPT_CODE, issueToken, loadOrCreateKeyPair, parseDuration } from '../../lib/identity';

export interface TokenCommandOptions {
  dept: string;
  user: string;
  /** GB/T 2260 code. @default '320100' (南京市, the demo world) */
  division?: string;
  /** Comma-separated roles. @default 'consumer' */
  roles?: string;
  /** Lifetime: 30m, 1h, 3600s, 2d. @default '1h' */
  ttl?: string;
  /** For a citizen channel (role citizen-channel): the citizen's 公民身份号码 it acts for. */
  citizen?: string;
}

/** The validated request, or the problems with it (one line each). */
export function parseTokenOptions(opts: TokenCommandOptions):
  | { ok: true; value: { user: string; dept: string; division: string; roles: string[]; ttlSeconds: number; citizen?: string } }
  | { ok: false; problems: string[] } {
  const problems: string[] = [];
  const dept = (opts.dept ?? '').trim();
  if (!DEPT_CODE.test(dept)) problems.push(`--dept "${dept}" is not a department code (lower-case letters and hyphens, e.g. civil-affairs)`);
  const user = (opts.user ?? '').trim();
  if (user === '') problems.push('--user must not be empty');
  const division = (opts.division ?? '320100').trim();
  const divisionCheck = checkDivisionCode(division);
  if (!divisionCheck.ok) problems.push(`--division "${division}" ${divisionCheck.problem}`);
  const roles = (opts.roles ?? 'consumer').split(',').map((r) => r.trim()).filter(Boolean);
  if (roles.length === 0) problems.push('--roles must name at least one role');
  const citizen = opts.citizen?.trim().toUpperCase();
  if (citizen !== undefined) {
    const check = checkIdNumber(citizen);
    if (!check.ok) problems.push(`--citizen "${citizen}" is not a valid 公民身份号码: ${check.problem}`);
  }
  let ttlSeconds = 0;
  try {
    ttlSeconds = parseDuration(opts.ttl ?? '1h');
  } catch (err) {
    problems.push(`--ttl: ${(err as Error).message}`);
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, value: { user, dept, division, roles, ttlSeconds, ...(citizen ? { citizen } : {}) } };
}

export async function tokenCommand(opts: TokenCommandOptions): Promise<void> {
  const parsed = parseTokenOptions(opts);
  if (!parsed.ok) {
    for (const problem of parsed.problems) process.stderr.write(`govgraph token: ${problem}\n`);
    process.exitCode = 1;
    return;
  }
  let token: string;
  try {
    token = await issueToken(await loadOrCreateKeyPair('demo-issuer'), parsed.value);
  } catch (err) {
    process.stderr.write(`govgraph token: ${(err as Error).message}\n`);
    process.exitCode = 1;
    return;
  }
  process.stdout.write(`${token}\n`);
}
