// A station screen: the scan field, the answer banner, the scan log and the buttons that send control codes.
import { expect } from '@playwright/test';
import type { Locator, Page } from '@playwright/test';

export type Station = 'receiving' | 'workOrder' | 'serialise' | 'pack' | 'ship';

export class StationPage {
  readonly root: Locator;
  readonly prompt: Locator;
  readonly result: Locator;
  readonly log: Locator;
  readonly logEntries: Locator;

  constructor(readonly page: Page) {
    this.root = page.locator('[data-screen="station"]');
    this.prompt = page.getByTestId('station-prompt');
    this.result = page.getByTestId('station-result');
    this.log = page.getByTestId('scan-log');
    this.logEntries = page.getByTestId('scan-log-entry');
  }

  async ready(): Promise<void> {
    await expect(this.page.locator('[data-screen="station"][data-ready="true"]')).toBeVisible();
  }

  /** Switches station with the segmented control at the top. */
  async choose(label: string): Promise<void> {
    await this.root.getByRole('radiogroup', { name: 'Station' }).locator('label').filter({ hasText: new RegExp(`^${label}$`) }).click();
    await expect(this.root.getByRole('heading', { level: 1 })).toContainText(label);
  }

  private sent = 0;

  /** Call before each scan or control: the next answer is the log entry after those already there. */
  async expectScan(): Promise<void> {
    this.sent = (await this.logEntries.count()) + 1;
  }

  async press(control: string): Promise<void> {
    await this.expectScan();
    await this.page.getByTestId(`control-${control}`).click();
  }

  /** Picks an option of one of the station's searchable selects (supplier, customer, ship-to). */
  async pick(label: string, option: RegExp): Promise<void> {
    await this.root.getByRole('combobox', { name: label, exact: true }).click();
    await this.page.getByRole('option', { name: option }).first().click();
  }

  /** Waits for the answer to the scan announced by `expectScan` (or `press`) and checks it. */
  async expectAnswer(outcome: 'applied' | 'refused', text: string | RegExp): Promise<void> {
    await expect(this.logEntries).toHaveCount(this.sent);
    await expect(this.logEntries.first()).toHaveAttribute('data-outcome', outcome);
    await expect(this.result).toHaveAttribute('data-outcome', outcome);
    await expect(this.result).toContainText(text);
    await expect(this.page.locator('html')).toHaveAttribute('data-last-tone', outcome === 'applied' ? 'accepted' : 'refused');
  }
}
