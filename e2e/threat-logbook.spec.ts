import { expect, test } from '@playwright/test';
import { authenticator } from 'otplib';
import { expectNoSeriousA11yIssues, people as allPeople, signIn } from './people.ts';

// The accounts spec signs this manager in at the start of a run; this spec runs minutes later (another TOTP step).
const people = () => allPeople<'staffManager'>();

/** A 2×2 PNG. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAACXBIWXMAAAPoAAAD6AG1e1JrAAAAE0lEQVQImWM4w8BwhgGMzzAwAAAZjgMx8FJdJAAAAABJRU5ErkJggg==', 'base64');
const profile = {
  targetGroup: { narratives: ['jihadist'], ageMin: 16, ageMax: 40, organisationTypes: [], militancy: 'both', positions: 'both' },
  goal: 'disengagement', goalExplanation: 'Leaving the group and its violence behind.', accessRoutes: ['self'],
  transparencyStatement: 'We share with the police only with consent or in an acute danger.',
  jurisdiction: { country: 'DE', closedCaseRetentionYears: 10, unacceptedReferralRetentionMonths: 12 },
};

test('threat logbook: a threat with evidence; a too-large and a disguised file refused with the entry and text kept; download under a generic name', async ({ page, baseURL }) => {
  const { staffManager: manager } = people();
  const code = authenticator.clone({ epoch: Math.floor(Date.now() / 30_000) * 30_000 }).generate(manager.secret);
  await signIn(page, manager, code);

  // The case is set up through the API (its own specs cover the forms).
  const headers = { origin: baseURL! };
  const programme = await (await page.request.post('/api/programmes', { headers, data: { name: 'Logbook programme', profile } })).json();
  const created = await page.request.post('/api/cases', { headers, data: { codename: 'Logbook Lark', programmeId: programme.id, referral: { route: 'self', referrer: 'Self', referredOn: '2026-11-02', firstInformation: 'Afraid of the group.' } } });
  expect(created.status()).toBe(201);
  const caseId = (await created.json()).id as string;

  await page.goto(`/cases/${caseId}`);
  await page.getByRole('tab', { name: 'Threat logbook' }).click();
  await expect(page.getByText('No threats recorded')).toBeVisible();

  await page.getByRole('button', { name: 'Record a threat' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('How it came').selectOption({ label: 'Phone call' });
  await dialog.getByLabel('What happened or was said').fill('Caller said they know where the client sleeps.');
  await dialog.getByLabel('Who (if known)').fill('Former comrade "K."');
  await dialog.locator('input[type=file]').setInputFiles([
    { name: 'screenshot.png', mimeType: 'image/png', buffer: PNG },
    { name: 'huge.jpg', mimeType: 'image/jpeg', buffer: Buffer.alloc(11 * 1024 * 1024, 1) },
    { name: 'photo.jpg', mimeType: 'image/jpeg', buffer: Buffer.from('<!doctype html><p>not a photo</p>') },
  ]);
  // Too large is said before anything travels.
  await expect(dialog.getByText(/This file is larger than 10 MB/)).toBeVisible();
  await expectNoSeriousA11yIssues(page);
  await dialog.getByRole('button', { name: 'Save entry and upload files' }).click();

  await expect(dialog.getByText('The entry is saved.')).toBeVisible();
  await expect(dialog.getByText(/This kind of file cannot be uploaded/)).toBeVisible();
  await expect(dialog.getByText('Uploaded', { exact: true })).toBeVisible();
  // What was typed stays on screen.
  await expect(dialog.getByLabel('What happened or was said')).toHaveValue('Caller said they know where the client sleeps.');
  await dialog.getByRole('button', { name: 'Take huge.jpg off the list' }).click();
  await dialog.getByRole('button', { name: 'Take photo.jpg off the list' }).click();
  await dialog.getByRole('button', { name: 'Done' }).click();
  await expect(dialog).toBeHidden();

  const entry = page.getByRole('listitem').filter({ hasText: 'Caller said they know where the client sleeps.' });
  await expect(entry.getByText('Phone call')).toBeVisible();
  await expect(entry.getByText(/PNG image, \d+ B/)).toBeVisible();
  const downloading = page.waitForEvent('download');
  await entry.getByRole('link', { name: 'Download screenshot.png' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^evidence-[0-9a-f]{8}\.png$/);
  await expectNoSeriousA11yIssues(page);

  // Phone width: nothing runs off the side.
  await page.setViewportSize({ width: 390, height: 844 });
  await expect(entry.getByRole('button', { name: 'Remove screenshot.png' })).toBeVisible();
  const sticksOut = await page.locator('section[aria-labelledby="logbook-heading"]').evaluate((section) =>
    [...section.querySelectorAll('*')].filter((e) => e.getBoundingClientRect().right > window.innerWidth + 0.5).length);
  expect(sticksOut).toBe(0);
  await entry.getByRole('button', { name: 'Remove screenshot.png' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Remove file' }).click();
  await expect(page.getByText('Evidence file removed.')).toBeVisible();
  await expect(entry.getByText('No evidence files.')).toBeVisible();
});
