// The Devices screen and the scanner indicators in the status bar.
import { expect } from '@playwright/test';
import type { Locator, Page } from '@playwright/test';

export class DevicesPage {
  readonly root: Locator;
  readonly form: Locator;
  readonly formAnswer: Locator;
  readonly lastScanHere: Locator;
  readonly feed: Locator;

  constructor(readonly page: Page) {
    this.root = page.locator('[data-screen="devices"]');
    this.form = page.getByTestId('scanner-form');
    this.formAnswer = page.getByTestId('scanner-form-answer');
    this.lastScanHere = page.getByTestId('last-scan-here');
    this.feed = page.getByTestId('scan-feed-table');
  }

  /** Fills the serial scanner form and adds it. */
  async addSerial(name: string, path: string, baud = '9600'): Promise<void> {
    await this.form.getByLabel('Name').fill(name);
    await this.form.getByLabel('Port').fill(path);
    const baudField = this.form.getByLabel('Baud rate', { exact: true });
    if ((await baudField.inputValue()) !== baud) {
      await baudField.fill(baud);
      await this.page.getByRole('option', { name: baud, exact: true }).click();
      await expect(baudField).toHaveValue(baud);
    }
    await this.form.getByRole('button', { name: 'Add scanner' }).click();
  }

  /** The status bar indicator of a scanner (by its id). */
  indicator(id: string): Locator {
    return this.page.getByTestId('status-bar').getByTestId(`device-${id}`);
  }

  async expectState(id: string, state: 'connected' | 'reconnecting' | 'error'): Promise<void> {
    await expect(this.indicator(id)).toHaveAttribute('data-device-state', state, { timeout: 20_000 });
  }
}
