/** What bench/load/run.ts and bench/load/server.ts say to each other, and who the clients are. */
import type { Requester } from '../../lib/identity';

export type ServerMessage =
  | { kind: 'ready'; gatewayUrl: string; tokens: string[]; engines: Record<string, string>; persons: number }
  | { kind: 'records'; requestIds: string[] };

export type LoadMessage = { kind: 'records' } | { kind: 'stop' };

/** How many well-behaved clients run at once (issue 8: 100 concurrent clients). */
export const CLIENTS = 100;

/**
 * The well-behaved clients: 100 caseworkers and tax officers of several departments (each
 * its own user, so no one user's limit is shared), then the abusive client last.
 */
export const CLIENT_IDENTITIES: Requester[] = [
  ...Array.from({ length: CLIENTS }, (_, i): Requester => ({
    user: `load-${String(i).padStart(3, '0')}`,
    dept: ['civil-affairs', 'tax', 'housing-fund', 'human-resources'][i % 4],
    // 320102 玄武区 sees the showcase household; the grant widens nothing here.
    division: '320102',
    roles: ['consumer'],
  })),
  { user: 'abuser-01', dept: 'civil-affairs', division: '320102', roles: ['consumer'] },
];
