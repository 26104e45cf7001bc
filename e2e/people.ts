import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

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

export async function expectNoSeriousA11yIssues(page: Page) {
  const a11y = await new AxeBuilder({ page }).analyze();
  expect(a11y.violations.filter((v) => v.impact === 'critical' || v.impact === 'serious').map((v) => `${v.id}: ${v.nodes[0]?.target}`)).toEqual([]);
}
