import { expect, test } from '@playwright/test';
import { authenticator } from 'otplib';
import { expectNoSeriousA11yIssues, people as allPeople, signIn, type Person } from './people.ts';
import { createProgrammeThroughUi, recordReferralThroughUi } from './lifecycle-helpers.ts';

const people = () => allPeople<'caseManager' | 'caseWorker'>();

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
  const workerSignedInAt = Date.now();
  await w.goto(caseUrl);
  const identity = w.getByRole('region', { name: 'Sealed identity' });
  await expect(identity.getByText('Not recorded', { exact: true })).toBeVisible();
  await identity.getByRole('button', { name: 'Record identity' }).click();
  const form = w.getByRole('dialog');
  await form.getByLabel('Legal name').fill('Erika Beispiel');
  await form.getByLabel('Date of birth').fill('1998-02-01');
  await form.getByRole('button', { name: 'Save identity' }).click();
  await expect(w.getByText('Identity saved.')).toBeVisible();
  // The duplicate check answers a worker the same way whether or not anything matched.
  await expect(w.getByText('Duplicate check done')).toBeVisible();
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

  // Once the step-up window (30 s in these tests) has passed, a reveal asks for a fresh code.
  await w.waitForTimeout(Math.max(0, workerSignedInAt + 31_000 - Date.now()));
  await w.reload();
  await w.getByRole('region', { name: 'Sealed identity' }).getByRole('button', { name: 'Reveal' }).click();
  const again = w.getByRole('dialog');
  await again.getByLabel('Reason').fill('Letter to the job centre.');
  await again.getByRole('button', { name: 'Reveal' }).click();
  await expect(again.getByText('Revealing the identity needs a fresh confirmation.')).toBeVisible();
  await again.getByLabel('Code').fill(authenticator.generate(caseWorker.secret));
  await again.getByRole('button', { name: 'Confirm and reveal' }).click();
  await expect(w.getByRole('region', { name: 'Sealed identity' }).getByText('Erika Beispiel')).toBeVisible();

  // An ordinary closure by the manager, with its reason on the timeline.
  await m.reload();
  await m.getByRole('button', { name: 'Close case' }).click();
  const close = m.getByRole('dialog');
  await close.getByLabel('Closure reason').selectOption({ label: 'Completed' });
  await close.getByLabel('What happened').fill('Goals of the exit plan reached.');
  await close.getByRole('button', { name: 'Close case' }).click();
  await expect(m.getByText('Case closed.')).toBeVisible();
  await m.getByRole('tab', { name: 'Timeline' }).click();
  await expect(m.getByRole('tabpanel').getByText('Case closed: Completed')).toBeVisible();

  // Reopening needs a reason; a case accepted before becomes active again.
  await m.getByRole('button', { name: 'Reopen' }).click();
  const reopen = m.getByRole('dialog');
  await reopen.getByLabel('Reason').fill('Client asked for support again.');
  await reopen.getByRole('button', { name: 'Reopen case' }).click();
  await expect(m.getByText('Case reopened.')).toBeVisible();
  await expect(m.getByText('Active', { exact: true }).first()).toBeVisible();

  await Promise.all([mctx.close(), wctx.close()]);
});

