import { expect, test } from '@playwright/test';
import { authenticator } from 'otplib';
import { expectNoSeriousA11yIssues, people as allPeople, signIn, type Person } from './people.ts';

const people = () => allPeople<'carer' | 'careManager'>();

test('staff care: an overdue check-up on the managers\' list, a session note only its author reads', async ({ browser }) => {
  const { carer, careManager } = people();
  const now = Math.floor(Date.now() / 30_000) * 30_000;
  const code = (p: Person) => authenticator.clone({ epoch: now }).generate(p.secret);
  const past = new Date(Date.now() - 5 * 86_400_000).toISOString().slice(0, 10);

  const mctx = await browser.newContext();
  const m = await mctx.newPage();
  await signIn(m, careManager, code(careManager));
  await m.goto(`/staff/${carer.id}`);
  await expect(m.getByText('No clinical content is stored, by design')).toBeVisible();
  await m.getByLabel('Next check-up due on').fill(past);
  await m.getByRole('button', { name: 'Schedule' }).click();
  await expect(m.getByText('Check-up scheduled.')).toBeVisible();
  await m.goto('/staff');
  const due = m.getByRole('region', { name: 'Care due' });
  await expect(due.getByText(/Overdue since/)).toBeVisible();
  await due.getByRole('link', { name: 'Cem Carer' }).click();
  await m.getByRole('button', { name: 'Mark done' }).click();
  await expect(m.getByText(/Recorded as done. The next check-up is due on/)).toBeVisible();

  const wctx = await browser.newContext();
  const w = await wctx.newPage();
  await signIn(w, carer, code(carer));
  await w.goto(`/staff/${carer.id}`);
  await w.getByLabel('With whom').fill('External supervisor');
  await w.getByLabel('My note (only I can read it)').fill('The last visit stayed with me for days.');
  await w.getByRole('button', { name: 'Record session' }).click();
  await expect(w.getByText('Session recorded.')).toBeVisible();
  await expect(w.getByText('The last visit stayed with me for days.')).toBeVisible();
  await expectNoSeriousA11yIssues(w);

  await m.reload();
  await expect(m.getByText(/Supervision with External supervisor/)).toBeVisible();
  await expect(m.getByText('The last visit stayed with me for days.')).toHaveCount(0);
  await mctx.close();
  await wctx.close();
});
