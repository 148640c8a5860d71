/**
 * DataLoader batch results, aligned to the keys asked for (the DataLoader contract): one
 * value per key in key order, `null` / `[]` for a miss. Shared by every department's loaders.
 */

/**
 * Keys per statement. PostgreSQL and MySQL cap one statement at 65,535 bound parameters and
 * a request body (2 MB) could carry more keys than that; 10,000 keeps every realistic batch
 * to one statement while the cap is never reached.
 */
export const MAX_BATCH = 10_000;

/** One row per key (a primary-key lookup), null for a key without a row. */
export function alignOne<K, V>(keys: readonly K[], rows: readonly V[], keyOf: (row: V) => K): Array<V | null> {
  const byKey = new Map<K, V>();
  for (const r of rows) byKey.set(keyOf(r), r);
  return keys.map((k) => byKey.get(k) ?? null);
}

/** Rows grouped per key (a one-to-many lookup), [] for a key without rows; SQL order kept. */
export function alignMany<K, V>(keys: readonly K[], rows: readonly V[], keyOf: (row: V) => K): V[][] {
  const byKey = new Map<K, V[]>();
  for (const r of rows) {
    const k = keyOf(r);
    const list = byKey.get(k);
    if (list) list.push(r);
    else byKey.set(k, [r]);
  }
  return keys.map((k) => byKey.get(k) ?? []);
}
