import type { Actor } from '../../../../platform/auth/actor.ts';
import type { Keyring } from '../../../../platform/crypto/keyring.ts';
import type { Db } from '../../../../platform/db/client.ts';

/** What every threat-analysis command is given: who asks, in which request, about which case. */
export type ThreatCommandOpts = { db: Db; keyring: Keyring; actor: Actor; requestId: string; caseId: string };
