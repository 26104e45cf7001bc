import { expect, type Page } from '@playwright/test';

/** A manager describes a programme through the form (every required part of the profile). */
export async function createProgrammeThroughUi(page: Page, name: string) {
  await page.getByRole('link', { name: 'Programmes' }).first().click();
  await page.getByRole('link', { name: 'New programme' }).first().click();
  await page.getByLabel('Name of the programme').fill(name);
  await page.getByRole('combobox', { name: 'Ideological narratives' }).click();
  await page.getByRole('option', { name: 'Right-wing extremist' }).click();
  // A narrative of the programme's own, typed in.
  await page.getByRole('combobox', { name: 'Ideological narratives' }).fill('Eco-extremist');
  await page.getByRole('combobox', { name: 'Ideological narratives' }).press('Enter');
  await page.getByLabel('Youngest age').fill('14');
  await page.getByRole('combobox', { name: 'Types of organisation' }).fill('Street group');
  await page.getByRole('combobox', { name: 'Types of organisation' }).press('Enter');
  await page.getByRole('radio', { name: 'Militant and non-militant' }).check();
  await page.getByRole('radio', { name: 'Leaders and members' }).check();
  await page.getByRole('radio', { name: 'Disengagement' }).check();
  await page.getByLabel('What the goal means in this programme').fill('Leaving the group and its violence behind.');
  await page.getByRole('checkbox', { name: 'Self-referral' }).check();
  await page.getByRole('checkbox', { name: 'Probation service' }).check();
  await page.getByLabel('What participants are told').fill('We share information only with your consent or when a life is in danger.');
  await page.getByLabel('Country').fill('de');
  await page.getByLabel('Keep closed cases (years)').fill('10');
  await page.getByLabel('Keep referrals never accepted (months)').fill('12');
  await page.getByRole('button', { name: 'Create programme' }).click();
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
}

/** Records a referral from the case list and lands on the new case. */
export async function recordReferralThroughUi(page: Page, codename: string, programme: string) {
  await page.getByRole('link', { name: 'Cases' }).first().click();
  await page.getByRole('button', { name: 'New referral' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Codename').fill(codename);
  await dialog.getByLabel('Programme').selectOption({ label: programme });
  await dialog.getByLabel('Referral route').selectOption({ label: 'Probation service' });
  await dialog.getByLabel('Referred by').fill('Probation office (fictional), desk 3');
  await dialog.getByLabel('First information').fill('Wants to talk about leaving; first contact by phone.');
  await dialog.getByRole('button', { name: 'Record referral' }).click();
  await expect(page.getByRole('heading', { level: 1, name: codename })).toBeVisible();
}
