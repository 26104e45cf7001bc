/** English texts for the case's protection tab (spread into en.ts under `protection`). */
export const protectionEn = {
  tab: 'Protection',
  threatsTab: 'Threats',
};
