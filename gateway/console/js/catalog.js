// The catalog, loaded once per page load: which provider serves each field (for who may revoke what).
import { gql } from './api.js';

let pending;
/** Every catalog entry (政务信息资源目录). */
export function catalogEntries() {
  pending ??= gql('query ConsoleCatalog { catalog { path typeName fieldName provider sharing personal mask description conditions updateFrequency legalBasis } }')
    .then((d) => d.catalog)
    .catch((err) => { pending = undefined; throw err; });
  return pending;
}

/** The providers a list of grant fields (`Type.field` or `Type.*`) concerns. */
export async function providersOf(fields) {
  const entries = await catalogEntries();
  const out = new Set();
  for (const f of fields) {
    const type = f.endsWith('.*') ? f.slice(0, -2) : null;
    for (const e of entries) if (type ? e.typeName === type : e.path === f) out.add(e.provider);
  }
  return [...out];
}
