import type { Messages } from '../en.ts';

/** Deutsche Texte für Bedrohungsanalyse, Schutz- und Notfallplan (gleiche Schlüssel wie protection.en.ts). */
export const protectionDe: Messages['protection'] = {
  tab: 'Schutz',
  threatsTab: 'Bedrohungen',
};
