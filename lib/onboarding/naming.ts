/** GraphQL names for legacy SQL names. */

const GRAPHQL_NAME = /^[_A-Za-z][_0-9A-Za-z]*$/;

/** Words of a legacy name: `SB_GRCBXX` → [sb, grcbxx]; `userName` → [user, name]. */
function words(sqlName: string): string[] {
  return sqlName
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w.toLowerCase());
}

const upperFirst = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
export const lowerFirst = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);

/** `SB_GRCBXX` → `SbGrcbxx`; undefined when nothing usable is left (a Chinese table name). */
export function pascalCase(sqlName: string): string | undefined {
  const w = words(sqlName);
  const name = w.map(upperFirst).join('');
  return name && GRAPHQL_NAME.test(name) && !/^\d/.test(name) ? name : undefined;
}

/** `HJ_XZQH` → `hjXzqh`; undefined when nothing usable is left. */
export function camelCase(sqlName: string): string | undefined {
  const p = pascalCase(sqlName);
  return p ? lowerFirst(p) : undefined;
}

/** A naive English plural, enough for root list fields: `person` → `persons`, `entry` → `entries`. */
export function plural(name: string): string {
  if (/[^aeiou]y$/.test(name)) return `${name.slice(0, -1)}ies`;
  if (/(s|x|z|ch|sh)$/.test(name)) return `${name}es`;
  return `${name}s`;
}

/** `social-security` → `socialSecurity` (the registry's identifier). */
export function identifierOf(subgraphName: string): string {
  return subgraphName.replace(/-([a-z0-9])/g, (_m, c: string) => c.toUpperCase());
}

/** `social-security` → `SocialSecurity`. */
export const typePrefixOf = (subgraphName: string) => upperFirst(identifierOf(subgraphName));

/** Picks `wanted`, or `wanted2`, `wanted3` … when it is taken; records the choice in `taken`. */
export function unique(wanted: string, taken: Set<string>): string {
  let name = wanted;
  for (let i = 2; taken.has(name); i++) name = `${wanted}${i}`;
  taken.add(name);
  return name;
}

export const isGraphQLName = (s: string) => GRAPHQL_NAME.test(s) && !s.startsWith('__');
