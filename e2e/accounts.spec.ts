import { expect, test, type Page } from '@playwright/test';
import { authenticator } from 'otplib';

type Person = { email: string; password: string; name: string; secret: string; id: string };
const people = () => JSON.parse(process.env.E2E_PEOPLE ?? '{}') as Record<'staffManager', Person>;
const codeAt = (secret: string, stepsAhead: number) =>
  authenticator.clone({ epoch: (Math.floor(Date.now() / 30_000) + stepsAhead) * 30_000 }).generate(secret);

async function signIn(page: Page, email: string, password: string) {
  await page.goto('/');
  await page.getByLabel('E-mail').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

test('a new colleague: created by the manager, enrols two-factor sign-in, stores recovery codes', async ({ browser }) => {
  const { staffManager: manager } = people();
  const mctx = await browser.newContext();
  const m = await mctx.newPage();
  await signIn(m, manager.email, manager.password);
  await m.getByLabel('Code').fill(codeAt(manager.secret, 0));
  await m.getByRole('button', { name: 'Verify' }).click();
  await m.getByRole('link', { name: 'Staff' }).first().click();

  await m.getByRole('button', { name: 'New staff member' }).click();
  const dialog = m.getByRole('dialog');
  await dialog.getByLabel('Name').fill('Nina Newcomer');
  await dialog.getByLabel('E-mail').fill(manager.email); // taken: the save fails
  await dialog.getByLabel(/^Password/).fill('a long first password');
  await dialog.getByRole('button', { name: 'Create account' }).click();
  // The server's field error sits next to the field, and nothing typed is lost.
  await expect(dialog.getByLabel('E-mail')).toHaveAccessibleDescription(/already exists/);
  await expect(dialog.getByLabel('Name')).toHaveValue('Nina Newcomer');
  await dialog.getByLabel('E-mail').fill('nina@e2e.example.test');
  await dialog.getByRole('button', { name: 'Create account' }).click();
  await expect(m.getByRole('dialog')).toHaveCount(0);
  await expect(m.getByText('Nina Newcomer').first()).toBeVisible();

  // Nina's first sign-in: enrol the authenticator, confirm a code, see the recovery codes once.
  const nctx = await browser.newContext();
  const n = await nctx.newPage();
  await signIn(n, 'nina@e2e.example.test', 'a long first password');
  await expect(n.getByRole('heading', { name: 'Set up two-factor sign-in' })).toBeVisible();
  await n.getByRole('button', { name: /Enter the key by hand/ }).click();
  const secret = (await n.locator('.secret-text').innerText()).replace(/\s+/g, '');
  await n.getByLabel('Code').fill(codeAt(secret, 0));
  await n.getByRole('button', { name: 'Verify' }).click();
  const codes = n.getByRole('list', { name: 'Recovery codes' }).getByRole('listitem');
  await expect(codes).toHaveCount(10);
  await n.getByLabel('I have stored these codes in a safe place').check();
  await n.getByRole('button', { name: 'Continue' }).click();
  await expect(n.getByText('Nina Newcomer').first()).toBeVisible();

  // Nina replaces the password the manager chose for her.
  await n.getByRole('button', { name: /Nina Newcomer/ }).click();
  await n.getByRole('menuitem', { name: 'Change password' }).click();
  const pw = n.getByRole('dialog');
  await pw.getByLabel(/^Current password/).fill('a long first password');
  await pw.getByLabel(/^New password/).fill('nina chooses her own words');
  await pw.getByRole('button', { name: 'Change password' }).click();
  await expect(n.getByText('Your password was changed.')).toBeVisible();

  // Language switch: the interface speaks German and remembers nothing but the language.
  await n.getByLabel('Language').first().selectOption('de');
  await expect(n.getByRole('link', { name: 'Mitarbeitende' }).first()).toBeVisible();
  const stored = await n.evaluate(() => ({ local: Object.keys(localStorage), session: Object.keys(sessionStorage) }));
  expect(stored.session).toEqual([]);
  expect(stored.local.filter((k) => k !== 'exitdesk.language')).toEqual([]);

  await Promise.all([mctx.close(), nctx.close()]);
});
