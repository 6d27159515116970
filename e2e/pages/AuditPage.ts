// The audit trail and its chain verification.
import { expect } from '@playwright/test';
import type { Locator, Page } from '@playwright/test';

export class AuditPage {
  readonly root: Locator;
  readonly verification: Locator;
  readonly table: Locator;

  constructor(readonly page: Page) {
    this.root = page.locator('[data-screen="audit"]');
    this.verification = this.root.getByTestId('chain-verification');
    this.table = this.root.getByTestId('audit-table');
  }

  async verifyChain(): Promise<void> {
    await this.verification.getByRole('button', { name: 'Verify chain' }).click();
    await expect(this.verification).not.toHaveAttribute('data-state', /idle|running/);
  }
}
