// User administration: the admin adds a user with a role; the new user signs in and sees only what the role allows.
import { expect, test } from '@playwright/test';
import { AppFrame } from './pages/AppFrame';
import { E2E_TOKEN } from './session';

test('an admin adds a user, who signs in with the first password; the Users screen is for admins only', async ({ page }, testInfo) => {
  const username = `op-${testInfo.project.name.replace(/\D/g, '')}-${Date.now() % 100000}`;
  const app = new AppFrame(page, testInfo);
  await app.open('#/users', 'admin', { fresh: true });
  const screen = page.locator('[data-screen="users"][data-ready="true"]');
  await expect(screen).toBeVisible();
  for (const demo of ['admin', 'qa1', 'op1', 'viewer1']) await expect(screen.getByTestId('users-table')).toContainText(demo);
  await app.screenshot('110-users');

  const form = screen.getByTestId('user-add');
  await form.getByTestId('user-add-id').fill(username);
  await form.getByTestId('user-add-name').fill('Pat Newcomer');
  await form.getByTestId('user-add-password').fill('first-password-1');
  await form.getByTestId('user-add-submit').click();
  await expect(screen.getByTestId('banner-accepted')).toContainText(`Added ${username}`);
  await expect(screen.getByTestId('users-table')).toContainText('Pat Newcomer');

  await page.getByTestId('sign-out').click();
  const signIn = page.locator('[data-screen="sign-in"][data-ready="true"]');
  await signIn.getByTestId('sign-in-user').fill(username);
  await signIn.getByTestId('sign-in-password').fill('first-password-1');
  await signIn.getByTestId('sign-in-submit').click();
  await expect(page.getByTestId('actor')).toHaveText(`Pat Newcomer (${username})`);
  await expect(page.getByTestId('actor-roles')).toHaveText('operator');
  await expect(page.getByRole('navigation', { name: 'Screens' }).getByRole('link', { name: 'Users' })).toHaveCount(0);
  await app.screenshot('111-signed-in-operator');
});

test('a wrong password is refused on the sign-in screen, saying how many tries are left', async ({ page }, testInfo) => {
  const app = new AppFrame(page, testInfo);
  await page.goto(`/?token=${E2E_TOKEN}`);
  const signIn = page.locator('[data-screen="sign-in"][data-ready="true"]');
  await expect(signIn).toBeVisible();
  await signIn.getByTestId('sign-in-user').fill('viewer1');
  await signIn.getByTestId('sign-in-password').fill('not-the-password');
  await signIn.getByTestId('sign-in-submit').click();
  await expect(signIn.getByTestId('sign-in-error')).toContainText('The user ID or password is wrong');
  await app.screenshot('112-sign-in-refused');
  await app.signIn('viewer1');
});

test('while the database is still opening, the sign-in screen says so and Sign in waits for it', async ({ page }, testInfo) => {
  const app = new AppFrame(page, testInfo);
  // The first answer held back, as while the app opens a large database or upgrades its schema.
  let release: () => void = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route('**/api/auth.status', async (route) => {
    await held;
    await route.continue();
  });
  await page.goto(`/?token=${E2E_TOKEN}`);
  const opening = page.locator('[data-screen="sign-in"][data-ready="false"]');
  await expect(opening.getByTestId('sign-in-opening')).toContainText('Opening the trace database');
  await expect(opening.getByTestId('sign-in-submit')).toBeDisabled();
  await app.screenshot('113-sign-in-opening');
  release();
  const signIn = page.locator('[data-screen="sign-in"][data-ready="true"]');
  await expect(signIn.getByTestId('sign-in-submit')).toBeEnabled();
  await expect(signIn.getByTestId('sign-in-opening')).toHaveCount(0);
  await app.signIn('viewer1');
});
