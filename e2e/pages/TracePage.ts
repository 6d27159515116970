// The trace explorer: graph, side panel, table and CSV export.
import { expect } from '@playwright/test';
import type { Download, Locator, Page } from '@playwright/test';

export class TracePage {
  readonly root: Locator;
  readonly graph: Locator;
  readonly table: Locator;
  readonly summary: Locator;

  constructor(readonly page: Page) {
    this.root = page.locator('[data-screen="trace"]');
    this.graph = this.root.getByTestId('trace-graph');
    this.table = this.root.getByTestId('trace-table');
    this.summary = this.root.getByTestId('trace-summary');
  }

  nodes(kind: 'unit' | 'group' | 'shipment' | 'shipmentGroup' | 'customer'): Locator {
    return this.graph.getByTestId(`trace-node-${kind}`);
  }

  async ready(): Promise<void> {
    await expect(this.page.locator('[data-screen="trace"][data-ready="true"]')).toBeVisible();
  }

  async showTable(): Promise<void> {
    await this.root.getByTestId('trace-tab').locator('label').filter({ hasText: 'Table' }).click();
    await expect(this.table).toBeVisible();
    await this.ready();
  }

  async showGraph(): Promise<void> {
    await this.root.getByTestId('trace-tab').locator('label').filter({ hasText: 'Graph' }).click();
    await this.ready();
  }

  async exportCsv(): Promise<Download> {
    const download = this.page.waitForEvent('download');
    await this.root.getByTestId('export-csv').click();
    return download;
  }
}
