/** English texts for the case's threat logbook tab (spread into en.ts under `logbook`). */
export const logbookEn = {
  tab: 'Threat logbook',
};
