import type { Messages } from '../en.ts';

/** Deutsche Texte für das Bedrohungstagebuch (gleiche Schlüssel wie logbook.en.ts). */
export const logbookDe: Messages['logbook'] = {
  tab: 'Bedrohungstagebuch',
};
