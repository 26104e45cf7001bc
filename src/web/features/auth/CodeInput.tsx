import { TextInput, type TextInputProps } from '@mantine/core';

/** The 6-digit authenticator code: one field, numeric keyboard, filled in by password managers. */
export function CodeInput(props: TextInputProps) {
  return (
    <TextInput
      inputMode="numeric"
      autoComplete="one-time-code"
      maxLength={7}
      spellCheck={false}
      styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)', letterSpacing: '0.2em', fontSize: 'var(--mantine-font-size-lg)' } }}
      {...props}
    />
  );
}

/** "123 456" and "123456" are the same code. */
export function normaliseCode(code: string): string {
  return code.replace(/\s+/g, '');
}
