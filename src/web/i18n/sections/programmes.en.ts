/** English texts for the programmes screens (spread into en.ts under `programmes`). */
export const programmesEn = {
  placeholder: 'placeholder',
};
