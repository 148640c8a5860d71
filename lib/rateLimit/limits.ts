/** The gateway's rate limits and their defaults (read from the environment by lib/config.ts). */

/** The limits; `0` turns one off. */
export interface RateLimits {
  /** Requests per minute per user (token `dept` + `sub`). */
  userPerMinute: number;
  /** Requests per minute per consumer department (token `dept`), all its users together. */
  departmentPerMinute: number;
  /**
   * Requests per day naming one grant (`X-Grant-Id`), per consumer department; the day is the
   * calendar day in China (it resets at 00:00 Beijing time).
   */
  grantPerDay: number;
  /** Failed authentications per minute per client address; past it they are answered 429, not 401. */
  authFailuresPerMinute: number;
}

/**
 * Ceilings against a runaway or abusive client, not a tariff: one gateway replica on two
 * cores serves in the order of a thousand requests per second, so a single user at the
 * default limit can keep one replica busy, and `npm run bench` or the test suites never
 * reach them. Set them to the departments' real volumes in a deployment.
 */
export const DEFAULT_RATE_LIMITS: RateLimits = {
  userPerMinute: 60_000,
  departmentPerMinute: 240_000,
  grantPerDay: 2_000_000,
  authFailuresPerMinute: 600,
};
