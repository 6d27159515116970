// The Labels screen: templates, the subject of the label, the live preview (and its ZPL), the template editor, printing.
import { expect } from '@playwright/test';
import type { Locator, Page } from '@playwright/test';

export class LabelsPage {
  readonly root: Locator;
  readonly ref: Locator;
  readonly preview: Locator;
  readonly zpl: Locator;
  readonly editor: Locator;
  readonly issues: Locator;
  readonly printJob: Locator;

  constructor(readonly page: Page) {
    this.root = page.locator('[data-screen="labels"]');
    this.ref = page.getByTestId('label-ref');
    this.preview = page.getByTestId('label-preview');
    this.zpl = page.getByTestId('label-zpl');
    this.editor = page.getByTestId('template-json');
    this.issues = page.getByTestId('template-issues');
    this.printJob = page.getByTestId('print-job');
  }

  async ready(): Promise<void> {
    await expect(this.page.locator('[data-screen="labels"][data-ready="true"]')).toBeVisible();
  }

  /** The preview's image data (a data: URL of the PNG). */
  async previewSrc(): Promise<string> {
    return (await this.preview.getAttribute('src')) ?? '';
  }

  /** Waits until the preview shows a decoded image other than `before` (empty: any image). */
  async expectNewPreview(before = ''): Promise<string> {
    await expect(this.preview).toBeVisible();
    await expect
      .poll(async () => {
        const src = await this.previewSrc();
        const drawn = await this.preview.evaluate(
          (img) =>
            (img as unknown as { complete: boolean; naturalWidth: number }).complete &&
            (img as unknown as { naturalWidth: number }).naturalWidth > 0,
        );
        return drawn && src !== before && src.startsWith('data:image/png;base64,');
      })
      .toBe(true);
    return this.previewSrc();
  }

  /** The ZPL shown under the preview (opened first). */
  async zplText(): Promise<string> {
    if (!(await this.zpl.isVisible())) await this.page.getByTestId('label-zpl-toggle').click();
    await expect(this.zpl).toBeVisible();
    return (await this.zpl.textContent()) ?? '';
  }
}