test('client agreement and conduct: agreement, printing, an incident, a warning, a dismissal', async ({ browser }) => {
  test.setTimeout(120_000);
  const { caseManager } = people();
  // The manager signed in during the test above: a code of the next step has not been used yet.
  const step = Math.floor(Date.now() / 30_000) + 1;
  const ctx = await browser.newContext();
  const m = await ctx.newPage();
  await signIn(m, caseManager, authenticator.clone({ epoch: step * 30_000 }).generate(caseManager.secret));
  await createProgrammeThroughUi(m, 'Conduct test programme');
  await recordReferralThroughUi(m, 'Plover', 'Conduct test programme');

  // No agreement before intake; then intake, the safeguarding gate and acceptance.
  await m.getByRole('tab', { name: 'Agreement' }).click();
  await expect(m.getByText('The agreement is recorded once intake has started.')).toBeVisible();
  await expect(m.getByRole('button', { name: 'Record agreement' })).toHaveCount(0);
  await m.getByRole('button', { name: 'Start intake' }).click();
  await m.getByRole('dialog').getByRole('button', { name: 'Start intake' }).click();
  await expect(m.getByText('Intake started.')).toBeVisible();
  await m.getByRole('tab', { name: 'Intake' }).click();
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
  await screening.getByRole('radiogroup', { name: 'Threat from the former group' }).getByRole('radio', { name: 'Low' }).check();
  await screening.getByRole('radiogroup', { name: 'Immediate protection needed' }).getByRole('radio', { name: 'No' }).check();
  await screening.getByRole('button', { name: 'Save screening' }).click();
  await expect(m.getByText('Risk screening recorded.')).toBeVisible();
  await m.getByRole('button', { name: 'Accept case' }).click();
  const accept = m.getByRole('dialog');
  await accept.getByLabel('Why accept outside the target group?').fill('Facts still being confirmed.');
  await accept.getByRole('button', { name: 'Accept case' }).click();
  await expect(m.getByText('Case accepted.')).toBeVisible();

  // The agreement: the form starts from the programme's transparency statement; every partner is a three-way choice.
  await m.getByRole('tab', { name: 'Agreement' }).click();
  await expect(m.getByText('No agreement recorded yet')).toBeVisible();
  await m.getByRole('button', { name: 'Record agreement' }).click();
  const offer = m.getByLabel('What the programme offers, and its limits');
  await expect(offer).toHaveValue('We share information only with your consent or when a life is in danger.');
  await offer.fill('Weekly meetings, help with housing and work. Confidential, except when a life is in danger.');
  await m.getByRole('radio', { name: 'Signed on paper' }).check();
  await m.getByLabel('Rules of conduct').fill('No threats or violence against staff. No recruiting.');
  await m.getByRole('radiogroup', { name: 'Probation service' }).getByRole('radio', { name: 'Yes' }).check();
  await m.getByRole('radiogroup', { name: 'Police' }).getByRole('radio', { name: 'No', exact: true }).check();
  await expect(m.getByRole('radiogroup', { name: 'Family' }).getByRole('radio', { name: 'Not asked' })).toBeChecked();
  await expectNoSeriousA11yIssues(m);
  await m.getByRole('button', { name: 'Save agreement' }).click();
  await expect(m.getByText('Agreement recorded (version 1).')).toBeVisible();
  const current = m.getByRole('region', { name: 'Client agreement' });
  await expect(current.getByText('Version 1 (current)')).toBeVisible();
  await expect(current.getByRole('listitem').filter({ hasText: 'Probation service' })).toContainText('Yes');
  await expect(current.getByRole('listitem').filter({ hasText: 'Police' })).toHaveText(/^Police\s*No$/);

  // A new version starts from the current one; the earlier one stays, collapsed.
  await current.getByRole('button', { name: 'Record a new version' }).click();
  await expect(m.getByLabel('Rules of conduct')).toHaveValue('No threats or violence against staff. No recruiting.');
  await m.getByLabel('Rules of conduct').fill('No threats or violence against staff. No recruiting. Appointments are kept or cancelled a day ahead.');
  await m.getByRole('radiogroup', { name: 'Family' }).getByRole('radio', { name: 'Yes' }).check();
  // A colleague changes the case meanwhile: 409, "Reload", and what was typed stays.
  const caseId = new URL(m.url()).pathname.split('/')[2]!;
  const colleague = await m.evaluate(async (id) => {
    const c = await (await fetch(`/api/cases/${id}`)).json() as { version: number };
    return (await fetch(`/api/cases/${id}/screening`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ riskToStaff: 'low', threatFromGroup: 'moderate', immediateProtectionNeeded: false, notes: '', expectedVersion: c.version }) })).status;
  }, caseId);
  expect(colleague).toBe(200);
  await m.getByRole('button', { name: 'Save agreement' }).click();
  await expect(m.getByText('Someone else changed this case', { exact: false })).toBeVisible();
  await m.getByRole('button', { name: 'Reload' }).click();
  await expect(m.getByLabel('Rules of conduct')).toHaveValue(/Appointments are kept or cancelled a day ahead\.$/);
  await expect(m.getByRole('radiogroup', { name: 'Family' }).getByRole('radio', { name: 'Yes' })).toBeChecked();
  await m.getByRole('button', { name: 'Save agreement' }).click();
  await expect(m.getByText('Agreement recorded (version 2).')).toBeVisible();
  await expect(current.getByText('Version 2 (current)')).toBeVisible();
  const earlier = m.getByRole('button', { name: /^Version 1, agreed on/ });
  await expect(earlier).toHaveAttribute('aria-expanded', 'false');
  await earlier.click();
  await expect(m.getByText('No threats or violence against staff. No recruiting.', { exact: true })).toBeVisible();

  // Printing: the agreement alone, by codename, with signature lines; no navigation, tabs or buttons.
  await m.evaluate(() => { (window as unknown as { printed: number }).printed = 0; window.print = () => { (window as unknown as { printed: number }).printed += 1; }; });
  await current.getByRole('button', { name: 'Print' }).click();
  expect(await m.evaluate(() => (window as unknown as { printed: number }).printed)).toBe(1);
  const sheet = m.getByTestId('agreement-print');
  await expect(sheet).toBeHidden();
  await m.emulateMedia({ media: 'print' });
  await expect(sheet).toBeVisible();
  await expect(m.getByRole('navigation', { name: 'Main navigation' })).toBeHidden();
  await expect(m.getByRole('tab', { name: 'Agreement' })).toBeHidden();
  await expect(m.getByRole('button', { name: 'Print' })).toBeHidden();
  await expect(sheet.getByText('Appointments are kept or cancelled a day ahead.', { exact: false })).toBeVisible();
  await expect(sheet.getByText('We share information only with your consent or when a life is in danger.')).toBeVisible();
  await expect(sheet.getByText('Conduct test programme, version 1')).toBeVisible();
  await expect(sheet.getByText('Signature of the client (Plover)')).toBeVisible();
  await expect(sheet.getByText('Signature of the exit worker')).toBeVisible();
  await expect(sheet.getByRole('row').filter({ hasText: 'Family' })).toContainText('Yes');
  await m.emulateMedia({ media: 'screen' });
  await expect(sheet).toBeHidden();

  // Conduct: an incident, a warning, then a dismissal that closes the case.
  await m.getByRole('tab', { name: 'Conduct' }).click();
  await expect(m.getByText('No incidents recorded.')).toBeVisible();
  await m.getByRole('button', { name: 'Record incident' }).click();
  const incident = m.getByRole('dialog');
  await incident.getByRole('radio', { name: 'Threat against staff' }).check();
  await incident.getByRole('radio', { name: 'High' }).check();
  await incident.getByLabel('What happened').fill('Threatened the worker on the phone after a cancelled appointment.');
  await incident.getByLabel('Actions taken').fill('Security officer informed; next meeting at the office.');
  await expectNoSeriousA11yIssues(m);
  await incident.getByRole('button', { name: 'Save incident' }).click();
  await expect(m.getByText('Incident recorded.')).toBeVisible();
  const incidents = m.getByRole('region', { name: 'Incidents' });
  await expect(incidents.getByText('Threat against staff')).toBeVisible();
  await expect(incidents.getByText('High severity')).toBeVisible();
  await expect(incidents.getByText(`Recorded by ${caseManager.name}`, { exact: false })).toBeVisible();

  await m.getByRole('button', { name: 'Warn client' }).click();
  const warn = m.getByRole('dialog');
  await warn.getByLabel('Reasons').fill('Threat against staff: told that a second one ends the programme.');
  await warn.getByRole('button', { name: 'Record warning' }).click();
  await expect(m.getByText('Warning recorded.')).toBeVisible();
  const decisions = m.getByRole('region', { name: 'Warnings and dismissal' });
  await expect(decisions.getByText('Warning', { exact: true })).toBeVisible();

  await m.getByRole('button', { name: 'Dismiss client' }).click();
  const dismiss = m.getByRole('dialog');
  await expect(dismiss.getByText('Dismissing the client closes the case with the reason "dismissed"', { exact: false })).toBeVisible();
  await dismiss.getByLabel('Reasons').fill('A second threat against staff after the warning.');
  await dismiss.getByRole('button', { name: 'Dismiss and close case' }).click();
  await expect(dismiss.getByText('Confirm that the case will be closed.')).toBeVisible();
  await dismiss.getByRole('checkbox', { name: /I understand that this closes the case/ }).check();
  await dismiss.getByRole('button', { name: 'Dismiss and close case' }).click();
  await expect(m.getByText('Client dismissed: the case is closed.')).toBeVisible();
  await expect(m.getByText('Closed', { exact: true }).first()).toBeVisible();
  const closure = m.getByText('This case is closed').locator('..').locator('..');
  await expect(closure).toContainText('Dismissed');
  await expect(decisions.getByText('Dismissal', { exact: true })).toBeVisible();
  await expect(m.getByRole('button', { name: 'Warn client' })).toHaveCount(0);
  await expect(m.getByRole('button', { name: 'Record incident' })).toHaveCount(0);
  await expect(m.getByRole('button', { name: 'Reopen' })).toBeVisible();
  await expectNoSeriousA11yIssues(m);

  // The agreement stays readable, but no new one can be recorded on a closed case.
  await m.getByRole('tab', { name: 'Agreement' }).click();
  await expect(current.getByText('Version 2 (current)')).toBeVisible();
  await expect(m.getByRole('button', { name: 'Record a new version' })).toHaveCount(0);
  await ctx.close();
});

