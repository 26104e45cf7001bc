import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { authenticator } from 'otplib';
import { expectNoSeriousA11yIssues, people as allPeople, signInFresh, type Person } from './people.ts';

const people = () => allPeople<'manager' | 'worker' | 'guard' | 'caseManager' | 'caseWorker'>();


/** The accessibility check for an open drawer: its own content (the page behind sits under the overlay). */
async function expectAccessibleDialog(page: Page) {
  // Let the drawer's slide-in finish: mid-transition colours are not the real ones.
  await page.waitForTimeout(500);
  const a11y = await new AxeBuilder({ page }).include('[role="dialog"]').analyze();
  expect(a11y.violations.filter((v) => v.impact === 'critical' || v.impact === 'serious').map((v) => `${v.id}: ${v.nodes[0]?.target}`)).toEqual([]);
}

const profile = {
  targetGroup: { narratives: ['right_wing_extremist'], ageMin: 16, ageMax: 40, organisationTypes: [], militancy: 'both', positions: 'both' },
  goal: 'disengagement', goalExplanation: 'Leaving the group and its violence behind.', accessRoutes: ['self'],
  transparencyStatement: 'We share information only with your consent or when a life is in danger.',
  jurisdiction: { country: 'DE', closedCaseRetentionYears: 10, unacceptedReferralRetentionMonths: 12 },
};

