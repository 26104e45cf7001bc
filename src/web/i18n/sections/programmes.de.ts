import type { Messages } from '../en.ts';

/** Deutsche Texte für programmes (gleiche Schlüssel wie programmes.en.ts). */
export const programmesDe: Messages['programmes'] = {
  placeholder: 'Platzhalter',
};
