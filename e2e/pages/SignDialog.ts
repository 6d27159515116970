// The sign dialog every signed decision opens: the user ID at the first signing of the session, and the password.
import { expect } from '@playwright/test';
import type { Page } from '@playwright/test';

/** Fills the open sign dialog and signs; the dialog stays open when the signature is refused. */
export async function signInDialog(page: Page, username: string, password: string): Promise<void> {
  const dialog = page.getByRole('dialog');
  await expect(dialog.getByTestId('sign-statement')).toContainText('legally binding');
  const userId = dialog.getByTestId('sign-user');
  if (await userId.isVisible()) await userId.fill(username);
  await dialog.getByTestId('sign-password').fill(password);
  await dialog.getByTestId('sign-submit').click();
}
