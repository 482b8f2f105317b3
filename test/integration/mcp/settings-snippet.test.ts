/**
 * The inspector's Settings in real Chromium against a real `hooklens listen`: "Use with your
 * coding agent" shows each config entry of shared/mcp-config.ts, and Copy puts it on the
 * clipboard.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser } from 'playwright-core'
import { ensureRendererBuilt } from '../../../electron/core/control'
import { MCP_CONFIG_SNIPPETS } from '../../../shared/mcp-config'
import { launchChromium, openInspector, type Inspector } from '../../helpers/chromium'
import { startListen, type ListenProcess } from '../../helpers/inspector-listen'

let listen: ListenProcess
let browser: Browser
let ui: Inspector

beforeAll(async () => {
  await ensureRendererBuilt()
  listen = await startListen()
  browser = await launchChromium()
  ui = await openInspector(browser, listen.uiUrl)
  const origin = new URL(listen.uiUrl).origin
  await ui.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin })
}, 180_000)

afterAll(async () => {
  await browser?.close()
  await listen?.stop()
})

describe('Settings: use with your coding agent', () => {
  it('shows each config entry and copies it', async () => {
    const page = ui.page
    await page.click('[data-testid="nav-settings"]')
    await page.waitForSelector('[data-testid="mcp-snippet"]')
    for (const s of MCP_CONFIG_SNIPPETS) {
      await page.click(`[data-testid="mcp-snippet-${s.id}"]`)
      expect(await page.textContent('[data-testid="mcp-snippet-text"]')).toBe(s.text)
      await page.click('[data-testid="mcp-snippet-copy"]')
      await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe(s.text)
    }
    expect(ui.errors).toEqual([])
  })
})