/** A programme and a case with a team, through the API as the signed-in manager (the UI for these has its own specs). */
async function createCaseWithTeam(page: Page, codename: string, team: { staffId: string; role: 'lead' | 'member' }[]): Promise<string> {
  return page.evaluate(async ({ profile, codename, team }) => {
    const call = async (method: string, url: string, body: unknown) => {
      const res = await fetch(url, { method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      if (!res.ok) throw new Error(`${method} ${url}: ${res.status}`);
      return res.json();
    };
    const programme = await call('POST', '/api/programmes', { name: `Threat network programme ${codename}`, profile });
    const created = await call('POST', '/api/cases', {
      codename, programmeId: programme.id,
      referral: { route: 'self', referrer: 'Self-referral by phone', referredOn: '2026-01-05', firstInformation: 'Wants out; afraid of the group.' },
    });
    const detail = await (await fetch(`/api/cases/${created.id}`)).json();
    await call('PUT', `/api/cases/${created.id}/team`, { members: team.map((m) => ({ ...m, identityAccess: false })), expectedVersion: detail.version });
    return created.id as string;
  }, { profile, codename, team });
}

test('threat network: a team member adds two groups and a person, links them, and opens a node from the picture', async ({ browser }) => {
  test.setTimeout(180_000);
  const { manager, worker, guard } = people();

  // Manager: a programme and a case whose team is the worker (lead) and the security officer.
  const mctx = await browser.newContext();
  const m = await mctx.newPage();
  await signInFresh(m, manager);
  const caseId = await createCaseWithTeam(m, 'Nightjar', [{ staffId: worker.id, role: 'lead' }, { staffId: guard.id, role: 'member' }]);
  await mctx.close();

  // The lead worker opens the case's threat analysis.
  const wctx = await browser.newContext();
  const w = await wctx.newPage();
  await signInFresh(w, worker);
  await w.goto(`/cases/${caseId}`);
  await expect(w.getByRole('heading', { level: 1, name: 'Nightjar' })).toBeVisible();
  await w.getByRole('tab', { name: 'Threats' }).click();
  await expect(w.getByRole('heading', { name: 'Threat analysis' })).toBeVisible();

  const addActor = async (button: string, name: string, role: string, capability: string) => {
    await w.getByRole('button', { name: button }).click();
    const dialog = w.getByRole('dialog');
    await dialog.getByLabel(/^Name of the/).fill(name);
    await dialog.getByLabel('Role', { exact: true }).fill(role);
    await dialog.getByLabel('Relation to the client').fill(`${name} knew the client before the exit.`);
    await dialog.getByRole('radiogroup', { name: 'Capability' }).getByRole('radio', { name: capability }).check();
    await dialog.getByRole('radiogroup', { name: 'Intent' }).getByRole('radio', { name: 'High' }).check();
    await dialog.getByLabel('Last known activity', { exact: true }).fill('Asked around for the client\'s new address.');
    await dialog.getByRole('button', { name: /^Save (group|person)$/ }).click();
    await expect(dialog).toHaveCount(0);
  };
  await addActor('Add group', 'Blue Cell', 'Local cell', 'High');
  await addActor('Add group', 'Harbour Crew', 'Street group', 'Moderate');

  // A missing name is refused at the field, and what was typed stays.
  await w.getByRole('button', { name: 'Add person' }).click();
  const personDialog = w.getByRole('dialog');
  await personDialog.getByLabel('Role', { exact: true }).fill('Enforcer');
  await personDialog.getByRole('button', { name: 'Save person' }).click();
  await expect(personDialog.getByText('Please fill this in.')).toBeVisible();
  await expect(personDialog.getByLabel('Role', { exact: true })).toHaveValue('Enforcer');
  await personDialog.getByLabel('Name of the person').fill('Harald Example');
  await personDialog.getByLabel('Notes').fill('Drives a green van.');
  await personDialog.getByRole('button', { name: 'Save person' }).click();
  await expect(personDialog).toHaveCount(0);

  const link = async (from: string, to: string, relation: string) => {
    await w.getByRole('button', { name: 'Link', exact: true }).click();
    const dialog = w.getByRole('dialog');
    await dialog.getByLabel('Who (X)').selectOption({ label: from });
    await dialog.getByLabel('is linked to (Y)').selectOption({ label: to });
    await dialog.getByLabel('How').fill(relation);
    await dialog.getByRole('button', { name: 'Save link' }).click();
    await expect(dialog).toHaveCount(0);
  };
  await link('Harald Example', 'Blue Cell', 'member and enforcer');
  await link('Blue Cell', 'Client (Nightjar)', 'recruited the client');
  await link('Harbour Crew', 'Client (Nightjar)', 'threatened the client');

  // The same link twice: refused with the reason at the field.
  await w.getByRole('button', { name: 'Link', exact: true }).click();
  const again = w.getByRole('dialog');
  await again.getByLabel('Who (X)').selectOption({ label: 'Blue Cell' });
  await again.getByLabel('is linked to (Y)').selectOption({ label: 'Harald Example' });
  await again.getByLabel('How').fill('same link, other way round');
  await again.getByRole('button', { name: 'Save link' }).click();
  await expect(again.getByText('These two are linked already.')).toBeVisible();
  await again.getByRole('button', { name: 'Cancel' }).click();

  // The picture: the client, two groups, one person and the two staff on the team.
  const network = w.getByTestId('threat-network');
  const nodes = network.locator('.react-flow__node');
  await expect(nodes).toHaveCount(6);
  for (const label of ['Client: Nightjar', 'Group: Blue Cell', 'Group: Harbour Crew', 'Person: Harald Example', `Staff: ${worker.name}`, `Staff: ${guard.name}`]) {
    await expect(network.getByRole('group', { name: label })).toBeVisible();
  }
  await expect(network.locator('.react-flow__edge')).toHaveCount(3 + 2);

  // The text alternative says the same.
  const links = w.getByRole('region', { name: 'Who is linked to whom' });
  await expect(links.getByText('Harald Example is linked to Blue Cell: member and enforcer')).toBeVisible();
  await expect(links.getByText('Blue Cell is linked to Client (Nightjar): recruited the client')).toBeVisible();
  await expectNoSeriousA11yIssues(w);

  // Clicking the person's node opens its details.
  await network.getByRole('group', { name: 'Person: Harald Example' }).click();
  const drawer = w.getByRole('dialog', { name: 'Harald Example' });
  await expect(drawer.getByText('Enforcer', { exact: true })).toBeVisible();
  await expect(drawer.getByText('Drives a green van.')).toBeVisible();
  await expect(drawer.getByText('Harald Example is linked to Blue Cell: member and enforcer')).toBeVisible();
  await expectAccessibleDialog(w);
  await drawer.getByRole('button', { name: 'Close' }).click();

  // Keyboard: Enter on a focused node opens it too.
  await network.getByRole('group', { name: 'Group: Blue Cell' }).focus();
  await w.keyboard.press('Enter');
  await expect(w.getByRole('dialog', { name: 'Blue Cell' }).getByText('Local cell', { exact: true })).toBeVisible();

  await wctx.close();
});

test('threat analysis at phone width: the picture fits, the list is there @phone', async ({ browser }) => {
  test.setTimeout(180_000);
  const { caseManager, caseWorker } = people();
  const mctx = await browser.newContext();
  const m = await mctx.newPage();
  await signInFresh(m, caseManager);
  const caseId = await createCaseWithTeam(m, 'Wagtail', [{ staffId: caseWorker.id, role: 'lead' }]);
  await mctx.close();

  const wctx = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  const w = await wctx.newPage();
  await signInFresh(w, caseWorker);
  await w.goto(`/cases/${caseId}`);
  await w.getByRole('tab', { name: 'Threats' }).click();
  await w.getByRole('button', { name: 'Add group' }).click();
  await w.getByRole('dialog').getByLabel('Name of the group').fill('Night Watch');
  await w.getByRole('dialog').getByRole('button', { name: 'Save group' }).click();
  await expect(w.getByRole('dialog')).toHaveCount(0);
  const network = w.getByTestId('threat-network');
  await expect(network.getByRole('group', { name: 'Group: Night Watch' })).toBeVisible();
  await expect(w.getByRole('region', { name: 'Groups, persons and staff' }).getByRole('button', { name: 'Night Watch' })).toBeVisible();
  const box = await network.boundingBox();
  expect(box!.width).toBeLessThanOrEqual(390);
  expect(await w.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await expectNoSeriousA11yIssues(w);
  // The list opens the same details as the picture.
  await w.getByRole('region', { name: 'Groups, persons and staff' }).getByRole('button', { name: 'Night Watch' }).click();
  await expect(w.getByRole('dialog', { name: 'Night Watch' })).toBeVisible();
  await expectAccessibleDialog(w);
  await wctx.close();
});
