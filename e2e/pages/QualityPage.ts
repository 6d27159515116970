// The quality parts of the app: the Tests and Certificates panels of a lot or serial, and the Quality screen
// (specs with their versions and editor, nonconformances with their investigation).
import { expect } from '@playwright/test';
import type { Locator, Page } from '@playwright/test';

export class UnitTestsPanel {
  readonly root: Locator;
  readonly rows: Locator;
  readonly form: Locator;

  constructor(readonly page: Page) {
    this.root = page.getByTestId('unit-tests');
    this.rows = this.root.getByTestId('unit-results').locator('tbody tr');
    this.form = this.root.getByTestId('result-entry-form');
  }

  row(text: string): Locator {
    return this.rows.filter({ hasText: text });
  }

  async chooseCharacteristic(name: string): Promise<void> {
    await this.form.getByRole('combobox', { name: 'Characteristic' }).click();
    await this.page.getByRole('option', { name, exact: true }).click();
  }

  /** Fills the entry form; the pass / OOS preview shows before it is recorded. */
  async enter(characteristic: string, value: string, equipment: string): Promise<void> {
    await this.chooseCharacteristic(characteristic);
    await this.form.getByTestId('result-value').fill(value);
    await this.form.getByTestId('result-equipment').fill(equipment);
  }

  async record(): Promise<void> {
    await this.form.getByTestId('result-submit').click();
  }

  async correct(rowText: string, value: string, reason: string): Promise<void> {
    await this.row(rowText).getByTestId('result-correct').click();
    const form = this.root.getByTestId('result-correction-form');
    await form.getByTestId('result-value').fill(value);
    await form.getByTestId('result-reason').fill(reason);
    await form.getByTestId('result-submit').click();
  }
}

export class CertificatesPanel {
  readonly root: Locator;
  readonly rows: Locator;

  constructor(readonly page: Page) {
    this.root = page.getByTestId('unit-certificates');
    this.rows = this.root.getByTestId('certificates-table').locator('tbody tr');
  }

  async attach(file: { name: string; mimeType: string; buffer: Buffer }, kind: 'CoA' | 'CoC'): Promise<void> {
    await this.root.locator('input[type="file"]').setInputFiles(file);
    await this.root.getByRole('combobox', { name: 'Kind' }).click();
    await this.page.getByRole('option', { name: kind, exact: true }).click();
    await this.root.getByTestId('certificate-attach').click();
  }
}

export class QualityPage {
  readonly root: Locator;
  readonly ncTable: Locator;
  readonly investigation: Locator;
  readonly specs: Locator;

  constructor(readonly page: Page) {
    this.root = page.locator('[data-screen="quality"]');
    this.ncTable = this.root.getByTestId('nc-table');
    this.investigation = this.root.getByTestId('nc-investigation');
    this.specs = this.root.getByTestId('specs-panel');
  }

  itemSpecs(part: string): Locator {
    return this.specs.locator(`[data-testid="item-specs"][data-part="${part}"]`);
  }

  async closeNc(rootCause: string, disposition: string): Promise<void> {
    await this.investigation.getByTestId('nc-root-cause').fill(rootCause);
    await this.investigation.getByRole('combobox', { name: 'Disposition' }).click();
    await this.page.getByRole('option', { name: disposition, exact: true }).click();
    await this.investigation.getByTestId('nc-close').click();
  }

  async expectBanner(tone: 'accepted' | 'refused', text: string): Promise<void> {
    await expect(this.root.getByTestId(`banner-${tone}`).filter({ hasText: text })).toBeVisible();
  }
}
