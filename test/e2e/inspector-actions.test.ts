/**
 * What the inspector does with captured events, against a real `hooklens listen` in real
 * Chromium: compare two events, replay one to a local handler, export HAR 1.2.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { readFile } from 'node:fs/promises'
import type { Browser } from 'playwright-core'
import { ensureRendererBuilt } from '../../electron/core/control'
import { launchChromium, openInspector, type Inspector } from '../helpers/chromium'
import { startListen, type ListenProcess } from '../helpers/inspector-listen'
import { sendWebhook } from '../helpers/send-webhook'
import { validateHar } from '../helpers/validate-har'

let listen: ListenProcess
let browser: Browser
let ui: Inspector
let handler: Server
let handlerUrl: string
const received: { path: string; body: string }[] = []

beforeAll(async () => {
  handler = createServer((req, res) => {
    let body = ''
    req.on('data', (c) => (body += c))
    req.on('end', () => {
      received.push({ path: req.url ?? '', body })
      res.writeHead(201, { 'content-type': 'text/plain', 'x-handler': 'local' })
      res.end(`handled ${body.length} bytes`)
    })
  })
  await new Promise<void>((r) => handler.listen(0, '127.0.0.1', r))
  handlerUrl = `http://127.0.0.1:${(handler.address() as AddressInfo).port}/webhook`
  await ensureRendererBuilt()
  listen = await startListen()
  browser = await launchChromium()
  ui = await openInspector(browser, listen.uiUrl)
  await sendWebhook(
    listen.receiverUrl,
    '/orders',
    '{"order":{"id":7,"status":"pending","total":10}}',
  )
  await sendWebhook(listen.receiverUrl, '/orders', '{"order":{"id":7,"status":"paid","total":10}}')
  await ui.page.locator('[data-testid="event-row"]').nth(1).waitFor()
}, 120_000)

afterAll(async () => {
  await browser?.close()
  await listen?.stop()
  handler?.close()
})

describe('inspector actions', () => {
  it('compares two events and shows the changed path', async () => {
    const rows = ui.page.locator('[data-testid="event-row"]')
    await rows.nth(1).click()
    await ui.page.click('[data-testid="compare-set-a"]')
    await rows.nth(0).click()
    await ui.page.click('[data-testid="compare-with-a"]')
    await ui.page.waitForSelector('[data-testid="compare-view"]')
    const paths = await ui.page.$$eval('[data-testid="diff-change"]', (r) =>
      r.map((x) => x.getAttribute('data-path')),
    )
    expect(paths).toEqual(['order.status'])
    const change = ui.page.locator('[data-testid="diff-change"]').first()
    expect(await change.textContent()).toContain('"pending"')
    expect(await change.textContent()).toContain('"paid"')
    await ui.page.click('[data-testid="compare-side"]')
    expect(
      await ui.page.locator('[data-testid="side-by-side"] .s-add').first().textContent(),
    ).toContain('"paid"')
  })

  it('replays an event to a local handler and shows its response', async () => {
    await ui.page.click('[data-testid="nav-events"]')
    await ui.page.locator('[data-testid="event-row"]').first().click()
    await ui.page.click('[data-testid="detail-tab-replay"]')
    await ui.page.fill('[data-testid="replay-target"]', handlerUrl)
    await ui.page.click('[data-testid="replay-send"]')
    await ui.page.waitForSelector('[data-testid="replay-result"]')
    expect(await ui.page.textContent('[data-testid="replay-result"]')).toContain('201')
    const sent = '{"order":{"id":7,"status":"paid","total":10}}'
    expect(await ui.page.textContent('[data-testid="replay-response-body"]')).toBe(
      `handled ${sent.length} bytes`,
    )
    expect(received.at(-1)?.body).toBe(sent)
    // The target is remembered for the next session.
    expect(await ui.page.evaluate(() => localStorage.getItem('hooklens.replayTarget'))).toBe(
      handlerUrl,
    )
    await ui.page.waitForSelector('[data-testid="replay-history"]')
  })

  it('exports HAR 1.2 that validates, with the exact requests', async () => {
    const download = ui.page.waitForEvent('download')
    await ui.page.selectOption('[data-testid="export-menu"]', 'har')
    const file = await (await download).path()
    const har = JSON.parse(await readFile(file!, 'utf8'))
    expect(validateHar(har)).toEqual([])
    expect(har.log.version).toBe('1.2')
    const texts = har.log.entries.map(
      (e: { request: { postData?: { text: string } } }) => e.request.postData?.text,
    )
    expect(texts).toContain('{"order":{"id":7,"status":"pending","total":10}}')
    expect(har.log.entries[0].request.url).toBe(`${listen.receiverUrl}/orders`)
  })

  it('logged no page errors', () => {
    expect(ui.errors).toEqual([])
  })
})
