/**
 * A TCP proxy the test controls, in front of a real server: it forwards bytes both ways until
 * told to stall (connections stay open, nothing moves — a database that hangs), to resume
 * (what was held back flows again), or to go away (listener closed, connections cut — a
 * database that cannot be reached) and come back on the same port.
 */
import net from 'node:net';

interface Pair {
  client: net.Socket;
  upstream?: net.Socket;
  /** Bytes held back while stalled, per direction. */
  toUpstream: Buffer[];
  toClient: Buffer[];
  /** Stalled for good: nothing moves on this connection again until it is cut. */
  frozen?: boolean;
}

export class TcpProxy {
  private server?: net.Server;
  private readonly pairs = new Set<Pair>();
  private stalled = false;

  private constructor(
    private readonly target: { host: string; port: number },
    public port: number,
  ) {}

  /** Listens on `port` (0 = any free port) and forwards to `target`. */
  static async start(target: { host: string; port: number }, port = 0): Promise<TcpProxy> {
    const proxy = new TcpProxy(target, port);
    await proxy.listen();
    return proxy;
  }

  /** Listens again (after {@link close}) on the same port. */
  async listen(): Promise<void> {
    const server = net.createServer((client) => this.accept(client));
    await new Promise<void>((resolve, reject) => server.once('error', reject).listen(this.port, '127.0.0.1', () => resolve()));
    this.port = (server.address() as net.AddressInfo).port;
    this.server = server;
  }

  /** Nothing moves any more, in either direction, on old or new connections; nothing is closed. */
  stall(): void {
    this.stalled = true;
  }

  /**
   * The connections open now stop moving, for good, and stay open (a path that drops packets
   * without a reset; a server hung for one session); new connections work as before.
   */
  freezeOpen(): void {
    for (const pair of this.pairs) pair.frozen = true;
  }

  /** Connections frozen by {@link freezeOpen} still open. */
  get frozenOpen(): number {
    return [...this.pairs].filter((p) => p.frozen).length;
  }

  /** Everything held back is delivered, and bytes flow again. */
  resume(): void {
    this.stalled = false;
    for (const pair of this.pairs) this.flush(pair);
  }

  /** Stops listening and cuts every connection (the server is unreachable until {@link listen}). */
  async close(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    for (const pair of this.pairs) {
      pair.client.destroy();
      pair.upstream?.destroy();
    }
    this.pairs.clear();
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private accept(client: net.Socket): void {
    const pair: Pair = { client, toUpstream: [], toClient: [] };
    this.pairs.add(pair);
    const end = () => {
      if (!this.pairs.delete(pair)) return;
      client.destroy();
      pair.upstream?.destroy();
    };
    client.on('data', (chunk: Buffer) => {
      pair.toUpstream.push(chunk);
      this.flush(pair);
    });
    client.on('close', end).on('error', end);
    const upstream = net.connect(this.target.port, this.target.host);
    pair.upstream = upstream;
    upstream.on('data', (chunk: Buffer) => {
      pair.toClient.push(chunk);
      this.flush(pair);
    });
    upstream.on('connect', () => this.flush(pair));
    upstream.on('close', end).on('error', end);
  }

  private flush(pair: Pair): void {
    if (this.stalled || pair.frozen) return;
    if (pair.upstream && !pair.upstream.connecting) {
      for (const chunk of pair.toUpstream.splice(0)) pair.upstream.write(chunk);
    }
    for (const chunk of pair.toClient.splice(0)) pair.client.write(chunk);
  }
}
