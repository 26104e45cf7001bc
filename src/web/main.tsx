import './zod-jitless.ts';
import '@mantine/core/styles.css';
import '@mantine/notifications/styles.css';
import './styles.css';
import { QueryCache, QueryClient } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { isApiError, notifySessionLost } from './api/client.ts';
import { App } from './App.tsx';
import { initI18n } from './i18n/index.ts';
import { captureSetupToken } from './lib/setupToken.ts';

// Take the one-time setup token out of the address bar before anything renders.
captureSetupToken();
initI18n();

/**
 * A read that finds the session gone sends the app back to sign-in at once.
 * A failed save does not: its form keeps the typed text and offers to sign in
 * again (see FormError), so nothing is lost without the person seeing it.
 */
function onQueryError(err: unknown): void {
  if (isApiError(err) && err.status === 401 && err.code === 'unauthenticated') notifySessionLost();
}

const queryClient = new QueryClient({
  queryCache: new QueryCache({ onError: onQueryError }),
  defaultOptions: {
    queries: {
      // Every case read is audited: no refetch just because the window got focus.
      refetchOnWindowFocus: false,
      refetchOnReconnect: false,
      staleTime: 15_000,
      gcTime: 60_000,
      retry: (failures, err) => failures < 1 && (!isApiError(err) || err.status === 0 || err.status >= 500),
    },
    mutations: { gcTime: 0, retry: false },
  },
});

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <App queryClient={queryClient} />
    </StrictMode>,
  );
}
