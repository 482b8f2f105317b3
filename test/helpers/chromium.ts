/**
 * Real Chromium for the browser tests, the UI bench and the screenshot script: Debian's
 * /usr/bin/chromium driven by playwright-core (no downloaded browsers), with everything that
 * would phone home switched off.
 */
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core'

export const CHROMIUM = process.env.HOOKLENS_CHROMIUM ?? '/usr/bin/chromium'

export async function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
    ],
  })
}

export interface Inspector {
  context: BrowserContext
  page: Page
  /** Messages the page logged as errors, and dialogs it tried to open (alert = script ran). */
  errors: string[]
  dialogs: string[]
}

/** Opens the inspector at its tokenised URL (the server swaps the token for a cookie). */
export async function openInspector(
  browser: Browser,
  url: string,
  opts: { colorScheme?: 'light' | 'dark'; viewport?: { width: number; height: number } } = {},
): Promise<Inspector> {
  const context = await browser.newContext({
    viewport: opts.viewport ?? { width: 1400, height: 860 },
    colorScheme: opts.colorScheme ?? 'light',
  })
  const page = await context.newPage()
  const errors: string[] = []
  const dialogs: string[] = []
  page.on('pageerror', (e) => errors.push(e.message))
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text())
  })
  page.on('dialog', (d) => {
    dialogs.push(d.message())
    void d.dismiss()
  })
  await page.goto(url)
  await page.waitForSelector('[data-testid="status-bar"]')
  return { context, page, errors, dialogs }
}
