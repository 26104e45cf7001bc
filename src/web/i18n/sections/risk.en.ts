/** English texts for the case's risk tab (spread into en.ts under `risk`). */
export const riskEn = {
  tab: 'Risk',
};
