/**
 * Did a response carry a person's data? Looks for the seeded test world's personal values
 * (test/support/databases.ts `testWorld()`): every 公民身份号码 and phone number anywhere in
 * the text, and every name, registered address and household address as a whole string
 * value. Masked forms (`138****0001`, `张*`) are what a consumer may see and do not match.
 *
 * Probes pass `allowed`: the values the caller sent itself (it knows them already) or may
 * see; anything else found is a leak.
 */
import { testWorld } from './databases';

interface Index {
  /** 身份号码 and phone numbers, found by shape in the text. */
  numbers: Map<string, string>;
  /** Names and addresses, matched as whole string values. */
  values: Map<string, string>;
}

let index: Index | undefined;
function worldIndex(): Index {
  if (index) return index;
  const world = testWorld();
  const numbers = new Map<string, string>();
  const values = new Map<string, string>();
  // Not every person has a phone (children): an empty value is nobody's data.
  const add = (map: Map<string, string>, value: string, what: string) => value && map.set(value, what);
  for (const p of world.persons) {
    add(numbers, p.idNumber, `身份号码 of ${p.idNumber}`);
    add(numbers, p.phone, `phone of ${p.idNumber}`);
    add(values, p.name, `name of ${p.idNumber}`);
    add(values, p.registeredAddress, `address of ${p.idNumber}`);
  }
  for (const h of world.households) add(values, h.address, `address of household ${h.number}`);
  return (index = { numbers, values });
}

/** A description of each personal value of the test world in `body` that is not `allowed`. */
export function personalDataIn(body: unknown, allowed: Iterable<string> = []): string[] {
  const { numbers, values } = worldIndex();
  const ok = new Set(allowed);
  const found = new Set<string>();
  const text = typeof body === 'string' ? body : JSON.stringify(body ?? null);
  // Digits runs (and an ID's final X) cut out of the text: an ID or a phone number inside a
  // longer string (an address, a message) is found too.
  for (const m of text.matchAll(/\d{11,}X?/g)) {
    for (const len of [18, 11]) {
      for (let i = 0; i + len <= m[0].length; i++) {
        const candidate = m[0].slice(i, i + len);
        const what = numbers.get(candidate);
        if (what && !ok.has(candidate)) found.add(what);
      }
    }
  }
  const visit = (v: unknown): void => {
    if (typeof v === 'string') {
      const what = values.get(v);
      if (what && !ok.has(v)) found.add(what);
    } else if (Array.isArray(v)) v.forEach(visit);
    else if (v && typeof v === 'object') Object.values(v).forEach(visit);
  };
  let parsed: unknown = body;
  if (typeof body === 'string') {
    try {
      parsed = JSON.parse(body);
    } catch {
      parsed = undefined;
    }
  }
  visit(parsed);
  return [...found].sort();
}
