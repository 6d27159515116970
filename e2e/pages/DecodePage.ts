// The Decode barcode screen: the scan field, the fields table, the verdict, the canonical forms and the unit.
import type { Locator, Page } from '@playwright/test';

export class DecodePage {
  readonly root: Locator;
  readonly input: Locator;
  readonly fields: Locator;
  readonly error: Locator;
  readonly identity: Locator;
  readonly unitLink: Locator;

  constructor(readonly page: Page) {
    this.root = page.locator('[data-screen="decode"]');
    this.input = this.root.getByTestId('decode-input');
    this.fields = this.root.getByTestId('decode-fields');
    this.error = this.root.getByTestId('decode-error');
    this.identity = this.root.getByTestId('decode-identity');
    this.unitLink = this.root.getByTestId('decode-unit-link');
  }

  /** The row of one AI in the fields table. */
  field(ai: string): Locator {
    return this.fields.getByRole('row').filter({ hasText: `(${ai})` });
  }

  canonical(form: 'element-string' | 'bracketed' | 'digital-link' | 'epc-urn'): Locator {
    return this.root.getByTestId(`canonical-${form}`);
  }
}
