import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';
import { authenticator } from 'otplib';

/** The people global-setup provisioned through the CLI, with their TOTP secrets. */
export type Person = { email: string; password: string; name: string; secret: string; id: string };
export const people = <K extends string>() => JSON.parse(process.env.E2E_PEOPLE ?? '{}') as Record<K, Person>;

/** The real sign-in: password, then a code from the authenticator. */
export async function signIn(page: Page, who: Person, code: string) {
  await page.goto('/');
  await page.getByLabel('E-mail').fill(who.email);
  await page.getByLabel('Password').fill(who.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByLabel('Code').fill(code);
  await page.getByRole('button', { name: 'Verify' }).click();
  await expect(page.getByText(who.name).first()).toBeVisible();
}

/**
 * Sign-in that survives sharing people with other specs: a TOTP code is
 * accepted once per 30-second step, so when this person's current code was
 * used already, wait for the next step and enter that one.
 */
export async function signInFresh(page: Page, who: Person) {
  await page.goto('/');
  await page.getByLabel('E-mail').fill(who.email);
  await page.getByLabel('Password').fill(who.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  for (let attempt = 0; attempt < 3; attempt++) {
    const step = Math.floor(Date.now() / 30_000);
    await page.getByLabel('Code').fill(authenticator.clone({ epoch: step * 30_000 }).generate(who.secret));
    await page.getByRole('button', { name: 'Verify' }).click();
    const signedIn = page.getByText(who.name).first();
    await expect(signedIn.or(page.getByText(/already used|not right/).first())).toBeVisible();
    if (await signedIn.isVisible()) return;
    await page.waitForTimeout(Math.max(0, (step + 1) * 30_000 - Date.now()) + 500);
  }
  throw new Error(`could not sign in as ${who.name}`);
}

export async function expectNoSeriousA11yIssues(page: Page) {
  const a11y = await new AxeBuilder({ page }).analyze();
  expect(a11y.violations.filter((v) => v.impact === 'critical' || v.impact === 'serious').map((v) => `${v.id}: ${v.nodes[0]?.target}`)).toEqual([]);
}
