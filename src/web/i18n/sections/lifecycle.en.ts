/** English texts for the lifecycle screens (spread into en.ts under `lifecycle`). */
export const lifecycleEn = {
  placeholder: 'placeholder',
};
