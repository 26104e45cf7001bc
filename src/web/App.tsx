import { StartPage } from './features/start/StartPage.tsx';
import { MantineProvider } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { QueryClientProvider, type QueryClient } from '@tanstack/react-query';
import { BrowserRouter, Navigate, Route, Routes, useLocation } from 'react-router';
import { useMe, useSetupStatus } from './api/queries.ts';
import { AppLayout } from './components/AppLayout.tsx';
import { AuthLayout } from './components/AuthLayout.tsx';
import { FullPageLoading, LoadError } from './components/states.tsx';
import { SignInPage } from './features/auth/SignInPage.tsx';
import { SetupPage } from './features/auth/SetupPage.tsx';
import { CasePage } from './features/cases/CasePage.tsx';
import { CasesPage } from './features/cases/CasesPage.tsx';
import { EditProgrammePage, NewProgrammePage } from './features/programmes/ProgrammeFormPage.tsx';
import { ProgrammePage } from './features/programmes/ProgrammePage.tsx';
import { ProgrammesPage } from './features/programmes/ProgrammesPage.tsx';
import { ReviewsPage } from './features/reviews/ReviewsPage.tsx';
import { SafetyPage } from './features/safety/SafetyPage.tsx';
import { StaffMemberPage } from './features/staff/StaffMemberPage.tsx';
import { StaffPage } from './features/staff/StaffPage.tsx';
import { NotFoundPage } from './pages/NotFoundPage.tsx';
import { can } from './lib/roles.ts';
import { MeProvider, SessionProvider, useCurrentUser } from './session.tsx';
import { cssVariablesResolver, noStorageColorSchemeManager, theme } from './theme.ts';
import { useTranslation } from 'react-i18next';

export function App({ queryClient }: { queryClient: QueryClient }) {
  return (
    <MantineProvider theme={theme} forceColorScheme="light" colorSchemeManager={noStorageColorSchemeManager} cssVariablesResolver={cssVariablesResolver}>
      <Notifications position="bottom-right" limit={3} />
      <QueryClientProvider client={queryClient}>
        <BrowserRouter>
          <SessionProvider>
            <Root />
          </SessionProvider>
        </BrowserRouter>
      </QueryClientProvider>
    </MantineProvider>
  );
}

function FullPageError({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  const { t } = useTranslation();
  return (
    <AuthLayout title={t('common.unavailableTitle')}>
      <LoadError error={error} onRetry={onRetry} />
    </AuthLayout>
  );
}

/** Decides between first set-up, sign-in and the app. */
function Root() {
  const location = useLocation();
  const setup = useSetupStatus();
  if (setup.isPending) return <FullPageLoading />;
  if (setup.isError) return <FullPageError error={setup.error} onRetry={() => void setup.refetch()} />;
  if (setup.data.needsSetup || location.pathname === '/setup') return <SetupPage needsSetup={setup.data.needsSetup} />;
  return <SignedInGate />;
}

function SignedInGate() {
  const me = useMe();
  if (me.isPending) return <FullPageLoading />;
  if (me.isError) return <FullPageError error={me.error} onRetry={() => void me.refetch()} />;
  if (!me.data) return <SignInPage />;
  return (
    <MeProvider value={me.data}>
      <AppLayout>
        <AppRoutes />
      </AppLayout>
    </MeProvider>
  );
}

function Home() {
  const me = useCurrentUser();
  // People who work cases start with what needs doing; the others have no case content to show.
  return can.workCases(me) ? <StartPage /> : <Navigate to="/staff" replace />;
}

function AppRoutes() {
  const me = useCurrentUser();
  return (
    <Routes>
      <Route path="/" element={<Home />} />
      {can.workCases(me) ? <Route path="/cases" element={<CasesPage />} /> : null}
      {can.workCases(me) ? <Route path="/cases/:id" element={<CasePage />} /> : null}
      <Route path="/programmes" element={<ProgrammesPage />} />
      {can.editProgrammes(me) ? <Route path="/programmes/new" element={<NewProgrammePage />} /> : null}
      <Route path="/programmes/:id" element={<ProgrammePage />} />
      {can.editProgrammes(me) ? <Route path="/programmes/:id/edit" element={<EditProgrammePage />} /> : null}
      {can.review(me) ? <Route path="/reviews" element={<ReviewsPage />} /> : null}
      <Route path="/safety" element={<SafetyPage />} />
      <Route path="/staff" element={<StaffPage />} />
      <Route path="/staff/:id" element={<StaffMemberPage />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}