test('the case page fits a phone @phone', async ({ page }) => {
  const { caseWorker } = people();
  const now = Math.floor(Date.now() / 30_000) * 30_000;
  await signIn(page, caseWorker, authenticator.clone({ epoch: now + 30_000 }).generate(caseWorker.secret));
  const id = await page.evaluate(async () => ((await (await fetch('/api/cases?q=Lark')).json()) as { cases: { id: string }[] }).cases[0]?.id);
  test.skip(!id, 'runs after the desktop lifecycle test created the case');
  await page.goto(`/cases/${id}`);
  await expect(page.getByRole('heading', { level: 1, name: 'Lark' })).toBeVisible();
  for (const tab of ['Overview', 'Intake', 'Agreement', 'Conduct', 'Timeline']) {
    await page.getByRole('tab', { name: tab }).click();
    await expect(page.getByRole('tabpanel')).toBeVisible();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(400);
  }
  await expectNoSeriousA11yIssues(page);
  // The agreement form, with a three-way choice per partner, fits too.
  await page.getByRole('tab', { name: 'Agreement' }).click();
  await page.getByRole('button', { name: 'Record agreement' }).click();
  await expect(page.getByRole('radiogroup', { name: 'Other partners' })).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(400);
  await expectNoSeriousA11yIssues(page);
});
