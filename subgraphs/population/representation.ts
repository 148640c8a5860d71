/**
 * `_entities` representations are `_Any`: a key may arrive as a number, null or missing.
 * Treating those as an empty string lets the usual validation refuse them with
 * BAD_USER_INPUT instead of crashing on `.trim()`.
 */
export function keyText(value: unknown): string {
  return typeof value === 'string' ? value : '';
}
