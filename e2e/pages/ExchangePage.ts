// The Exchange screen: EPCIS import (file, progress, counts or refusal) and export (range, lot, download).
import { expect } from '@playwright/test';
import type { Download, Locator, Page } from '@playwright/test';

export class ExchangePage {
  readonly root: Locator;
  readonly importResult: Locator;
  readonly importRefused: Locator;

  constructor(readonly page: Page) {
    this.root = page.locator('[data-screen="exchange"]');
    this.importResult = this.root.getByTestId('import-result');
    this.importRefused = this.root.getByTestId('import-refused');
  }

  /** Chooses a file as the file dialog would. */
  async importFile(file: string | { name: string; mimeType: string; buffer: Buffer }): Promise<void> {
    await this.root.getByTestId('epcis-file').setInputFiles(file);
  }

  count(name: 'events' | 'imported' | 'skipped' | 'corrections' | 'placeholder-items' | 'placeholder-locations' | 'placeholder-units'): Locator {
    return this.importResult.getByTestId(`import-${name}`);
  }

  async exportDocument(range: { from?: string; to?: string; lot?: string } = {}): Promise<Download> {
    if (range.from) await this.root.getByTestId('export-from').fill(range.from);
    if (range.to) await this.root.getByTestId('export-to').fill(range.to);
    if (range.lot) await this.root.getByTestId('export-lot').fill(range.lot);
    const download = this.page.waitForEvent('download');
    await this.root.getByTestId('export-run').click();
    const file = await download;
    await expect(this.root.getByTestId('banner-accepted')).toBeVisible();
    return file;
  }
}
