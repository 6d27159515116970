// The review queue and the record view: the PDF drawn inline, the exceptions beside it, signing and the decision.
import { expect } from '@playwright/test';
import type { Locator, Page } from '@playwright/test';
import { UnitPage } from './UnitPage';

export class ReviewQueuePage {
  readonly root: Locator;
  constructor(readonly page: Page) {
    this.root = page.locator('[data-screen="review"]');
  }

  row(ref: string): Locator {
    return this.root.getByRole('row').filter({ has: this.page.getByRole('link', { name: ref, exact: true }) });
  }

  async open(ref: string): Promise<void> {
    await this.root.getByRole('link', { name: ref, exact: true }).click();
  }
}

export class RecordPage extends UnitPage {
  readonly pdf: Locator;
  readonly exceptions: Locator;
  readonly signatures: Locator;

  constructor(page: Page) {
    super(page, 'record');
    this.pdf = this.root.getByTestId('pdf-view');
    this.exceptions = this.root.getByTestId('record-exceptions');
    this.signatures = this.root.getByTestId('signature-history');
  }

  /** Waits until every page is drawn: a canvas per page with pixels on it, and the page's text beside it. */
  async expectPdfDrawn(): Promise<void> {
    await expect(this.pdf).toHaveAttribute('data-ready', 'true', { timeout: 30_000 });
    await expect(this.pdf.locator('canvas[data-rendered="true"]').first()).toBeVisible();
  }

  /** Whether the first page's canvas has anything but white on it. */
  async firstPageInked(): Promise<boolean> {
    return this.pdf.locator('canvas[data-rendered="true"]').first().evaluate((element) => {
      // The e2e tsconfig has no DOM types: the canvas is described as far as it is used.
      const canvas = element as unknown as {
        width: number;
        height: number;
        getContext(kind: '2d'): { getImageData(x: number, y: number, w: number, h: number): { data: ArrayLike<number> } } | null;
      };
      const data = canvas.getContext('2d')?.getImageData(0, 0, canvas.width, canvas.height).data;
      if (!data) return false;
      let dark = 0;
      for (let i = 0; i < data.length; i += 4) if ((data[i] ?? 255) < 128) dark++;
      return dark > 1000;
    });
  }

  async signRecord(meaning: 'Reviewed' | 'Approved', username: string, password: string): Promise<void> {
    await this.root.getByTestId('record-sign').click();
    const dialog = this.page.getByRole('dialog');
    await dialog.getByRole('combobox', { name: /Meaning of this signature/ }).click();
    await this.page.getByRole('option', { name: meaning, exact: true }).click();
    await this.sign(username, password);
    await expect(dialog).toHaveCount(0);
  }
}
