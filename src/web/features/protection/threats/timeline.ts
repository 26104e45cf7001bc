import type { TFunction } from 'i18next';
import type { TimelineEntry } from '../../../../contracts/cases.ts';

/**
 * One sentence for a threat-analysis event on the case timeline, or null for
 * any other event. The events carry codes only (the kind of actor, what a link
 * points to) — the timeline is also read by emergency readers, who do not see
 * the threat analysis itself. For TimelinePanel's `describeEvent`.
 */
export function describeThreatEvent(t: TFunction, e: Pick<TimelineEntry, 'kind' | 'data'>): string | null {
  const kind = typeof e.data.kind === 'string' ? t(`protection.threats.kinds.${e.data.kind}`, { defaultValue: e.data.kind }) : '';
  const to = typeof e.data.to === 'string' ? t(`protection.threats.kinds.${e.data.to}`, { defaultValue: e.data.to }) : '';
  switch (e.kind) {
    case 'threat.actor.added': return t('protection.threats.timeline.actorAdded', { kind });
    case 'threat.actor.changed': return t('protection.threats.timeline.actorChanged', { kind });
    case 'threat.actor.removed': return t('protection.threats.timeline.actorRemoved', { kind });
    case 'threat.link.added': return t('protection.threats.timeline.linkAdded', { to });
    case 'threat.link.removed': return t('protection.threats.timeline.linkRemoved', { to });
    case 'threat.knowledge.added': return t('protection.threats.timeline.knowledgeAdded');
    case 'threat.knowledge.removed': return t('protection.threats.timeline.knowledgeRemoved');
    default: return null;
  }
}
