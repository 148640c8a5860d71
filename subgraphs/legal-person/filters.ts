/**
 * Turning `legalPersons` filter arguments into LIKE patterns that mean exactly what the
 * arguments say on MySQL and PostgreSQL alike.
 */

/**
 * The escape character for LIKE patterns, passed explicitly (`ESCAPE ?`) because the
 * default escape differs by engine setting (MySQL's NO_BACKSLASH_ESCAPES turns it off).
 */
export const LIKE_ESCAPE = '!';

/** A LIKE pattern matching any text that contains `text` literally (its % and _ included). */
export function containsPattern(text: string): string {
  return `%${text.replace(/[!%_]/g, (c) => LIKE_ESCAPE + c)}%`;
}

/**
 * The code prefix shared by a division and everything inside it (the SQL form of
 * lib/ids `isWithinDivision`): 320000 → "32", 320100 → "3201", 320102 → "320102".
 * Only digits remain, so the prefix needs no LIKE escaping.
 */
export function divisionPrefix(code: string): string {
  return code.replace(/(00)+$/, '');
}
