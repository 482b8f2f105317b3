/**
 * The inspector against a real `hooklens listen` in real Chromium: live list, exact detail,
 * verification and duplicate badges, and bodies that try to run script.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { gzipSync } from 'node:zlib'
import type { Browser } from 'playwright-core'
import { ensureRendererBuilt } from '../../electron/core/control'
import { createHttpClient } from '../../shared/http-client'
import { launchChromium, openInspector, type Inspector } from '../helpers/chromium'
import { startListen, type ListenProcess } from '../helpers/inspector-listen'
import { sendWebhook } from '../helpers/send-webhook'
import { github, SECRETS } from './support/samples'

let listen: ListenProcess
let browser: Browser
let ui: Inspector

beforeAll(async () => {
  await ensureRendererBuilt()
  listen = await startListen()
  const api = createHttpClient({ baseUrl: listen.uiOrigin, token: listen.token })
  await api.addVerifier({ scheme: 'github', secrets: [SECRETS.github], path: '/hooks/github' })
  browser = await launchChromium()
  ui = await openInspector(browser, listen.uiUrl)
}, 120_000)

afterAll(async () => {
  await browser?.close()
  await listen?.stop()
})

const row = (path: string) =>
  ui.page.locator('[data-testid="event-row"]', { hasText: path }).first()

describe('inspector (live)', () => {
  it('drops the token from the address bar and shows the empty state first', async () => {
    expect(ui.page.url()).not.toContain('token')
    await ui.page.waitForSelector('[data-testid="empty-state"]')
    expect(await ui.page.textContent('[data-testid="empty-curl"]')).toContain(listen.receiverUrl)
  })

  it('shows a POST live, and the detail has the exact headers and body', async () => {
    const body = '{"hello":"world",  "n": 1}\n'
    const headers = {
      'content-type': 'application/json',
      'x-custom-Case': 'Value  with  spaces',
      'x-dup': 'one',
    }
    expect(await sendWebhook(listen.receiverUrl, '/live/first?x=1', body, headers)).toBe(200)
    await row('/live/first').waitFor()
    await row('/live/first').click()
    await ui.page.waitForSelector('[data-testid="event-detail"]')
    expect(await ui.page.textContent('[data-testid="detail-path"]')).toBe('/live/first?x=1')
    await ui.page.click('[data-testid="detail-tab-headers"]')
    const pairs = await ui.page.$$eval('[data-testid="header-row"]', (rows) =>
      rows.map((r) => [r.querySelector('th')!.textContent, r.querySelector('td')!.textContent]),
    )
    expect(pairs).toContainEqual(['x-custom-Case', 'Value  with  spaces'])
    expect(pairs).toContainEqual(['content-type', 'application/json'])
    await ui.page.click('[data-testid="detail-tab-body"]')
    await ui.page.click('[data-testid="body-mode-raw"]')
    expect(await ui.page.textContent('[data-testid="body-raw"]')).toBe(body)
  })

  it('badges a valid, an invalid (with its diagnosis) and a duplicate event', async () => {
    const valid = github({ ref: 'refs/heads/main', commits: [{ id: 'a1' }] })
    valid.headers['x-github-delivery'] = 'delivery-valid-1'
    const invalid = github({ ref: 'refs/heads/bad' }, 'not-the-secret')
    expect(await sendWebhook(listen.receiverUrl, valid.path, valid.body, valid.headers)).toBe(200)
    await sendWebhook(listen.receiverUrl, valid.path, valid.body, valid.headers)
    await sendWebhook(listen.receiverUrl, invalid.path, invalid.body, invalid.headers)
    await ui.page.waitForSelector('[data-testid="idem-badge"][data-status="duplicate"]')
    // The three events may reach the list in more than one push batch: wait for the last one.
    await ui.page.waitForSelector('[data-testid="verify-badge"][data-status="invalid"]')
    const statuses = await ui.page.$$eval('[data-testid="verify-badge"]', (b) =>
      b.map((x) => x.getAttribute('data-status')),
    )
    expect(statuses).toContain('valid')
    expect(statuses).toContain('invalid')
    await ui.page.click('[data-testid="verify-badge"][data-status="invalid"]')
    await ui.page.click('[data-testid="detail-tab-overview"]')
    const api = createHttpClient({ baseUrl: listen.uiOrigin, token: listen.token })
    const stored = (await api.listEvents({ verification: 'invalid' }))[0]
    expect(stored.verification.reason).toMatch(/secret/i)
    await expect
      .poll(() => ui.page.textContent('[data-testid="verification-reason"]'))
      .toBe(stored.verification.reason)
    if (stored.verification.diagnosis) {
      // Diagnosis kinds and keys read as words ('wrong secret'), not as identifiers.
      const text = (await ui.page.textContent('[data-testid="diagnosis"]')) ?? ''
      expect(text).toContain(stored.verification.diagnosis.kind.replace(/-/g, ' '))
      expect(text).not.toMatch(/[a-z][A-Z]/)
    }
    await ui.page.click('[data-testid="idem-badge"][data-status="duplicate"]')
    expect(await ui.page.textContent('[data-testid="idem-status"]')).toBe('duplicate')
    await ui.page.waitForSelector('[data-testid="idem-first"]')
  })

  it('filters with platform: and status:', async () => {
    await ui.page.fill('[data-testid="filter-input"]', 'platform:github status:invalid')
    await expect.poll(() => ui.page.locator('[data-testid="event-row"]').count()).toBe(1)
    // A word only the body holds: the core's text search finds it.
    await ui.page.fill('[data-testid="filter-input"]', 'refs/heads/bad')
    await expect.poll(() => ui.page.locator('[data-testid="event-row"]').count()).toBe(1)
    await ui.page.fill('[data-testid="filter-input"]', '')
    await expect.poll(() => ui.page.locator('[data-testid="event-row"]').count()).toBe(4)
  })

  it('renders a body with <script> and <img onerror> as text and runs nothing', async () => {
    const evil =
      '{"name":"<script>window.__xss=1;alert(1)</script>","bio":"<img src=x onerror=\\"window.__xss=2;alert(2)\\">"}'
    await sendWebhook(listen.receiverUrl, '/xss', evil, {
      'content-type': 'application/json',
      'x-evil': '<img src=x onerror=alert(3)>',
    })
    await row('/xss').click()
    await ui.page.click('[data-testid="detail-tab-body"]')
    await ui.page.click('[data-testid="body-mode-tree"]')
    await ui.page.click('[data-testid="body-mode-raw"]')
    expect(await ui.page.textContent('[data-testid="body-raw"]')).toBe(evil)
    await ui.page.click('[data-testid="detail-tab-headers"]')
    expect(await ui.page.locator('img').count()).toBe(0)
    expect(await ui.page.locator('script:not([src])').count()).toBe(0)
    expect(
      await ui.page.evaluate(() => (window as unknown as { __xss?: number }).__xss),
    ).toBeUndefined()
    expect(ui.dialogs).toEqual([])
  })

  it('shows a gzip body decoded, and its raw bytes as hex', async () => {
    const text = '{"compressed":true,"items":[1,2,3]}'
    await sendWebhook(listen.receiverUrl, '/gzip', gzipSync(text), {
      'content-type': 'application/json',
      'content-encoding': 'gzip',
    })
    await row('/gzip').click()
    await ui.page.click('[data-testid="detail-tab-body"]')
    await ui.page.click('[data-testid="body-mode-decoded"]')
    expect(await ui.page.textContent('[data-testid="body-decoded"]')).toBe(text)
    await ui.page.click('[data-testid="body-mode-hex"]')
    expect(await ui.page.textContent('[data-testid="body-hex"]')).toMatch(/^00000000 {2}1f 8b 08/)
  })

  it('moves through the list with j/k and opens with Enter', async () => {
    await ui.page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur())
    await ui.page.keyboard.press('Escape')
    for (let i = 0; i < 8; i++) await ui.page.keyboard.press('k')
    await ui.page.keyboard.press('j')
    await ui.page.keyboard.press('Enter')
    const second = await ui.page
      .locator('[data-testid="event-row"]')
      .nth(1)
      .getAttribute('data-event-id')
    await expect
      .poll(() => ui.page.getAttribute('[data-testid="event-detail"]', 'data-event-id'))
      .toBe(second)
  })

  it('logged no page errors', () => {
    expect(ui.errors).toEqual([])
  })
})
