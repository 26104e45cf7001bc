import { createTheme, type CSSVariablesResolver, type MantineColorSchemeManager } from '@mantine/core';

export const theme = createTheme({
  primaryColor: 'indigo',
  primaryShade: { light: 7, dark: 5 },
  defaultRadius: 'md',
  focusRing: 'auto',
  cursorType: 'pointer',
  fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif',
  headings: { fontWeight: '650' },
});

/** Mantine would remember the colour scheme in localStorage; Exitdesk keeps nothing but the language there. */
export const noStorageColorSchemeManager: MantineColorSchemeManager = {
  get: (defaultValue) => defaultValue,
  set: () => {},
  subscribe: () => {},
  unsubscribe: () => {},
  clear: () => {},
};

/**
 * Contrast: Mantine's default "dimmed" grey and error red are below 4.5:1 on
 * white for small text. Darker shades keep secondary text readable (WCAG AA).
 */
export const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  light: {
    '--mantine-color-dimmed': '#5c636b',
    '--mantine-color-error': 'var(--mantine-color-red-9)',
    // Light badges and alerts: paler backgrounds and darker text than Mantine's defaults.
    ...Object.fromEntries(['teal', 'indigo', 'red', 'orange', 'yellow'].flatMap((c) => [
      [`--mantine-color-${c}-light`, `var(--mantine-color-${c}-0)`],
      [`--mantine-color-${c}-light-hover`, `var(--mantine-color-${c}-1)`],
    ])),
    '--mantine-color-orange-light-color': '#a63c0a',
    '--mantine-color-yellow-light-color': '#7a5200',
  },
  dark: {},
});
