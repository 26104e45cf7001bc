import { expect, test } from '@playwright/test';
import { authenticator } from 'otplib';
import { expectNoSeriousA11yIssues, people as allPeople, signIn, type Person } from './people.ts';
import { createProgrammeThroughUi, recordReferralThroughUi } from './lifecycle-helpers.ts';

const people = () => allPeople<'manager' | 'worker' | 'outsider'>();

test('a case only its team can see, and the manager sees who accessed it', async ({ browser }) => {
  const { manager, worker, outsider } = people();
  const now = Math.floor(Date.now() / 30_000) * 30_000;
  const code = (p: Person, offset: number) => authenticator.clone({ epoch: now + offset * 30_000 }).generate(p.secret);

  // Manager: sign in with MFA, describe a programme, record a referral to it, put the worker on its team.
  const mctx = await browser.newContext();
  const m = await mctx.newPage();
  await signIn(m, manager, code(manager, 0));
  await createProgrammeThroughUi(m, 'Need-to-know programme');
  await recordReferralThroughUi(m, 'Osprey', 'Need-to-know programme');
  const caseUrl = m.url();
  await expectNoSeriousA11yIssues(m);
  await m.getByRole('button', { name: 'Edit team' }).click();
  await m.getByLabel('Lead worker').click();
  await m.getByRole('option', { name: new RegExp(worker.name) }).click();
  await m.getByRole('button', { name: 'Save team' }).click();
  await expect(m.getByText(worker.name).first()).toBeVisible();

  // Worker on the team: reads the case and adds a note.
  const wctx = await browser.newContext();
  const w = await wctx.newPage();
  await signIn(w, worker, code(worker, 0));
  await w.goto(caseUrl);
  await expect(w.getByRole('heading', { name: 'Osprey' })).toBeVisible();
  await w.getByLabel('New note').fill('First meeting at the library went well.');
  await w.getByRole('button', { name: 'Add note' }).click();
  await expect(w.getByText('First meeting at the library went well.')).toBeVisible();

  // A second worker not on the team: the case does not exist for them.
  const octx = await browser.newContext();
  const o = await octx.newPage();
  await signIn(o, outsider, code(outsider, 0));
  const apiAnswer = o.waitForResponse((r) => r.url().includes('/api/cases/') && r.request().method() === 'GET');
  await o.goto(caseUrl);
  expect((await apiAnswer).status()).toBe(404);
  await expect(o.getByRole('heading', { name: 'Case not found' })).toBeVisible();
  await expect(o.getByText('Osprey')).toHaveCount(0);

  // Manager: the access log shows both the worker's read and the outsider's refused attempt.
  await m.reload();
  await m.getByRole('tab', { name: 'Access log' }).click();
  const log = m.getByRole('tabpanel');
  await expect(log.getByText(worker.name).first()).toBeVisible();
  await expect(log.getByText(outsider.name).first()).toBeVisible();

  await Promise.all([mctx.close(), wctx.close(), octx.close()]);
});

test('sign-in works at phone width @phone', async ({ page }) => {
  const { worker } = people();
  const now = Math.floor(Date.now() / 30_000) * 30_000;
  await signIn(page, worker, authenticator.clone({ epoch: now + 30_000 }).generate(worker.secret));
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width).toBeLessThanOrEqual(400);
});
