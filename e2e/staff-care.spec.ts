import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { authenticator } from 'otplib';

type Person = { email: string; password: string; name: string; secret: string; id: string };
const people = () => JSON.parse(process.env.E2E_PEOPLE ?? '{}') as Record<'carer' | 'careManager', Person>;

async function signIn(page: Page, who: Person, code: string) {
  await page.goto('/');
  await page.getByLabel('E-mail').fill(who.email);
  await page.getByLabel('Password').fill(who.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByLabel('Code').fill(code);
  await page.getByRole('button', { name: 'Verify' }).click();
  await expect(page.getByText(who.name).first()).toBeVisible();
}

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
  const a11y = await new AxeBuilder({ page: w }).analyze();
  expect(a11y.violations.filter((v) => v.impact === 'critical' || v.impact === 'serious').map((v) => v.id)).toEqual([]);

  await m.reload();
  await expect(m.getByText(/Supervision with External supervisor/)).toBeVisible();
  await expect(m.getByText('The last visit stayed with me for days.')).toHaveCount(0);
  await mctx.close();
  await wctx.close();
});
