/**
 * The policy store's log while officers edit files: one line per change, a YAML typo as one
 * problem naming file:line:column, nothing for a re-read that finds nothing new. Real files,
 * real fs.watch and polling; the log is captured from a pino logger's destination.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { PolicyStore } from './store';
import { policyDir } from './store';

interface Line {
  level: number;
  msg: string;
  problems?: string[];
  policyRevision?: string;
}

const ERROR = 50;
const INFO = 30;

let dir: string;
let store: PolicyStore;
let lines: Line[];
const file = () => path.join(dir, 'public-security.yaml');
let original: string;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'govgraph-store-'));
  fs.cpSync(policyDir(), dir, { recursive: true });
  original = fs.readFileSync(file(), 'utf8');
  lines = [];
  const log = pino({ level: 'info' }, { write: (s: string) => void lines.push(JSON.parse(s)) });
  store = PolicyStore.open(dir, { log }).watch();
});
afterEach(() => {
  store.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Waits until `probe` holds, then as long again as the store could take to act on a late event. */
async function settled(probe: () => boolean): Promise<void> {
  const started = Date.now();
  while (!probe()) {
    if (Date.now() - started > 3000) throw new Error('the store did not react within 3 s');
    await sleep(25);
  }
  await sleep(1200); // a poll (500 ms) and a quiet period (100 ms) twice over: any second line would be here
}

/** Saves like an editor that truncates and writes in pieces, with pauses between the writes. */
async function saveInPieces(target: string, text: string): Promise<void> {
  const fd = fs.openSync(target, 'w');
  try {
    const third = Math.floor(text.length / 3);
    for (const piece of [text.slice(0, third), text.slice(third, 2 * third), text.slice(2 * third)]) {
      fs.writeSync(fd, piece);
      await sleep(15);
    }
  } finally {
    fs.closeSync(fd);
  }
}

it('logs one reload line for one edit saved in several writes', async () => {
  const before = store.current.revision;
  await saveInPieces(file(), original.replace('description: 联系电话,', 'description: 联系电话（手机）,'));
  await settled(() => store.current.revision !== before);
  expect(lines).toEqual([expect.objectContaining({ level: INFO, policyRevision: store.current.revision })]);
  expect(lines[0].msg).toContain(store.current.revision);
});

it('logs a YAML typo once, as one problem with file:line:column, and the fix once', async () => {
  const before = store.current.revision;
  // A missing colon after `types`: the parser alone reports several errors for it.
  const broken = original.replace(/^types:$/m, 'types');
  const line = broken.split('\n').findIndex((l) => l === 'types') + 1;
  await saveInPieces(file(), broken);
  await settled(() => store.problem !== null);
  expect(lines).toHaveLength(1);
  expect(lines[0].level).toBe(ERROR);
  expect(lines[0].problems).toEqual([expect.stringMatching(new RegExp(`^public-security\\.yaml:${line}:\\d+: YAML syntax error: `))]);
  expect(lines[0].msg).toContain(`public-security.yaml:${line}:`);
  expect(lines[0].policyRevision).toBe(before);
  expect(store.current.revision).toBe(before);

  // Saved again, still broken the same way: nothing new to say.
  fs.writeFileSync(file(), broken);
  fs.utimesSync(file(), new Date(), new Date(Date.now() + 5000));
  await sleep(1200);
  expect(lines).toHaveLength(1);

  // Fixed (back to what is in force): one line, and the revision stands.
  fs.writeFileSync(file(), original);
  await settled(() => store.problem === null);
  expect(lines).toHaveLength(2);
  expect(lines[1]).toMatchObject({ level: INFO, policyRevision: before });
});

it('says nothing when files are touched without a change, or only the calendar changes', async () => {
  const later = new Date(Date.now() + 10_000);
  fs.utimesSync(file(), later, later);
  fs.appendFileSync(path.join(dir, 'calendar', 'working-days.yaml'), '\n# a comment\n');
  await sleep(1500);
  expect(lines).toEqual([]);
});
