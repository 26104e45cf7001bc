/**
 * The setup link carries its one-time token in the URL fragment (never sent
 * to the server in a request line, never in logs). We read it once, keep it in
 * memory only, and remove it from the address bar and history entry at once.
 */
let token: string | null = null;

export function captureSetupToken(): void {
  const hash = window.location.hash;
  if (!hash || hash.length < 2) return;
  const params = new URLSearchParams(hash.slice(1));
  if (!params.has('token')) return;
  token = params.get('token') || null;
  window.history.replaceState(window.history.state, '', window.location.pathname + window.location.search);
}

export function setupToken(): string | null {
  return token;
}

export function forgetSetupToken(): void {
  token = null;
}
