import { useQueryClient } from '@tanstack/react-query';
import { createContext, Fragment, use, useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useNavigate } from 'react-router';
import type { Me } from '../contracts/auth.ts';
import { onSessionLost } from './api/client.ts';

type Notice = 'sessionEnded' | 'signedOut' | null;

type Session = {
  /**
   * Forgets everything held in memory for the previous session: clears the
   * TanStack cache and remounts the whole app below, which drops component
   * state too (typed text, revealed values). Then the app asks the server who is signed in.
   */
  restart: (opts?: { to?: string; notice?: Notice }) => void;
  notice: Notice;
};

const SessionContext = createContext<Session | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const qc = useQueryClient();
  const navigate = useNavigate();
  const [epoch, setEpoch] = useState(0);
  const [notice, setNotice] = useState<Notice>(null);

  const restart = useCallback((opts?: { to?: string; notice?: Notice }) => {
    qc.clear();
    if (opts?.to) void navigate(opts.to, { replace: true });
    setNotice(opts?.notice ?? null);
    setEpoch((e) => e + 1);
  }, [qc, navigate]);

  useEffect(() => onSessionLost(() => restart({ notice: 'sessionEnded' })), [restart]);

  const value = useMemo(() => ({ restart, notice }), [restart, notice]);
  return (
    <SessionContext value={value}>
      <Fragment key={epoch}>{children}</Fragment>
    </SessionContext>
  );
}

export function useSession(): Session {
  const s = use(SessionContext);
  if (!s) throw new Error('useSession outside SessionProvider');
  return s;
}

const MeContext = createContext<Me | null>(null);
export const MeProvider = MeContext;

/** The signed-in person; only used below the signed-in part of the app. */
export function useCurrentUser(): Me {
  const me = use(MeContext);
  if (!me) throw new Error('useCurrentUser outside the signed-in app');
  return me;
}
