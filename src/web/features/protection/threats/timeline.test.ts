import i18n from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { de } from '../../../i18n/de.ts';
import { en } from '../../../i18n/en.ts';
import { describeThreatEvent } from './timeline.ts';

beforeAll(async () => {
  await i18n.init({ lng: 'en', resources: { en: { translation: en }, de: { translation: de } }, interpolation: { escapeValue: false } });
});

describe('threat events on the timeline', () => {
  it('says what happened from the codes alone, in both languages; other events are left to the timeline', async () => {
    const t = i18n.t.bind(i18n);
    expect(describeThreatEvent(t, { kind: 'threat.actor.added', data: { kind: 'group' } })).toBe('Threat analysis: an entry added (Group)');
    expect(describeThreatEvent(t, { kind: 'threat.link.added', data: { to: 'staff' } })).toBe('Threat analysis: a link added (to: Staff)');
    expect(describeThreatEvent(t, { kind: 'threat.knowledge.removed', data: {} })).toBe('Threat analysis: a dangerous-knowledge entry removed');
    expect(describeThreatEvent(t, { kind: 'note.added', data: { level: 'team' } })).toBeNull();
    await i18n.changeLanguage('de');
    expect(describeThreatEvent(t, { kind: 'threat.actor.removed', data: { kind: 'person', links: 2 } })).toBe('Bedrohungsanalyse: Eintrag entfernt (Person)');
  });
});
