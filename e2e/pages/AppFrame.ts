// The frame around every screen: navigation rail, search/scan box, status bar, and the ready marker.
import { expect } from '@playwright/test';
import type { Locator, Page, TestInfo } from '@playwright/test';
import { demoPassword, sessionOf } from '../api';
import { E2E_TOKEN } from '../session';
import type { DemoUser } from '../session';

export type ScreenName = 'dashboard' | 'units' | 'unit' | 'trace' | 'production' | 'workOrder' | 'shipping' | 'shipment' | 'audit' | 'decode' | 'exchange' | 'devices' | 'quality' | 'review' | 'record' | 'packages' | 'recalls' | 'recall';

export class AppFrame {
  readonly searchBox: Locator;
  readonly searchHits: Locator;
  readonly statusBar: Locator;

  constructor(
    readonly page: Page,
    private readonly testInfo: TestInfo,
  ) {
    this.searchBox = page.getByTestId('search-box');
    this.searchHits = page.getByTestId('search-hit');
    this.statusBar = page.getByTestId('status-bar');
  }

  /**
   * Opens the app the way `lotline serve` tells people to (the host's token in the address), signed in as a demo
   * user: the operator unless the test does QA's or an admin's work. The window starts with that user's session for
   * this test worker (signed in once: scrypt costs a second or more per sign-in), as a reload of a signed-in tab does;
   * `fresh` signs in through the sign-in screen instead, for a test that signs out.
   */
  async open(hash = '', user: DemoUser = 'op1', options: { fresh?: boolean } = {}): Promise<void> {
    if (!options.fresh) {
      const token = await sessionOf(this.page.request, user);
      await this.page.addInitScript((session) => {
        // Runs in the page before the app; the e2e project has no DOM types.
        const page = globalThis as unknown as { sessionStorage: { setItem(key: string, value: string): void } };
        page.sessionStorage.setItem('lotline.session', session);
      }, token);
    }
    await this.page.goto(`/?token=${E2E_TOKEN}${hash}`);
    // A page opened again in the same test keeps the tab's session.
    const screen = this.page.locator('[data-screen="sign-in"][data-ready="true"]');
    await expect(screen.or(this.page.getByTestId('actor'))).toBeVisible();
    if (await screen.isVisible()) await this.signIn(user);
  }

  async signIn(user: DemoUser): Promise<void> {
    const screen = this.page.locator('[data-screen="sign-in"][data-ready="true"]');
    await screen.getByTestId('sign-in-user').fill(user);
    await screen.getByTestId('sign-in-password').fill(demoPassword(user));
    await screen.getByTestId('sign-in-submit').click();
    await expect(this.page.getByTestId('actor')).toContainText(`(${user})`);
  }

  screen(name: ScreenName): Locator {
    return this.page.locator(`[data-screen="${name}"]`);
  }

  /** Waits until the screen has loaded its data (`data-ready="true"`). */
  async ready(name: ScreenName): Promise<Locator> {
    const screen = this.page.locator(`[data-screen="${name}"][data-ready="true"]`);
    await expect(screen).toBeVisible();
    return screen;
  }

  async navigateTo(label: string, screen: ScreenName): Promise<Locator> {
    await this.page.getByRole('navigation', { name: 'Screens' }).getByRole('link', { name: label }).click();
    return this.ready(screen);
  }

  /** Types into the search/scan box and presses Enter, as a scanner would. */
  async scan(text: string): Promise<void> {
    await this.page.keyboard.press('ControlOrMeta+k');
    await expect(this.searchBox).toBeFocused();
    await this.searchBox.fill(text);
    await this.searchBox.press('Enter');
  }

  /**
   * A keyboard-wedge scanner as the page sees it: key events in one burst (no gaps between them, whatever the load on
   * the test machine), e.g. `{ key: ']', code: 'BracketRight', ctrlKey: true }` for the GS a wedge types as Ctrl+].
   */
  async wedgeScan(keys: readonly (string | { key: string; code?: string; ctrlKey?: boolean; altKey?: boolean })[]): Promise<void> {
    await this.page.locator('main').click({ position: { x: 5, y: 5 } });
    const events = keys.flatMap((k) => (typeof k === 'string' ? [...k].map((key) => ({ key })) : [k]));
    await this.page.evaluate((list) => {
      // Runs in the page; the e2e project has no DOM types.
      const page = globalThis as unknown as {
        document: { body: { dispatchEvent(event: unknown): boolean } };
        KeyboardEvent: new (type: string, init: object) => unknown;
      };
      for (const init of [...list, { key: 'Enter' }]) {
        page.document.body.dispatchEvent(new page.KeyboardEvent('keydown', { ...init, bubbles: true, cancelable: true }));
      }
    }, events);
  }

  /** Saves a screenshot of the whole window under e2e/artifacts/<viewport>/<name>.png. */
  async screenshot(name: string): Promise<void> {
    await this.page.screenshot({ path: `e2e/artifacts/${this.testInfo.project.name}/${name}.png` });
  }
}
