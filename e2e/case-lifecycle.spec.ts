import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { authenticator } from 'otplib';
import { createProgrammeThroughUi, recordReferralThroughUi } from './lifecycle-helpers.ts';

type Person = { email: string; password: string; name: string; secret: string; id: string };
const people = () => JSON.parse(process.env.E2E_PEOPLE ?? '{}') as Record<'caseManager' | 'caseWorker', Person>;

async function signIn(page: Page, who: Person, code: string) {
  await page.goto('/');
  await page.getByLabel('E-mail').fill(who.email);
  await page.getByLabel('Password').fill(who.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByLabel('Code').fill(code);
  await page.getByRole('button', { name: 'Verify' }).click();
  await expect(page.getByText(who.name).first()).toBeVisible();
}

async function expectNoSeriousA11yIssues(page: Page) {
  const a11y = await new AxeBuilder({ page }).analyze();
  expect(a11y.violations.filter((v) => v.impact === 'critical' || v.impact === 'serious').map((v) => `${v.id}: ${v.nodes[0]?.target}`)).toEqual([]);
}

test('case lifecycle: intake, safeguarding gate, acceptance, a colleague\'s change, sealed identity, who knows what', async ({ browser }) => {
  const { caseManager, caseWorker } = people();
  const now = Math.floor(Date.now() / 30_000) * 30_000;
  const code = (p: Person) => authenticator.clone({ epoch: now }).generate(p.secret);

  // Manager: a programme and a referral to it; the case page opens in state "referral".
  const mctx = await browser.newContext();
  const m = await mctx.newPage();
  await signIn(m, caseManager, code(caseManager));
  await createProgrammeThroughUi(m, 'Lifecycle test programme');
  await recordReferralThroughUi(m, 'Lark', 'Lifecycle test programme');
  const caseUrl = m.url();
  await expect(m.getByText('Referral', { exact: true }).first()).toBeVisible();
  await expect(m.getByText('Lifecycle test programme, version 1 at referral')).toBeVisible();
  await expectNoSeriousA11yIssues(m);

  // Team: the worker leads, with identity access.
  await m.getByRole('button', { name: 'Edit team' }).click();
  await m.getByLabel('Lead worker').click();
  await m.getByRole('option', { name: new RegExp(caseWorker.name) }).click();
  await m.getByRole('checkbox', { name: new RegExp(`Identity access ${caseWorker.name}`) }).check();
  await m.getByRole('button', { name: 'Save team' }).click();
  await expect(m.getByText(`Lead worker: ${caseWorker.name}`)).toBeVisible();

  await m.getByRole('button', { name: 'Start intake' }).click();
  await m.getByRole('dialog').getByRole('button', { name: 'Start intake' }).click();
  await expect(m.getByText('Intake started.')).toBeVisible();

  // Intake: the criteria follow the facts as they are typed; the age stays unknown.
  await m.getByRole('tab', { name: 'Intake' }).click();
  await m.getByRole('button', { name: 'Edit referral and facts' }).click();
  await m.getByLabel('Ideology (narrative)').selectOption({ label: 'Right-wing extremist' });
  await m.getByRole('combobox', { name: 'Type of organisation' }).fill('Street group');
  const criteria = m.getByRole('region', { name: 'Target group' });
  await expect(criteria.getByRole('listitem').filter({ hasText: /^Ideology/ })).toContainText('Met');
  await expect(criteria.getByRole('listitem').filter({ hasText: /^Age/ })).toContainText('Unknown');
  await expectNoSeriousA11yIssues(m);
  await m.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(m.getByText('Referral and eligibility facts saved.')).toBeVisible();

  // Accepting now: the server names what the safeguarding gate still misses.
  await m.getByRole('button', { name: 'Accept case' }).click();
  const accept = m.getByRole('dialog');
  await accept.getByLabel('Why accept outside the target group?').fill('Age not yet confirmed; clearly an adult.');
  await accept.getByRole('button', { name: 'Accept case' }).click();
  await expect(accept.getByText('Record the intake case discussion first.')).toBeVisible();
  await expect(accept.getByText('Record the initial risk screening first.')).toBeVisible();
  await accept.getByRole('button', { name: 'Cancel' }).click();

  await m.getByRole('button', { name: 'Record discussion' }).click();
  const discussion = m.getByRole('dialog');
  await discussion.getByLabel('Participants').fill('Case manager, lead worker');
  await discussion.getByRole('radio', { name: 'Accept' }).check();
  await discussion.getByLabel('Reasons').fill('Motivated to leave.');
  await discussion.getByRole('button', { name: 'Save discussion' }).click();
  await expect(m.getByText('Case discussion recorded.')).toBeVisible();

  await m.getByRole('button', { name: 'Record screening' }).click();
  const screening = m.getByRole('dialog');
  await screening.getByRole('radiogroup', { name: 'Risk to staff' }).getByRole('radio', { name: 'Low' }).check();
  await screening.getByRole('radiogroup', { name: 'Threat from the former group' }).getByRole('radio', { name: 'Moderate' }).check();
  await screening.getByRole('radiogroup', { name: 'Immediate protection needed' }).getByRole('radio', { name: 'No' }).check();
  await screening.getByRole('button', { name: 'Save screening' }).click();
  await expect(m.getByText('Risk screening recorded.')).toBeVisible();

  await m.getByRole('button', { name: 'Accept case' }).click();
  await accept.getByLabel('Why accept outside the target group?').fill('Age not yet confirmed; clearly an adult.');
  await accept.getByRole('button', { name: 'Accept case' }).click();
  await expect(m.getByText('Case accepted.')).toBeVisible();
  await expect(m.getByText('Lifecycle test programme, accepted under version 1')).toBeVisible();

  // A colleague changes the case while the manager types: 409, "Reload", the reason stays.
  await m.getByRole('button', { name: 'Suspend' }).click();
  const suspend = m.getByRole('dialog');
  await suspend.getByLabel('Reason').fill('Client in hospital for two weeks.');
  const caseId = new URL(caseUrl).pathname.split('/')[2]!;
  const colleague = await m.evaluate(async (id) => {
    const c = await (await fetch(`/api/cases/${id}`)).json() as { version: number };
    return (await fetch(`/api/cases/${id}/screening`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ riskToStaff: 'low', threatFromGroup: 'low', immediateProtectionNeeded: false, notes: '', expectedVersion: c.version }) })).status;
  }, caseId);
  expect(colleague).toBe(200);
  await suspend.getByRole('button', { name: 'Suspend case' }).click();
  await expect(suspend.getByText('Someone else changed this case', { exact: false })).toBeVisible();
  await suspend.getByRole('button', { name: 'Reload' }).click();
  await expect(suspend.getByLabel('Reason')).toHaveValue('Client in hospital for two weeks.');
  await suspend.getByRole('button', { name: 'Suspend case' }).click();
  await expect(m.getByText('Case suspended.')).toBeVisible();

  await m.getByRole('tab', { name: 'Timeline' }).click();
  const timeline = m.getByRole('tabpanel');
  await expect(timeline.getByText('Case accepted outside the target group under programme version 1')).toBeVisible();
  await expect(timeline.getByText('Client in hospital for two weeks.')).toBeVisible();

  // The lead worker records the sealed identity and reveals it (just signed in: the second factor is fresh).
  const wctx = await browser.newContext();
  const w = await wctx.newPage();
  await signIn(w, caseWorker, code(caseWorker));
  await w.goto(caseUrl);
  const identity = w.getByRole('region', { name: 'Sealed identity' });
  await expect(identity.getByText('Not recorded', { exact: true })).toBeVisible();
  await identity.getByRole('button', { name: 'Record identity' }).click();
  const form = w.getByRole('dialog');
  await form.getByLabel('Legal name').fill('Erika Beispiel');
  await form.getByLabel('Date of birth').fill('1998-02-01');
  await form.getByRole('button', { name: 'Save identity' }).click();
  await expect(w.getByText('Identity saved.')).toBeVisible();
  await expect(identity.getByText('Erika Beispiel')).toHaveCount(0);
  await identity.getByRole('button', { name: 'Reveal' }).click();
  await w.getByRole('dialog').getByLabel('Reason').fill('Need to call the client.');
  await w.getByRole('dialog').getByRole('button', { name: 'Reveal' }).click();
  await expect(identity.getByText('Erika Beispiel')).toBeVisible();
  expect(await w.evaluate(() => window.localStorage.length + window.sessionStorage.length)).toBeLessThanOrEqual(1);
  await identity.getByRole('button', { name: 'Hide' }).click();
  await expect(w.getByText('Erika Beispiel')).toHaveCount(0);

  // A restricted note from the lead, then corrected; the earlier version stays readable.
  await w.getByLabel('New note').fill('Met at the library.');
  await w.getByLabel('Who may read it').selectOption('restricted');
  await w.getByRole('button', { name: 'Add note' }).click();
  const note = w.getByRole('listitem').filter({ hasText: 'Met at the library.' });
  await expect(note.getByText('Restricted')).toBeVisible();
  await note.getByRole('button', { name: 'Correct' }).click();
  await w.getByLabel('Corrected text').fill('Met at the town library.');
  await w.getByRole('button', { name: 'Save correction' }).click();
  const corrected = w.getByRole('listitem').filter({ hasText: 'Met at the town library.' });
  await expect(corrected.getByText('Corrected · version 2')).toBeVisible();
  await corrected.getByRole('button', { name: 'Show the earlier version' }).click();
  await expect(corrected.getByText('Met at the library.')).toBeVisible();
  await expectNoSeriousA11yIssues(w);

  // Manager: who knows what shows the worker's reveal.
  await m.reload();
  await m.getByRole('tab', { name: 'Who knows what' }).click();
  const who = m.getByRole('tabpanel');
  const row = who.getByRole('row').filter({ hasText: caseWorker.name });
  await expect(row).toBeVisible();
  await expect(row.getByRole('cell').nth(4)).toHaveText('1');
  await expectNoSeriousA11yIssues(m);
  await m.getByRole('tab', { name: 'Access log' }).click();
  await expect(m.getByRole('tabpanel').getByText('Revealed the sealed identity').first()).toBeVisible();

  await Promise.all([mctx.close(), wctx.close()]);
});

test('the case page fits a phone @phone', async ({ page }) => {
  const { caseWorker } = people();
  const now = Math.floor(Date.now() / 30_000) * 30_000;
  await signIn(page, caseWorker, authenticator.clone({ epoch: now + 30_000 }).generate(caseWorker.secret));
  const id = await page.evaluate(async () => ((await (await fetch('/api/cases?q=Lark')).json()) as { cases: { id: string }[] }).cases[0]?.id);
  test.skip(!id, 'runs after the desktop lifecycle test created the case');
  await page.goto(`/cases/${id}`);
  await expect(page.getByRole('heading', { level: 1, name: 'Lark' })).toBeVisible();
  for (const tab of ['Overview', 'Intake', 'Timeline']) {
    await page.getByRole('tab', { name: tab }).click();
    await expect(page.getByRole('tabpanel')).toBeVisible();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(400);
  }
  await expectNoSeriousA11yIssues(page);
});
