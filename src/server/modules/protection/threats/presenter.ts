import type { InvolvedStaff, KnowledgeEntry, LinkTarget, ThreatActor, ThreatActorDetails, ThreatAnalysis, ThreatLink } from '../../../../contracts/threats.ts';
import { threatActorDetailsSchema } from '../../../../contracts/threats.ts';
import type { Keyring } from '../../../platform/crypto/keyring.ts';

/** Where each encrypted value lives (the place is bound into the ciphertext: a value copied elsewhere does not open). */
export const actorPlace = (id: string) => ({ table: 'threat_actors', column: 'details_enc', rowId: id });
export const linkPlace = (id: string) => ({ table: 'threat_links', column: 'relation_enc', rowId: id });
export const knowledgePlace = (id: string) => ({ table: 'dangerous_knowledge', column: 'notes_enc', rowId: id });

export const sealActorDetails = (keyring: Keyring, id: string, details: ThreatActorDetails) => keyring.encrypt(actorPlace(id), JSON.stringify(details));

export async function openActorDetails(keyring: Keyring, id: string, enc: Buffer): Promise<ThreatActorDetails> {
  // Parsed with the contract: a row written by an older version gets its missing fields filled, not a crash.
  const raw = JSON.parse(await keyring.decrypt(actorPlace(id), enc)) as Partial<ThreatActorDetails>;
  return threatActorDetailsSchema.parse({ role: '', relationToClient: '', capability: 'unknown', intent: 'unknown', lastKnownActivity: '', lastActivityOn: null, notes: '', ...raw });
}

export type ActorRow = { id: string; kind: ThreatActor['kind']; detailsEnc: string; revision: number; createdByName: string | null; updatedAt: string };
export type LinkRow = { id: string; fromActorId: string; toKind: LinkTarget['kind']; toActorId: string | null; toStaffId: string | null; relationEnc: string; createdByName: string | null; createdAt: string };
export type KnowledgeRow = { id: string; category: KnowledgeEntry['category']; notesEnc: string; recordedByName: string | null; recordedAt: string };
export type ThreatRows = { actors: ActorRow[]; links: LinkRow[]; knowledge: KnowledgeRow[]; staff: InvolvedStaff[] };

const iso = (v: string) => new Date(v).toISOString();
const b64 = (v: string) => Buffer.from(v, 'base64');

function targetOf(row: LinkRow): LinkTarget {
  if (row.toKind === 'actor') return { kind: 'actor', actorId: row.toActorId! };
  if (row.toKind === 'staff') return { kind: 'staff', staffId: row.toStaffId! };
  return { kind: 'client' };
}

/** Decrypts what the caller has already established the reader may see. */
export async function presentThreatAnalysis(keyring: Keyring, rows: ThreatRows, mayEdit: boolean): Promise<ThreatAnalysis> {
  const actors = await Promise.all(rows.actors.map(async (a): Promise<ThreatActor> => ({
    id: a.id, kind: a.kind, revision: a.revision, createdByName: a.createdByName, updatedAt: iso(a.updatedAt),
    ...(await openActorDetails(keyring, a.id, b64(a.detailsEnc))),
  })));
  const links = await Promise.all(rows.links.map(async (l): Promise<ThreatLink> => ({
    id: l.id, fromActorId: l.fromActorId, to: targetOf(l), createdByName: l.createdByName, createdAt: iso(l.createdAt),
    relation: await keyring.decrypt(linkPlace(l.id), b64(l.relationEnc)),
  })));
  const knowledge = await Promise.all(rows.knowledge.map(async (k): Promise<KnowledgeEntry> => ({
    id: k.id, category: k.category, recordedByName: k.recordedByName, recordedAt: iso(k.recordedAt),
    notes: await keyring.decrypt(knowledgePlace(k.id), b64(k.notesEnc)),
  })));
  return { actors, links, knowledge, staff: rows.staff, mayEdit };
}
