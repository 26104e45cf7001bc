import type { Messages } from '../en.ts';

/** Deutsche Texte für lifecycle (gleiche Schlüssel wie lifecycle.en.ts). */
export const lifecycleDe: Messages['lifecycle'] = {
  placeholder: 'Platzhalter',
};
