// The recall console and a campaign's page: start a draft from a lot, take signed steps, lift a hold, record a response.
import type { Locator, Page } from '@playwright/test';
import { expect } from '@playwright/test';
import { signInDialog } from './SignDialog';

export class RecallPage {
  constructor(private readonly page: Page) {}

  async startDraft(title: string, reason: string, options: { refs?: string; drill?: boolean } = {}): Promise<void> {
    const form = this.page.getByTestId('recall-new');
    if (options.refs !== undefined) await form.getByTestId('recall-refs').fill(options.refs);
    if (options.drill === true) await form.getByTestId('recall-drill').check();
    await form.getByTestId('recall-title').fill(title);
    await form.getByTestId('recall-reason').fill(reason);
    await form.getByTestId('recall-start').click();
  }

  get scope(): Locator {
    return this.page.getByTestId('recall-scope');
  }

  get customers(): Locator {
    return this.page.getByTestId('recall-customers');
  }

  get steps(): Locator {
    return this.page.getByTestId('recall-steps');
  }

  /** Clicks the next step's button and signs it in the sign dialog. */
  async signStep(label: string, username: string, password: string): Promise<void> {
    await this.page.getByTestId('recall-step').filter({ hasText: label }).click();
    await this.sign(username, password);
  }

  /** Lifts the campaign's hold on one held unit with a reason, signed. */
  async liftHold(ref: string, reason: string, username: string, password: string): Promise<void> {
    const form = this.page.getByTestId('recall-lift');
    await form.getByTestId('lift-refs').click();
    await this.page.getByRole('option', { name: new RegExp(`^${ref.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} — `) }).click();
    await form.getByTestId('lift-reason').fill(reason);
    await form.getByTestId('lift-sign').click();
    await this.sign(username, password);
  }

  /** Signs in the open sign dialog. */
  private async sign(username: string, password: string): Promise<void> {
    await signInDialog(this.page, username, password);
    await expect(this.page.getByRole('dialog')).toBeHidden();
  }

  /** Adds a scope rule to a draft (the rule form's fields by test id) with its rationale, signed. */
  async addRule(
    rule: { mode?: 'Exclude' | 'Only'; kind: string; fields: Partial<Record<'values' | 'part' | 'from' | 'to', string>> },
    rationale: string,
    username: string,
    password: string,
  ): Promise<void> {
    const form = this.page.getByTestId('recall-rule');
    if (rule.mode !== undefined) {
      await form.getByTestId('rule-mode').click();
      await this.page.getByRole('option', { name: rule.mode, exact: true }).click();
    }
    await form.getByTestId('rule-kind').click();
    await this.page.getByRole('option', { name: rule.kind }).click();
    for (const [name, value] of Object.entries(rule.fields)) await form.getByTestId(`rule-${name}`).fill(value);
    await form.getByTestId('rule-rationale').fill(rationale);
    await form.getByTestId('rule-sign').click();
    await this.sign(username, password);
  }

  /** Records a field action on a serial, with the part removed and its replacement installed. */
  async fieldAction(serial: string, description: string, removed: string, installed: string): Promise<void> {
    const form = this.page.getByTestId('recall-field-action');
    await form.getByTestId('fa-serial').fill(serial);
    await form.getByTestId('fa-description').fill(description);
    await form.getByTestId('fa-removed').fill(removed);
    await form.getByTestId('fa-installed').fill(installed);
    await form.getByTestId('fa-save').click();
  }

  async respond(returned: string): Promise<void> {
    const form = this.page.getByTestId('recall-response-form');
    await form.getByTestId('response-returned').fill(returned);
    await form.getByTestId('response-save').click();
  }
}
