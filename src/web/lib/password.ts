/** 16 characters from an unambiguous alphabet, ~93 bits. Generated in the browser, shown once. */
export function suggestPassword(): string {
  const alphabet = 'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  // Rejection sampling keeps every character equally likely.
  const limit = Math.floor(2 ** 32 / alphabet.length) * alphabet.length;
  const chars: string[] = [];
  while (chars.length < 16) {
    const bytes = new Uint32Array(16);
    crypto.getRandomValues(bytes);
    for (const b of bytes) if (b < limit && chars.length < 16) chars.push(alphabet[b % alphabet.length]!);
  }
  return [chars.slice(0, 4), chars.slice(4, 8), chars.slice(8, 12), chars.slice(12, 16)].map((g) => g.join('')).join('-');
}
