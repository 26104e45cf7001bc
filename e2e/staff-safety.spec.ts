import { expect, test, type Page } from '@playwright/test';
import { authenticator } from 'otplib';
import { expectNoSeriousA11yIssues, people as allPeople, signIn, type Person } from './people.ts';

const people = () => allPeople<'lone' | 'duty'>();

async function openSafety(page: Page) {
  // At phone width the navigation sits behind the menu button.
  await page.getByRole('button', { name: 'Open navigation' }).click();
  await page.getByRole('link', { name: 'Safety' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Safety' })).toBeVisible();
}

const hhmm = (d: Date) => `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;

test('a missed check-out reaches the manager, who takes it over (phone) @phone', async ({ browser }) => {
  test.setTimeout(240_000);
  const { lone, duty } = people();
  const now = Math.floor(Date.now() / 30_000) * 30_000;
  const code = (p: Person) => authenticator.clone({ epoch: now }).generate(p.secret);
  const phone = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };

  // The manager sets a short chain: in a real programme these are minutes, here seconds.
  const mctx = await browser.newContext(phone);
  const m = await mctx.newPage();
  await signIn(m, duty, code(duty));
  await openSafety(m);
  await m.getByRole('tab', { name: 'Escalation' }).click();
  await m.getByLabel('Reminder to the worker after').fill('0');
  await m.getByLabel('Buddy after').fill('0.1');
  await m.getByLabel('Managers after').fill('0.2');
  await m.getByLabel('Emergency procedure after').fill('0.3');
  await m.getByLabel('Emergency procedure', { exact: true }).fill('Call the duty phone, then the police.');
  await m.getByRole('button', { name: 'Save escalation' }).click();
  await expect(m.getByText('Escalation saved.')).toBeVisible();
  await m.getByRole('tab', { name: 'Today' }).click();

  // The worker, on a phone, plans a field visit ending at the next full minute and starts it.
  const wctx = await browser.newContext(phone);
  const w = await wctx.newPage();
  await signIn(w, lone, code(lone));
  await openSafety(w);
  const start = new Date();
  const end = new Date(start.getTime() + (60 - start.getSeconds() < 20 ? 120_000 : 60_000));
  await w.getByRole('button', { name: 'Add to the board' }).click();
  const dialog = w.getByRole('dialog');
  await dialog.getByRole('combobox', { name: 'What' }).click();
  await w.getByRole('option', { name: 'Field visit' }).click();
  await dialog.getByLabel('From').fill(hhmm(start));
  await dialog.getByLabel('Until').fill(hhmm(end));
  await dialog.getByLabel('Where').fill('Youth centre Nord, side entrance');
  await dialog.getByRole('button', { name: 'Add to the board' }).click();
  await expect(w.getByText('Added to the board.')).toBeVisible();
  await w.getByRole('button', { name: 'Start now' }).click();
  await expect(w.getByRole('heading', { name: 'You are on a field visit' })).toBeVisible();
  await expect(w.getByRole('button', { name: "I'm safe" })).toBeVisible();
  const width = await w.evaluate(() => document.documentElement.scrollWidth);
  expect(width).toBeLessThanOrEqual(400);
  await expectNoSeriousA11yIssues(w);

  // The worker does not check out. The manager's page receives the alert live, with where she is.
  const alert = m.getByTestId('safety-alert').filter({ hasText: 'Lea Loneworker has not checked out' }).first();
  await expect(alert).toBeVisible({ timeout: 150_000 });
  await expect(alert).toContainText('Youth centre Nord');
  await alert.getByRole('button', { name: 'I take this over' }).click();
  await expect(m.getByText('You have taken this over. The escalation has stopped.')).toBeVisible();
  await expect(m.getByText(/Taken over by Dora Duty/).first()).toBeVisible();

  // The worker's screen shows the visit overdue, and she can still check out.
  await w.reload();
  await expect(w.getByText(/Overdue since/)).toBeVisible();
  await w.getByRole('button', { name: 'Check out' }).click();
  await expect(w.getByText('Checked out. Welcome back.')).toBeVisible();
  await mctx.close();
  await wctx.close();
});
