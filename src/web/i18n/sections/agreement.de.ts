import type { Messages } from '../en.ts';

/** Deutsche Texte für Vereinbarung und Verhalten (gleiche Schlüssel wie agreement.en.ts). */
export const agreementDe: Messages['agreement'] = {
  placeholder: 'Platzhalter',
};
