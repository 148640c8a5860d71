import { GraphQLError } from 'graphql';
import { DEFAULT_RATE_LIMITS, RequestLimiter, msUntilBeijingMidnight, type RateLimits } from './requestLimiter';

const limits = (over: Partial<RateLimits>): RateLimits => ({ ...DEFAULT_RATE_LIMITS, ...over });

/** The refusal `admit` throws, or undefined if it admitted. */
async function refusal(limiter: RequestLimiter, who: Parameters<RequestLimiter['admit']>[0]): Promise<GraphQLError | undefined> {
  try {
    await limiter.admit(who);
    return undefined;
  } catch (err) {
    return err as GraphQLError;
  }
}

describe('RequestLimiter (in memory)', () => {
  it('refuses a user past its limit with RATE_LIMITED, HTTP 429 and Retry-After; other users go on', async () => {
    const limiter = new RequestLimiter({ limits: limits({ userPerMinute: 3 }) });
    const alice = { dept: 'tax', user: 'alice' };
    for (let i = 0; i < 3; i++) expect(await refusal(limiter, alice)).toBeUndefined();
    const err = (await refusal(limiter, alice))!;
    expect(err.extensions.code).toBe('RATE_LIMITED');
    expect(err.extensions.limit).toBe('user');
    const retryAfter = err.extensions.retryAfter as number;
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    const http = err.extensions.http as { status: number; headers: Map<string, string> };
    expect(http.status).toBe(429);
    expect(http.headers.get('retry-after')).toBe(String(retryAfter));
    expect(await refusal(limiter, { dept: 'tax', user: 'bob' })).toBeUndefined();
    // The same user id in another department is another user.
    expect(await refusal(limiter, { dept: 'civil-affairs', user: 'alice' })).toBeUndefined();
  });

  it('counts a department across its users, and a user refused by its own limit spends nothing of the department', async () => {
    const limiter = new RequestLimiter({ limits: limits({ userPerMinute: 2, departmentPerMinute: 4 }) });
    for (let i = 0; i < 10; i++) await refusal(limiter, { dept: 'tax', user: 'hammer' });
    // hammer used 2 of the department's 4; its 8 refused requests used none.
    expect(await refusal(limiter, { dept: 'tax', user: 'u1' })).toBeUndefined();
    expect(await refusal(limiter, { dept: 'tax', user: 'u1' })).toBeUndefined();
    expect((await refusal(limiter, { dept: 'tax', user: 'u2' }))?.extensions.limit).toBe('department');
    expect(await refusal(limiter, { dept: 'housing-fund', user: 'u1' })).toBeUndefined();
  });

  it('gives each grant a daily quota per department, until midnight in Beijing', async () => {
    // 2026-03-02 15:59:00 UTC = 23:59 in Beijing: the quota frees up in one minute.
    let clock = Date.UTC(2026, 2, 2, 15, 59, 0);
    const limiter = new RequestLimiter({ limits: limits({ grantPerDay: 2 }), now: () => clock });
    const withGrant = { dept: 'civil-affairs', user: 'u', grantId: 'G-1' };
    expect(await refusal(limiter, withGrant)).toBeUndefined();
    expect(await refusal(limiter, { ...withGrant, user: 'v' })).toBeUndefined();
    const err = (await refusal(limiter, withGrant))!;
    expect(err.extensions).toMatchObject({ code: 'RATE_LIMITED', limit: 'grant', retryAfter: 60 });
    // Without the grant, or naming another, the same users go on.
    expect(await refusal(limiter, { dept: 'civil-affairs', user: 'u' })).toBeUndefined();
    expect(await refusal(limiter, { ...withGrant, grantId: 'G-2' })).toBeUndefined();
    // Another department naming the grant does not spend the holder's quota.
    expect(await refusal(limiter, { ...withGrant, dept: 'tax' })).toBeUndefined();
    clock += 61_000; // the next day in Beijing
    expect(await refusal(limiter, withGrant)).toBeUndefined();
  });

  it('turns a limit off at 0 and refuses a nonsensical one', async () => {
    const limiter = new RequestLimiter({ limits: limits({ userPerMinute: 0, departmentPerMinute: 0 }) });
    for (let i = 0; i < 50; i++) expect(await refusal(limiter, { dept: 'tax', user: 'u' })).toBeUndefined();
    expect(() => new RequestLimiter({ limits: limits({ userPerMinute: -1 }) })).toThrow(/userPerMinute|user/);
  });

  it('answers failed authentications 429 only past the limit, per address', async () => {
    const limiter = new RequestLimiter({ limits: limits({ authFailuresPerMinute: 2 }) });
    expect(await limiter.authenticationFailed('10.0.0.1')).toBeUndefined();
    expect(await limiter.authenticationFailed('10.0.0.1')).toBeUndefined();
    expect((await limiter.authenticationFailed('10.0.0.1'))?.extensions).toMatchObject({ code: 'RATE_LIMITED', limit: 'authentication' });
    expect(await limiter.authenticationFailed('10.0.0.2')).toBeUndefined();
  });

  it('computes the time to midnight in Beijing', () => {
    expect(msUntilBeijingMidnight(Date.UTC(2026, 0, 1, 16, 0, 0))).toBe(86_400_000); // 00:00 Beijing
    expect(msUntilBeijingMidnight(Date.UTC(2026, 0, 1, 15, 0, 0))).toBe(3_600_000); // 23:00 Beijing
  });
});
