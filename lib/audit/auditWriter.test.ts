/**
 * The group commit's backstop: a commit that never returns (a transaction whose connection
 * hangs past the statement deadline, see accessLog.ts) costs its own batch, not the log.
 * The statement deadline itself is proven against a real hung server in
 * test/faults/access-log-db.test.ts; here the store is one whose commits the test holds.
 */
import type { AccessLog, StoredAccessEntry } from './accessLog';
import { AuditUnavailable, AuditWriter } from './auditWriter';
import type { AccessEntryInput } from './entry';

type Commit = { entries: StoredAccessEntry[]; witnessed: Promise<void> };

/** A store whose first `hang` commits never settle; later ones commit at once. */
function storeThatHangs(hang: number) {
  const calls: AccessEntryInput[][] = [];
  const store = {
    commit(writer: string, inputs: AccessEntryInput[]): Promise<Commit> {
      calls.push(inputs);
      if (calls.length <= hang) return new Promise<Commit>(() => undefined);
      return Promise.resolve({ entries: inputs.map((e, i) => ({ ...e, writer, seq: i + 1, id: i + 1 }) as StoredAccessEntry), witnessed: Promise.resolve() });
    },
  };
  return { store: store as unknown as AccessLog, calls };
}

const entry = (requestId: string) => ({ requestId }) as unknown as AccessEntryInput;

describe('AuditWriter: a commit that never returns', () => {
  it('fails its own batch at the deadline and commits the next batch, without a restart', async () => {
    const { store, calls } = storeThatHangs(1);
    const writer = new AuditWriter(store, 'w', { timeoutMs: 1_000, commitDeadlineMs: 50 });
    const first = writer.append(entry('a'));
    await expect(first).rejects.toBeInstanceOf(AuditUnavailable);
    await expect(first).rejects.toThrow(/did not return within 50 ms/);
    await writer.append(entry('b'));
    expect(calls.map((c) => c.map((e) => e.requestId))).toEqual([['a'], ['b']]);
    expect({ committed: writer.committed, abandoned: writer.abandoned }).toEqual({ committed: 1, abandoned: 1 });
  });

  it('lets drain() return, so shutdown is not held by a hung connection', async () => {
    const { store } = storeThatHangs(Infinity);
    const writer = new AuditWriter(store, 'w', { timeoutMs: 1_000, commitDeadlineMs: 50 });
    const appended = writer.append(entry('a')).catch((err) => err);
    await writer.drain();
    expect(await appended).toBeInstanceOf(AuditUnavailable);
  });

  it('does not give a commit up when its request gives up waiting: the record still lands', async () => {
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    const calls: AccessEntryInput[][] = [];
    const store = {
      async commit(writer: string, inputs: AccessEntryInput[]): Promise<Commit> {
        calls.push(inputs);
        await held;
        return { entries: inputs.map((e, i) => ({ ...e, writer, seq: i + 1, id: i + 1 }) as StoredAccessEntry), witnessed: Promise.resolve() };
      },
    } as unknown as AccessLog;
    const writer = new AuditWriter(store, 'w', { timeoutMs: 20 });
    await expect(writer.append(entry('a'))).rejects.toBeInstanceOf(AuditUnavailable);
    setTimeout(release, 50);
    await writer.drain();
    expect({ committed: writer.committed, abandoned: writer.abandoned }).toEqual({ committed: 1, abandoned: 0 });
  });
});
