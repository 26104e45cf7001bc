/** English texts for the client agreement and conduct screens (spread into en.ts under `agreement`). */
export const agreementEn = {
  placeholder: 'placeholder',
};
