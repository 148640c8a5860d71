/**
 * Token lifetimes as people type them: `30m`, `1h`, `3600s`, `2d`.
 */

const UNIT_SECONDS = { s: 1, m: 60, h: 3600, d: 86_400 } as const;

/** Longest lifetime `govgraph token` issues: demo tokens end up in shell history and tickets. */
export const MAX_TOKEN_TTL_SECONDS = 30 * 86_400;

/**
 * Seconds in `text` (`<whole number><s|m|h|d>`), between 1 s and {@link MAX_TOKEN_TTL_SECONDS}.
 * @throws Error saying what is accepted.
 */
export function parseDuration(text: string): number {
  const match = /^(\d{1,9})([smhd])$/.exec(text.trim());
  if (!match) throw new Error(`"${text}" is not a duration; use a whole number and a unit: 30m, 1h, 3600s, 2d`);
  const seconds = Number(match[1]) * UNIT_SECONDS[match[2] as keyof typeof UNIT_SECONDS];
  if (seconds < 1) throw new Error('the duration must be at least 1s');
  if (seconds > MAX_TOKEN_TTL_SECONDS) throw new Error(`the duration must be at most ${MAX_TOKEN_TTL_SECONDS / 86_400}d`);
  return seconds;
}
