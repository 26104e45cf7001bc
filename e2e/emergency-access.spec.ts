import { expect, test } from '@playwright/test';
import { authenticator } from 'otplib';
import { expectNoSeriousA11yIssues, people as allPeople, signIn, type Person } from './people.ts';
import { createProgrammeThroughUi, recordReferralThroughUi } from './lifecycle-helpers.ts';

const people = () => allPeople<'reviewer' | 'guard'>();

test('emergency access: the security officer breaks the glass, the manager is alerted and reviews it', async ({ browser }) => {
  const { reviewer, guard } = people();
  const now = Math.floor(Date.now() / 30_000) * 30_000;
  const code = (p: Person) => authenticator.clone({ epoch: now }).generate(p.secret);

  // Manager: a programme, its version history, and a referral to it.
  const mctx = await browser.newContext();
  const m = await mctx.newPage();
  await signIn(m, reviewer, code(reviewer));
  await createProgrammeThroughUi(m, 'Emergency test programme');
  await expect(m.getByText('Eco-extremist')).toBeVisible();
  await expect(m.getByText('Right-wing extremist')).toBeVisible();
  await expectNoSeriousA11yIssues(m);
  // Editing saves version 2; the history keeps version 1.
  await m.getByRole('link', { name: 'Edit profile' }).click();
  await expect(m.getByText(/Saving creates version 2/)).toBeVisible();
  await m.getByLabel('Oldest age').fill('40');
  await m.getByRole('button', { name: 'Save as new version' }).click();
  await expect(m.getByText('14 to 40 years')).toBeVisible();
  await expect(m.getByRole('button', { name: 'Show version 1' })).toBeVisible();
  // A colleague saves while the manager edits: the 409 keeps what was typed.
  await m.getByRole('link', { name: 'Edit profile' }).click();
  await m.getByLabel('Oldest age').fill('35');
  const programmeId = new URL(m.url()).pathname.split('/')[2]!;
  const colleague = await m.evaluate(async (id) => {
    const cur = await (await fetch(`/api/programmes/${id}`)).json() as { name: string; version: number; profile: Record<string, unknown> };
    const r = await fetch(`/api/programmes/${id}`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: cur.name, profile: { ...cur.profile, goalExplanation: 'Changed by a colleague.' }, expectedVersion: cur.version }) });
    return r.status;
  }, programmeId);
  expect(colleague).toBe(200);
  await m.getByRole('button', { name: 'Save as new version' }).click();
  await expect(m.getByRole('alert').filter({ hasText: 'Someone else saved this programme' })).toBeVisible();
  await expect(m.getByLabel('Oldest age')).toHaveValue('35');
  await m.getByRole('button', { name: 'Save mine as version 4' }).click();
  await expect(m.getByText('14 to 35 years')).toBeVisible();
  await expect(m.getByText('Version 4 · saved', { exact: false })).toBeVisible();
  await recordReferralThroughUi(m, 'Heron', 'Emergency test programme');

  // Security officer, not on the team: the case list is empty, emergency access needs the exact codename.
  const gctx = await browser.newContext();
  const g = await gctx.newPage();
  await signIn(g, guard, code(guard));
  await g.getByRole('link', { name: 'Cases' }).first().click();
  await g.getByRole('button', { name: 'Emergency access' }).click();
  const dialog = g.getByRole('dialog');
  await expect(dialog.getByText('All managers are alerted at once', { exact: false })).toBeVisible();
  await dialog.getByLabel('Exact codename').fill('Heronx');
  await dialog.getByLabel('Reason').fill('Client called the crisis line, threatened by former group.');
  await dialog.getByRole('button', { name: 'Open the case now' }).click();
  await expect(dialog.getByLabel('Exact codename')).toHaveAccessibleDescription(/No case has this codename/);
  await expect(dialog.getByLabel('Reason')).toHaveValue(/crisis line/);
  await dialog.getByLabel('Exact codename').fill('Heron');
  await dialog.getByLabel('Access for').selectOption({ label: '2 hours' });
  await dialog.getByRole('button', { name: 'Open the case now' }).click();
  await expect(g.getByRole('heading', { level: 1, name: 'Heron' })).toBeVisible();

  // Manager: the bell shows the alert (the poll runs every 15 s), opening it marks it read.
  await m.goto('/cases');
  // Other specs may have alerted every manager too: at least this one is unread.
  const bell = m.getByRole('button', { name: /Alerts: \d+ unread/ });
  await expect(bell).toBeVisible({ timeout: 20_000 });
  await expect(m.getByRole('link', { name: /Reviews.*\d+ waiting/ })).toBeVisible();
  await bell.click();
  await m.getByRole('menuitem', { name: /Emergency access to case Heron by Gus Guard/ }).click();
  await expect(m.getByRole('heading', { level: 1, name: 'Reviews' })).toBeVisible();
  await expect(m.getByRole('button', { name: 'Alerts', exact: true })).toBeVisible();
  await expect(m.getByText('Client called the crisis line', { exact: false })).toBeVisible();
  await expectNoSeriousA11yIssues(m);
  await m.getByRole('button', { name: 'Not justified' }).click();
  const review = m.getByRole('dialog');
  await review.getByLabel('Review note').fill('No emergency: the team lead was reachable.');
  await review.getByRole('button', { name: 'Record decision' }).click();
  await expect(m.getByText('No emergency access is waiting for review')).toBeVisible();
  await m.getByText('All', { exact: true }).click();
  await expect(m.getByText('No emergency: the team lead was reachable.')).toBeVisible();

  // Case list filters: state and programme in the address bar, never the search text.
  await m.goto('/cases');
  await m.getByLabel('Search cases').fill('Hero');
  await m.getByLabel('State').selectOption({ label: 'Referral' });
  await expect(m.getByRole('link', { name: 'Heron' })).toBeVisible();
  expect(m.url()).toContain('state=referral');
  expect(m.url()).not.toContain('Hero');
  await m.getByLabel('State').selectOption({ label: 'Active' });
  await expect(m.getByText('No case matches', { exact: true })).toBeVisible();
  await expect(m.getByText('Check the spelling', { exact: false })).toBeVisible();

  await Promise.all([mctx.close(), gctx.close()]);
});
