import { expect, test, type Page } from '@playwright/test';
import { authenticator } from 'otplib';
import { expectNoSeriousA11yIssues, people as allPeople, signInFresh, type Person } from './people.ts';
import { createProgrammeThroughUi, recordReferralThroughUi } from './lifecycle-helpers.ts';

const people = () => allPeople<'manager' | 'worker'>();


test('risk assessment: a manager loads an instrument file (each problem with its place), a team worker rates a draft, keeps it across a reload, signs it, sees version 1 and the domain chart', async ({ browser }) => {
  test.setTimeout(150_000);
  const { manager, worker } = people();

  // Manager: a programme, a referral, and the worker as lead.
  const mctx = await browser.newContext();
  const m = await mctx.newPage();
  await signInFresh(m, manager);
  await createProgrammeThroughUi(m, 'Risk test programme');
  await recordReferralThroughUi(m, 'Kestrel Risk', 'Risk test programme');
  const caseUrl = m.url();
  await m.getByRole('button', { name: 'Edit team' }).click();
  await m.getByLabel('Lead worker').click();
  await m.getByRole('option', { name: new RegExp(worker.name) }).click();
  await m.getByRole('button', { name: 'Save team' }).click();
  await expect(m.getByText(`Lead worker: ${worker.name}`)).toBeVisible();

  // Manager: a licensed instrument's file with a mistake is refused, each problem with its place; the corrected one loads.
  await m.getByRole('tab', { name: 'Risk' }).click();
  await m.getByRole('button', { name: 'Instruments' }).click();
  const instruments = m.getByRole('dialog', { name: 'Risk instruments' });
  await expect(instruments.getByText('Exitdesk Exit Risk Screening 1.0')).toBeVisible();
  const file = (domains: unknown) => ({ name: 'licensed.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify({
    format: 'exitdesk-instrument/1', key: 'licensed-tool', version: '3', name: 'Licensed Tool', licence: 'Licensed to this programme until 2028',
    requiresCertification: true, reviewIntervalDays: 180,
    scale: [{ code: '0', value: 0, label: 'Absent' }, { code: '1', value: 1, label: 'Present' }, { code: 'U', insufficientInformation: true, label: 'Unknown' }],
    domains,
  })) });
  const items = (a: string, b: string) => [{ code: a, kind: 'risk', text: 'First' }, { code: b, kind: 'risk', text: 'Second', colour: 'red' }];
  await instruments.locator('input[type=file]').setInputFiles(file([{ code: 'A', name: 'One', items: items('A1', 'A2') }, { code: 'B', name: 'Two', items: items('B1', 'A2') }]));
  await instruments.getByRole('button', { name: 'Load' }).click();
  const problems = instruments.getByTestId('instrument-problems');
  await expect(problems).toContainText('domains[1].items[1].code: duplicate code "A2" (first at domains[0].items[1])');
  await expect(problems).toContainText('domains[0].items[1].colour: unknown field "colour"');
  await expectNoSeriousA11yIssues(m);
  const fixed = (a: string, b: string) => items(a, b).map(({ code, kind, text }) => ({ code, kind, text }));
  await instruments.locator('input[type=file]').setInputFiles(file([{ code: 'A', name: 'One', items: fixed('A1', 'A2') }, { code: 'B', name: 'Two', items: fixed('B1', 'B2') }]));
  await instruments.getByRole('button', { name: 'Load' }).click();
  await expect(m.getByText('"Licensed Tool" version 3 loaded.')).toBeVisible();
  await expect(instruments.getByText('Licensed Tool 3')).toBeVisible();
  await mctx.close();

  // Worker: starts an assessment with the shipped instrument.
  const wctx = await browser.newContext();
  const w = await wctx.newPage();
  await signInFresh(w, worker);
  await w.goto(caseUrl);
  await w.getByRole('tab', { name: 'Risk' }).click();
  await expect(w.getByText('No risk assessment yet')).toBeVisible();
  await w.getByRole('button', { name: 'Start assessment' }).click();
  const dialog = w.getByRole('dialog');
  await expect(dialog.getByRole('radio', { name: /Exitdesk Exit Risk Screening, version 1\.0/ })).toBeChecked();
  await dialog.getByRole('button', { name: 'Start' }).click();
  await expect(w.getByText('Assessment 1 started.')).toBeVisible();
  await expect(w.getByRole('heading', { name: 'Assessment 1: Exitdesk Exit Risk Screening' })).toBeVisible();

  // Some items rated, one "insufficient information", the rest left unrated.
  const item = (code: string) => w.getByRole('group', { name: new RegExp(`^${code} ·`) });
  await item('G1').getByRole('radio', { name: 'Clearly present' }).check();
  await item('G1').getByLabel('Evidence for').fill('Voice message from a former comrade, 3 May');
  await item('G1').getByLabel('Source').fill('Client, message heard by the worker');
  await item('G2').getByRole('radio', { name: 'Insufficient information' }).check();
  await item('G3').getByRole('radio', { name: 'Partly present' }).check();
  const status = w.getByTestId('risk-save-status');
  await expect(status).toHaveText('Unsaved changes');
  // Opening the next domain saves what was typed.
  await w.getByRole('button', { name: /^Protective factors/ }).click();
  await expect(status).toHaveText(/Draft saved/);
  await item('P1').getByRole('radio', { name: 'Clearly present' }).check();
  await expect(status).toHaveText('Unsaved changes');
  await w.getByRole('button', { name: 'Save draft' }).click();
  await expect(status).toHaveText(/Draft saved/);

  // After a reload the draft still holds every rating.
  await w.reload();
  await w.getByRole('tab', { name: 'Risk' }).click();
  await expect(w.getByText('Draft', { exact: true })).toBeVisible();
  await w.getByRole('button', { name: 'Continue No. 1' }).click();
  await expect(item('G1').getByRole('radio', { name: 'Clearly present' })).toBeChecked();
  await expect(item('G1').getByLabel('Evidence for')).toHaveValue('Voice message from a former comrade, 3 May');
  await expect(item('G2').getByRole('radio', { name: 'Insufficient information' })).toBeChecked();
  await expect(item('G4').getByRole('radio', { name: 'Clearly present' })).not.toBeChecked();
  await w.getByRole('button', { name: /^Protective factors/ }).click();
  await expect(item('P1').getByRole('radio', { name: 'Clearly present' })).toBeChecked();
  await expect(w.getByRole('heading', { name: 'Missing information (22 items)' })).toBeVisible();
  await expect(w.getByTestId('risk-missing')).toContainText('G2 · The client has received threats');

  // The judgement, and signing.
  await w.getByRole('radio', { name: 'Moderate' }).check();
  await w.getByLabel('Scenarios').fill('Former comrades may try to confront him near his workplace.');
  await w.getByLabel('What would change the picture').fill('Direct threats, or a move to another town.');
  await expectNoSeriousA11yIssues(w);
  await w.getByRole('button', { name: 'Sign assessment' }).click();
  await w.getByRole('dialog').getByRole('button', { name: 'Sign', exact: true }).click();
  await expect(w.getByText(/Assessment 1 signed\. Next review on/)).toBeVisible();

  // Version 1, signed, read-only; the chart and its table.
  const panel = w.getByRole('region', { name: 'Assessment 1: Exitdesk Exit Risk Screening' });
  await expect(panel.getByText('Signed', { exact: true })).toBeVisible();
  await expect(panel.getByText(`Signed by ${worker.name}`)).toBeVisible();
  await expect(panel.getByText('Former comrades may try to confront him near his workplace.')).toBeVisible();
  await expect(w.getByRole('button', { name: 'Save draft' })).toHaveCount(0);
  const version = w.getByRole('region', { name: 'Versions' }).getByRole('listitem').filter({ hasText: 'No. 1' });
  await expect(version.getByText('Signed', { exact: true })).toBeVisible();
  await expect(version.getByText('Moderate', { exact: true })).toBeVisible();
  const table = w.getByTestId('risk-chart-table');
  await expect(table.getByRole('row', { name: /Threat from the former group/ })).toContainText('1.5');
  await expect(table.getByRole('row', { name: /^Protective factors/ })).toContainText('2');
  // The drawn chart (one point per signed assessment so far) beside the table.
  await expect(w.locator('.mantine-LineChart-root svg.recharts-surface').first()).toBeVisible();
  await expectNoSeriousA11yIssues(w);
  await wctx.close();
});
