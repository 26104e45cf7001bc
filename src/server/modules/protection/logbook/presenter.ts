import type { EvidenceMediaType, Logbook, ThreatChannel } from '../../../../contracts/logbook.ts';
import type { Actor } from '../../../platform/auth/actor.ts';
import type { Keyring } from '../../../platform/crypto/keyring.ts';
import type { VisibleCase } from '../../cases/queries.ts';
import { entryDetailsPlace, evidenceNamePlace, type EntryDetails } from './places.ts';
import type { EntryRow } from './queries.ts';
import { logbookPolicy } from './policy.ts';

const iso = (v: string | Date) => new Date(v).toISOString();

/** Decrypts what the logbook shows; called only after the read was allowed and audited. */
export async function presentLogbook(keyring: Keyring, rows: EntryRow[], actor: Actor, found: VisibleCase): Promise<Logbook> {
  const entries = await Promise.all(rows.map(async (e) => {
    const details = JSON.parse(await keyring.decrypt(entryDetailsPlace(e.id), Buffer.from(e.detailsEnc, 'base64'))) as EntryDetails;
    return {
      id: e.id, occurredOn: e.occurredOn, channel: e.channel as ThreatChannel, what: details.what, who: details.who,
      recordedByName: e.recordedByName, recordedAt: iso(e.recordedAt),
      evidence: await Promise.all(e.evidence.map(async (f) => ({
        id: f.id, mediaType: f.mediaType as EvidenceMediaType, size: f.size, uploadedByName: f.uploadedByName, uploadedAt: iso(f.uploadedAt),
        name: await keyring.decrypt(evidenceNamePlace(f.id), Buffer.from(f.nameEnc, 'base64')),
      }))),
    };
  }));
  return {
    entries,
    may: { record: logbookPolicy.mayRecord(actor, found, found.status), removeEvidence: logbookPolicy.mayRemoveEvidence(actor, found, found.status) },
  };
}

/** The download's file name: generic, so neither the URL nor the saved file carries the original name. */
export function downloadName(fileId: string, mediaType: string): string {
  const ext = mediaType === 'image/jpeg' ? 'jpg' : mediaType === 'image/png' ? 'png' : mediaType === 'image/webp' ? 'webp' : 'pdf';
  return `evidence-${fileId.slice(0, 8)}.${ext}`;
}
