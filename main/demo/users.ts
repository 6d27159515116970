// The demo plant's people, with known passwords (printed in the README): never use these outside a demo.
import type { Role } from '../../common/api/users';
import type { Invoke } from '../api/types';
import { caller } from './plant';

export const DEMO_USERS: readonly { username: string; printedName: string; roles: Role[]; password: string }[] = [
  { username: 'admin', printedName: 'Ada Admin', roles: ['admin'], password: 'demo-admin-pw' },
  { username: 'qa1', printedName: 'Quinn Archer', roles: ['qa'], password: 'demo-qa1-pw' },
  { username: 'op1', printedName: 'Owen Park', roles: ['operator'], password: 'demo-op1-pw' },
  { username: 'viewer1', printedName: 'Vera Lind', roles: ['viewer'], password: 'demo-viewer1-pw' },
];

export async function seedDemoUsers(invoke: Invoke): Promise<void> {
  const call = caller(invoke);
  // Hashed side by side: each scrypt takes about a second.
  await Promise.all(DEMO_USERS.map((user) => call('users.create', user)));
}
