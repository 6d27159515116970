// The lot / serial page.
import { expect } from '@playwright/test';
import type { Locator, Page } from '@playwright/test';
import { signInDialog } from './SignDialog';

export class UnitPage {
  readonly root: Locator;
  readonly code: Locator;
  readonly status: Locator;
  readonly acceptedBanner: Locator;
  readonly refusedBanner: Locator;

  /** `screen`: the page the status form is on (the lot page, or the record view). */
  constructor(
    readonly page: Page,
    screen: 'unit' | 'record' = 'unit',
  ) {
    this.root = page.locator(`[data-screen="${screen}"]`);
    this.code = this.root.getByTestId('unit-code');
    this.status = this.root.getByTestId('unit-status');
    this.acceptedBanner = this.root.getByTestId('banner-accepted');
    this.refusedBanner = this.root.getByTestId('banner-refused');
  }

  async traceForward(): Promise<void> {
    await this.root.getByTestId('trace-forward').click();
  }

  async traceBackward(): Promise<void> {
    await this.root.getByTestId('trace-backward').click();
  }

  /** Uses the status change form; `word` is the status as shown (`Released`, `On hold`, …). */
  async setStatus(word: string, reason: string): Promise<void> {
    const form = this.root.getByTestId('status-change-form');
    await form.getByRole('combobox', { name: 'New status' }).click();
    await this.page.getByRole('option', { name: word, exact: true }).click();
    await form.getByRole('textbox', { name: 'Reason' }).fill(reason);
    await form.getByTestId('status-submit').click();
  }

  /** The sign dialog a QA release or rejection opens: user ID at the first signing of the session, and the password. */
  async sign(username: string, password: string): Promise<void> {
    await signInDialog(this.page, username, password);
  }

  async expectStatus(word: string): Promise<void> {
    await expect(this.status).toContainText(word);
  }
}
