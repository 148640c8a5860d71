import net from 'node:net';
import { connectServer } from '../db';
import { DependencyFailure, stateOfFailure } from './health';

/** The state a real driver's failure maps to. */
async function stateOfPing(url: string): Promise<string> {
  const db = connectServer(url);
  try {
    await db.ping();
    return 'ok';
  } catch (err) {
    return stateOfFailure(err);
  } finally {
    await db.close();
  }
}

async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

it('a refused connection is unreachable, for PostgreSQL and MySQL drivers and for fetch', async () => {
  const port = await closedPort();
  expect(await stateOfPing(`postgres://u@127.0.0.1:${port}/x`)).toBe('unreachable');
  expect(await stateOfPing(`mysql://u@127.0.0.1:${port}/x`)).toBe('unreachable');
  expect(stateOfFailure(await fetch(`http://127.0.0.1:${port}/readyz`).catch((e) => e))).toBe('unreachable');
});

it('a connection the server drops is unreachable', async () => {
  const server = net.createServer((s) => s.destroy());
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    expect(await stateOfPing(`postgres://u@127.0.0.1:${(server.address() as net.AddressInfo).port}/x`)).toBe('unreachable');
  } finally {
    server.close();
  }
});

it('a deadline is timeout; an explicit failure keeps its state; anything else is error', () => {
  expect(stateOfFailure(AbortSignal.abort(new DOMException('late', 'TimeoutError')).reason)).toBe('timeout');
  expect(stateOfFailure(new DependencyFailure('error', 'policies/x.yaml: bad'))).toBe('error');
  expect(stateOfFailure(new Error('something else'))).toBe('error');
});

const pgUrl = process.env.GOVGRAPH_PG_URL;
(pgUrl ? it : it.skip)('a server that answers with a failure (unknown database) is error, not unreachable', async () => {
  const u = new URL(pgUrl!);
  u.pathname = '/gg_no_such_database';
  expect(await stateOfPing(u.toString())).toBe('error');
});
