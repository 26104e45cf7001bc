import { expect, test, type Page } from '@playwright/test';
import { authenticator } from 'otplib';
import { expectNoSeriousA11yIssues, people as allPeople, signInFresh, type Person } from './people.ts';

const people = () => allPeople<'caseManager' | 'caseWorker'>();


const profile = {
  targetGroup: { narratives: ['jihadist'], ageMin: 16, ageMax: 40, organisationTypes: [], militancy: 'both', positions: 'both' },
  goal: 'disengagement', goalExplanation: 'Leaving the group and its violence behind.', accessRoutes: ['self'],
  transparencyStatement: 'We share information only with your consent or when a life is in danger.',
  jurisdiction: { country: 'DE', closedCaseRetentionYears: 10, unacceptedReferralRetentionMonths: 12 },
};

test('emergency plan: a team member writes it with two steps and a call tree of two, and prints the pocket card', async ({ browser }) => {
  test.setTimeout(180_000);
  const { caseManager: manager, caseWorker: worker } = people();

  // Manager: a programme and a case whose lead worker is the worker (set up through the API; the case screens have their own spec).
  const mctx = await browser.newContext();
  const m = await mctx.newPage();
  await signInFresh(m, manager);
  const caseId = await m.evaluate(async ({ profile, team }) => {
    const call = async (method: string, url: string, body: unknown) => {
      const res = await fetch(url, { method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      if (!res.ok) throw new Error(`${method} ${url}: ${res.status}`);
      return res.json();
    };
    const programme = await call('POST', '/api/programmes', { name: 'Emergency plan programme', profile });
    const created = await call('POST', '/api/cases', {
      codename: 'Kestrel', programmeId: programme.id,
      referral: { route: 'self', referrer: 'Self-referral by phone', referredOn: '2026-01-05', firstInformation: 'Wants out; threatened by the group.' },
    });
    const detail = await (await fetch(`/api/cases/${created.id}`)).json();
    await call('PUT', `/api/cases/${created.id}/team`, { members: team, expectedVersion: detail.version });
    return created.id as string;
  }, { profile, team: [{ staffId: worker.id, role: 'lead', identityAccess: false }] });
  await mctx.close();

  // The lead worker opens the case's Protection tab.
  const wctx = await browser.newContext();
  const w = await wctx.newPage();
  await signInFresh(w, worker);
  await w.goto(`/cases/${caseId}`);
  await expect(w.getByRole('heading', { level: 1, name: 'Kestrel' })).toBeVisible();
  await w.getByRole('tab', { name: 'Protection' }).click();
  await expect(w.getByRole('heading', { name: 'Shielding plan' })).toBeVisible();
  await expect(w.getByText('No emergency plan yet')).toBeVisible();
  await expectNoSeriousA11yIssues(w);

  // Write the plan: two steps, two people to call (the second moved up), first with a phone number that is not one.
  await w.getByRole('button', { name: 'Write emergency plan' }).click();
  await w.getByRole('button', { name: 'Add trigger' }).click();
  await w.getByRole('textbox', { name: 'Trigger 1' }).fill('Former comrades seen near the flat');
  await w.getByRole('textbox', { name: 'Step 1' }).fill('Leave by the back door and go to the petrol station');
  await w.getByRole('button', { name: 'Add step' }).click();
  await w.getByRole('textbox', { name: 'Step 2' }).fill('Call the first number on this card');
  const first = w.getByRole('listitem', { name: 'Call 1' });
  await first.getByLabel('Role').fill('Security officer');
  await first.getByLabel('Name').fill('Gus');
  await first.getByLabel('Phone').fill('+49 30 7654321');
  await w.getByRole('button', { name: 'Add person to call' }).click();
  const second = w.getByRole('listitem', { name: 'Call 2' });
  await second.getByLabel('Role').fill('Lead worker');
  await second.getByLabel('Name').fill('Kai');
  await second.getByLabel('Phone').fill('call Kai');
  await second.getByLabel('Fallback if no answer').fill('Programme duty phone');
  await w.getByRole('button', { name: 'Move up: Call 2' }).click();
  await w.getByLabel('What was agreed with them').fill('Patrol passes twice a night for four weeks.');

  await w.getByRole('button', { name: 'Save', exact: true }).click();
  // The phone error stands next to the field, in words; nothing typed is lost.
  const lead = w.getByRole('listitem', { name: 'Call 1' });
  await expect(lead.getByText('Enter a phone number')).toBeVisible();
  await expect(lead.getByLabel('Name')).toHaveValue('Kai');
  await expect(w.getByRole('textbox', { name: 'Step 2' })).toHaveValue('Call the first number on this card');
  await expectNoSeriousA11yIssues(w);
  await lead.getByLabel('Phone').fill('0151 2345678');
  await w.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(w.getByText('Emergency plan saved as version 1.')).toBeVisible();

  const plan = w.getByRole('region', { name: 'Emergency plan' });
  await expect(plan.getByText('Version 1')).toBeVisible();
  await expect(plan.getByText('Leave by the back door and go to the petrol station')).toBeVisible();
  await expect(plan.getByRole('link', { name: '0151 2345678' })).toBeVisible();
  // A worker is not the case's security officer: no safe locations, no relocation.
  await expect(w.getByText('Safe locations')).toHaveCount(0);
  await expect(w.getByRole('heading', { name: 'Relocation' })).toHaveCount(0);

  // The pocket card: preview, the print button, and the print view.
  await w.getByRole('button', { name: 'Print pocket card' }).click();
  const dialog = w.getByRole('dialog', { name: 'Pocket card' });
  await expect(dialog.getByTestId('pocket-card-preview').getByText('Emergency card – Kestrel')).toBeVisible();
  await expect(dialog.getByText('Include safe locations')).toHaveCount(0);
  await expectNoSeriousA11yIssues(w);
  await w.evaluate(() => { (window as unknown as { printed: number }).printed = 0; window.print = () => { (window as unknown as { printed: number }).printed++; }; });
  await dialog.getByRole('button', { name: 'Print', exact: true }).click();
  expect(await w.evaluate(() => (window as unknown as { printed: number }).printed)).toBe(1);

  const printed = w.getByTestId('pocket-card-print');
  await expect(printed).toBeHidden();
  await w.emulateMedia({ media: 'print' });
  await expect(printed).toBeVisible();
  for (const text of ['Emergency card – Kestrel', 'Leave by the back door and go to the petrol station', 'Call the first number on this card', '0151 2345678', '+49 30 7654321', 'Fallback: Programme duty phone']) {
    await expect(printed.getByText(text)).toBeVisible();
  }
  // The lead worker's number comes first: the order of the call tree as saved.
  await expect(printed.locator('ol').nth(1).locator('li').first()).toContainText('Kai');
  // Nothing but the card is printed: not the case page, not the dialog, not what was agreed with the agency.
  await expect(w.getByRole('heading', { level: 1, name: 'Kestrel' })).toBeHidden();
  await expect(dialog).toBeHidden();
  await expect(printed.getByText('twice a night')).toHaveCount(0);
  await w.emulateMedia({ media: 'screen' });
  await expect(printed).toBeHidden();

  await wctx.close();
});

test('the emergency plan form fits a phone @phone', async ({ page }) => {
  const { caseManager: manager } = people();
  await signInFresh(page, manager);
  const caseId = await page.evaluate(async ({ profile }) => {
    const call = async (method: string, url: string, body: unknown) => {
      const res = await fetch(url, { method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      if (!res.ok) throw new Error(`${method} ${url}: ${res.status}`);
      return res.json();
    };
    const programme = await call('POST', '/api/programmes', { name: 'Phone plan programme', profile });
    const created = await call('POST', '/api/cases', {
      codename: 'Merlin', programmeId: programme.id,
      referral: { route: 'self', referrer: 'Self-referral by phone', referredOn: '2026-01-05', firstInformation: 'Wants out.' },
    });
    return created.id as string;
  }, { profile });
  await page.goto(`/cases/${caseId}`);
  await page.getByRole('tab', { name: 'Protection' }).click();
  await page.getByRole('button', { name: 'Write emergency plan' }).click();
  await expect(page.getByRole('listitem', { name: 'Call 1' }).getByLabel('Phone')).toBeVisible();
  // A manager may write safe locations: the sealed field is there, marked.
  await expect(page.getByLabel(/Safe locations/)).toBeVisible();
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width).toBeLessThanOrEqual(400);
  await expectNoSeriousA11yIssues(page);
});
