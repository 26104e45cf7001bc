import type { Messages } from '../en.ts';

/** Deutsche Texte für die Risikoeinschätzung (gleiche Schlüssel wie risk.en.ts). */
export const riskDe: Messages['risk'] = {
  tab: 'Risiko',
};
