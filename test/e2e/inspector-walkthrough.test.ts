/**
 * Issue 13's inspector walkthrough, repeated in real Chromium against a real `hooklens listen`:
 * replay history, unsigned requests and re-signing, the reject path, the reason in the row,
 * keyboard habits, large bodies in compare, and the layout of a narrow window.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
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
let handler: Server
let handlerUrl: string
const received: { headers: Record<string, string | string[] | undefined>; body: string }[] = []

beforeAll(async () => {
  handler = createServer((req, res) => {
    let body = ''
    req.on('data', (c) => (body += c))
    req.on('end', () => {
      received.push({ headers: req.headers, body })
      res.writeHead(200, { 'content-type': 'text/plain' })
      res.end('ok')
    })
  })
  await new Promise<void>((r) => handler.listen(0, '127.0.0.1', r))
  handlerUrl = `http://127.0.0.1:${(handler.address() as AddressInfo).port}/webhook`
  await ensureRendererBuilt()
  // A tunnel server nobody listens on: starting the tunnel fails and keeps retrying.
  listen = await startListen([
    '--tunnel-host',
    'http://127.0.0.1:1',
    '--secret',
    'stripe=whsec_session_only_secret',
  ])
  const api = createHttpClient({ baseUrl: listen.uiOrigin, token: listen.token })
  await api.addVerifier({ scheme: 'github', secrets: [SECRETS.github], path: '/hooks/github' })
  // An every-path verifier: it must not call unrelated unsigned requests "missing".
  await api.addVerifier({ scheme: 'standard-webhooks', secrets: [SECRETS.standard] })
  browser = await launchChromium()
  ui = await openInspector(browser, listen.uiUrl)
}, 120_000)

afterAll(async () => {
  await browser?.close()
  await listen?.stop()
  handler?.close()
})

const row = (text: string) =>
  ui.page.locator('[data-testid="event-row"]', { hasText: text }).first()

async function openReplay(text: string) {
  await ui.page.click('[data-testid="nav-events"]')
  await row(text).click()
  await ui.page.waitForSelector(`[data-testid="event-detail"]`)
  await ui.page.click('[data-testid="detail-tab-replay"]')
  await ui.page.fill('[data-testid="replay-target"]', handlerUrl)
}

describe('inspector walkthrough (issue 13)', () => {
  it('#13 shows why an event is invalid in its row', async () => {
    const bad = github({ ref: 'refs/heads/row-reason' }, 'not-the-secret')
    await sendWebhook(listen.receiverUrl, bad.path, bad.body, bad.headers)
    await row('/hooks/github').waitFor()
    const api = createHttpClient({ baseUrl: listen.uiOrigin, token: listen.token })
    const stored = (await api.listEvents({ verification: 'invalid' }))[0]
    const reason = row('/hooks/github').locator('[data-testid="row-reason"]')
    expect((await reason.textContent())?.trim()).toBe(stored.verification.reason)
    expect(await reason.isVisible()).toBe(true)
  })

  it('#17 an unsigned GET /health is not "missing", and its replay is not re-signed', async () => {
    const res = await fetch(`${listen.receiverUrl}/health`)
    await res.arrayBuffer()
    await row('/health').waitFor()
    expect(await row('/health').locator('[data-testid="verify-badge"]').count()).toBe(0)
    await openReplay('/health')
    expect(await ui.page.isChecked('[data-testid="replay-resign"]')).toBe(false)
    await ui.page.click('[data-testid="replay-send"]')
    await ui.page.waitForSelector('[data-testid="replay-result"]')
    const last = received.at(-1)!
    expect(last.headers['webhook-signature']).toBeUndefined()
    expect(last.headers['webhook-id']).toBeUndefined()
  })

  it('#18 sends an edited body under the original signature; #8 one history row per send', async () => {
    const ok = github({ ref: 'refs/heads/reject-path' })
    await sendWebhook(listen.receiverUrl, ok.path, ok.body, ok.headers)
    await row('/hooks/github').waitFor()
    await ui.page.locator('[data-testid="verify-badge"][data-status="valid"]').first().waitFor()
    await openReplay('/hooks/github')
    // A signed capture: re-signing is the default.
    expect(await ui.page.isChecked('[data-testid="replay-resign"]')).toBe(true)
    await ui.page.uncheck('[data-testid="replay-resign"]')
    await ui.page.click('text=Edit headers and body')
    const edited = ok.body.replace('reject-path', 'tampered')
    await ui.page.fill('[data-testid="replay-body"]', edited)
    const before = received.length
    await ui.page.click('[data-testid="replay-send"]')
    await expect.poll(() => received.length).toBe(before + 1)
    expect(received.at(-1)!.body).toBe(edited)
    expect(received.at(-1)!.headers['x-hub-signature-256']).toBe(ok.headers['x-hub-signature-256'])
    await ui.page.click('[data-testid="replay-send"]')
    await expect.poll(() => received.length).toBe(before + 2)
    await ui.page.click('[data-testid="replay-send"]')
    await expect.poll(() => received.length).toBe(before + 3)
    const items = ui.page.locator('[data-testid="replay-history"] li')
    await expect.poll(() => items.count()).toBe(3)
    // Pushes settle after the answers: still three rows, still newest first.
    await ui.page.waitForTimeout(400)
    expect(await items.count()).toBe(3)
    const times = await items.evaluateAll((li) => li.map((x) => x.getAttribute('data-created')))
    expect([...times].sort().reverse()).toEqual(times)
  })

  it('#12 Tab reaches the rows; arrows move the cursor and the open detail follows; ? shows help', async () => {
    await ui.page.click('[data-testid="nav-events"]')
    await ui.page.keyboard.press('Escape')
    await ui.page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur())
    let reached = false
    for (let i = 0; i < 40 && !reached; i++) {
      await ui.page.keyboard.press('Tab')
      reached = await ui.page.evaluate(
        () => document.activeElement?.getAttribute('data-testid') === 'event-grid',
      )
    }
    expect(reached).toBe(true)
    const ids = await ui.page
      .locator('[data-testid="event-row"]')
      .evaluateAll((r) => r.map((x) => x.getAttribute('data-event-id')))
    await ui.page.keyboard.press('Home')
    await ui.page.keyboard.press('Enter')
    await expect
      .poll(() => ui.page.getAttribute('[data-testid="event-detail"]', 'data-event-id'))
      .toBe(ids[0])
    await ui.page.locator('[data-testid="event-grid"]').focus()
    await ui.page.keyboard.press('ArrowDown')
    await expect
      .poll(() => ui.page.getAttribute('[data-testid="event-detail"]', 'data-event-id'))
      .toBe(ids[1])
    await ui.page.keyboard.press('ArrowUp')
    await expect
      .poll(() => ui.page.getAttribute('[data-testid="event-detail"]', 'data-event-id'))
      .toBe(ids[0])
    await ui.page.keyboard.press('?')
    await ui.page.waitForSelector('[data-testid="shortcut-help"]')
    await ui.page.keyboard.press('Escape')
    expect(await ui.page.locator('[data-testid="shortcut-help"]').count()).toBe(0)
  })

  it('#9 compare: a 2 MB body is not line-diffed side by side; a mid-size one is virtualised', async () => {
    const big = (tag: string) =>
      JSON.stringify({
        tag,
        items: Array.from({ length: 20_000 }, (_, i) => ({
          i,
          name: `item-${i}`,
          pad: 'x'.repeat(70),
        })),
      })
    const mid = (tag: string) =>
      JSON.stringify({ tag, items: Array.from({ length: 600 }, (_, i) => ({ i, v: `v${i}` })) })
    const pairs: [string, string, string][] = [
      ['/big/a', '/big/b', 'big'],
      ['/mid/a', '/mid/b', 'mid'],
    ]
    for (const [pa, pb, kind] of pairs) {
      const make = kind === 'big' ? big : mid
      expect(await sendWebhook(listen.receiverUrl, pa, make('a'))).toBe(200)
      expect(await sendWebhook(listen.receiverUrl, pb, make('b'))).toBe(200)
    }
    expect(big('a').length).toBeGreaterThan(2_000_000)
    for (const [pa, pb, kind] of pairs) {
      await ui.page.click('[data-testid="nav-events"]')
      await row(pa).click()
      await ui.page.click('[data-testid="compare-set-a"]')
      await row(pb).click()
      await ui.page.click('[data-testid="compare-with-a"]')
      await ui.page.waitForSelector('[data-testid="compare-view"]')
      await ui.page.click('[data-testid="compare-side"]')
      if (kind === 'big') {
        await ui.page.waitForSelector('[data-testid="side-too-large"]')
        expect(await ui.page.textContent('[data-testid="side-too-large"]')).toContain(
          'showing the structural diff',
        )
        await ui.page.waitForSelector('[data-testid="body-diff"]')
      } else {
        await ui.page.waitForSelector('[data-testid="side-by-side"]')
        const total = Number(
          await ui.page.getAttribute('[data-testid="side-by-side"]', 'data-rows'),
        )
        expect(total).toBeGreaterThan(2000)
        expect(await ui.page.locator('[data-testid="sbs-row"]').count()).toBeLessThan(200)
      }
    }
  })

  it('#20 marks the "A" event in the list', async () => {
    await ui.page.click('[data-testid="nav-events"]')
    await ui.page.keyboard.press('Escape')
    await expect.poll(() => row('/mid/b').locator('[data-testid="row-mark-a"]').count()).toBe(0)
    expect(await row('/mid/a').locator('[data-testid="row-mark-a"]').count()).toBe(1)
  })

  it('#11 holds at 800 px: toolbar buttons on screen, list never painted over the detail', async () => {
    const narrow = await openInspector(browser, listen.uiUrl, {
      viewport: { width: 800, height: 640 },
    })
    try {
      const p = narrow.page
      await p.locator('[data-testid="event-row"]').first().waitFor()
      for (const id of ['clear-all', 'export-menu', 'toggle-live', 'filter-input']) {
        const box = await p.locator(`[data-testid="${id}"]`).boundingBox()
        expect(box, id).not.toBeNull()
        expect(box!.x + box!.width, id).toBeLessThanOrEqual(800)
      }
      await p.locator('[data-testid="event-row"]').first().click()
      await p.waitForSelector('[data-testid="event-detail"]')
      const detail = (await p.locator('[data-testid="event-detail"]').boundingBox())!
      const list = (await p.locator('[data-testid="event-list"]').boundingBox())!
      expect(list.x + list.width).toBeLessThanOrEqual(detail.x + 1)
      expect(detail.x + detail.width).toBeLessThanOrEqual(801)
      // What is drawn at the detail header's left edge belongs to the detail.
      const head = (await p.locator('.detail-head').boundingBox())!
      const inDetail = await p.evaluate(
        ([x, y]) =>
          Boolean(document.elementFromPoint(x, y)?.closest('[data-testid="event-detail"]')),
        [head.x + 4, head.y + head.height / 2],
      )
      expect(inDetail).toBe(true)
      // The path and the signature verdict are still readable in the narrowed list.
      const path = (await p.locator('[data-testid="event-row"] .c-path').first().boundingBox())!
      expect(path.width).toBeGreaterThan(40)
      expect(narrow.errors).toEqual([])
    } finally {
      await narrow.context.close()
    }
  })

  it('#15 a delivery opened from a long list is brought into view', async () => {
    const api = createHttpClient({ baseUrl: listen.uiOrigin, token: listen.token })
    const [first] = await api.listEvents({ limit: 1 })
    for (let i = 0; i < 40; i++) await api.replayEvent({ id: first.id, to: handlerUrl })
    await ui.page.click('[data-testid="nav-deliveries"]')
    await ui.page.waitForSelector('[data-testid="deliveries"]')
    const shows = ui.page.locator('[data-testid="delivery-show"]')
    await expect.poll(() => shows.count()).toBeGreaterThan(40)
    await shows.last().click()
    const open = ui.page.locator('[data-testid="delivery-open"]')
    await open.waitFor()
    await expect
      .poll(() =>
        open.evaluate((el) => {
          const r = el.getBoundingClientRect()
          return r.top >= 0 && r.top < window.innerHeight - 40
        }),
      )
      .toBe(true)
  })

  it('#16 a failing tunnel says so, with its reason, in the status bar', async () => {
    await ui.page.click('[data-testid="tunnel-toggle"]')
    await expect
      .poll(() => ui.page.textContent('[data-testid="tunnel-state"]'), { timeout: 20_000 })
      .toContain('failing')
    const reason = ui.page.locator('[data-testid="tunnel-reason"]')
    expect(await reason.isVisible()).toBe(true)
    expect(await reason.textContent()).toMatch(/retry/)
    await ui.page.click('[data-testid="tunnel-toggle"]')
    await expect.poll(() => ui.page.textContent('[data-testid="tunnel-state"]')).toBe('tunnel off')
  })

  it('#14 Settings shows session --secret verifiers, names verifiers, and edits response rules', async () => {
    await ui.page.click('[data-testid="nav-settings"]')
    const session = ui.page.locator('[data-testid="session-verifier"]')
    await session.first().waitFor()
    expect(await session.first().textContent()).toContain('session-stripe')
    expect(await ui.page.textContent('[data-testid="verifiers"]')).not.toContain(
      'whsec_session_only_secret',
    )
    await ui.page.fill('[data-testid="verifier-name"]', 'billing hook')
    await ui.page.selectOption('[data-testid="verifier-scheme"]', 'stripe')
    await ui.page.fill('[data-testid="verifier-secret"]', 'whsec_named_one')
    await ui.page.click('[data-testid="verifier-add"]')
    await ui.page
      .locator('[data-testid="saved-verifier"]', { hasText: 'billing hook' })
      .first()
      .waitFor()

    await ui.page.click('[data-testid="rule-new"]')
    const rule = ui.page.locator('[data-testid="response-rule"]').last()
    await rule.locator('[data-testid="rule-method"]').fill('post')
    await rule.locator('[data-testid="rule-path"]').fill('/slow/**')
    await rule.locator('[data-testid="rule-status"]').fill('429')
    await rule.locator('[data-testid="rule-headers"]').fill('Retry-After: 30')
    await rule.locator('[data-testid="rule-body"]').fill('{"error":"slow down"}')
    await ui.page.click('[data-testid="rules-save"]')
    await expect
      .poll(async () => {
        const res = await fetch(`${listen.receiverUrl}/slow/down`, { method: 'POST', body: '{}' })
        return [res.status, res.headers.get('retry-after'), await res.text()]
      })
      .toEqual([429, '30', '{"error":"slow down"}'])
    // A bad status is refused in the page, not sent to the core.
    await rule.locator('[data-testid="rule-status"]').fill('99')
    await ui.page.click('[data-testid="rules-save"]')
    expect(await ui.page.textContent('[data-testid="rules-error"]')).toContain('status')
  })

  it('#20 query and form bodies as tables, copy buttons, A/B headings, one time format', async () => {
    await ui.page.click('[data-testid="nav-events"]')
    await sendWebhook(listen.receiverUrl, '/form?order=7&tag=a%20b&tag=c', 'name=Ada+L&x=%3Cy%3E', {
      'content-type': 'application/x-www-form-urlencoded',
    })
    await row('/form').click()
    await ui.page.click('[data-testid="detail-tab-overview"]')
    const q = await ui.page.$$eval('[data-testid="query-params"] tr', (rows) =>
      rows.map((r) => [r.querySelector('th')!.textContent, r.querySelector('td')!.textContent]),
    )
    expect(q).toEqual([
      ['order', '7'],
      ['tag', 'a b'],
      ['tag', 'c'],
    ])
    // One clock: the overview's time is the list's time, with the date in front.
    const listTime = await row('/form').locator('.c-time').textContent()
    const received = await ui.page
      .locator('[data-testid="overview"] tr', { hasText: 'Received' })
      .locator('td')
      .textContent()
    expect(received).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\.\d{3}$/)
    expect(received!.endsWith(listTime!.replace(/^A/, ''))).toBe(true)
    await ui.page.click('[data-testid="detail-tab-body"]')
    const f = await ui.page.$$eval('[data-testid="body-form"] tr', (rows) =>
      rows.map((r) => [r.querySelector('th')!.textContent, r.querySelector('td')!.textContent]),
    )
    expect(f).toEqual([
      ['name', 'Ada L'],
      ['x', '<y>'],
    ])
    await ui.page.click('[data-testid="copy-body"]')
    await expect.poll(() => ui.page.textContent('[data-testid="notice"]')).toContain('Copied')
    await ui.page.click('[data-testid="detail-tab-headers"]')
    await ui.page.locator('[data-testid="header-row"]').first().hover()
    await ui.page.locator('[data-testid="header-row"] [data-testid="copy-value"]').first().click()
    await expect
      .poll(() => ui.page.textContent('[data-testid="notice"]'))
      .toMatch(/Copied the .* header/)
    // Compare's structural diff names its columns A and B.
    await ui.page.click('[data-testid="nav-compare"]')
    await ui.page.click('[data-testid="compare-inline"]')
    expect(await ui.page.textContent('[data-testid="diff-head-a"]')).toContain('A')
    expect(await ui.page.textContent('[data-testid="diff-head-b"]')).toContain('B')
  })

  it('#20 a selected top row stays in view while events arrive', async () => {
    await ui.page.click('[data-testid="nav-events"]')
    await ui.page.keyboard.press('Escape')
    await sendWebhook(listen.receiverUrl, '/top-row', '{}')
    await row('/top-row').waitFor()
    await ui.page.locator('[data-testid="event-grid"]').evaluate((el) => (el.scrollTop = 0))
    const top = ui.page.locator('[data-testid="event-row"]').first()
    const id = await top.getAttribute('data-event-id')
    await top.click()
    const count = async () =>
      parseInt((await ui.page.textContent('[data-testid="shown-count"]')) ?? '0', 10)
    const before = await count()
    for (let i = 0; i < 40; i++) await sendWebhook(listen.receiverUrl, `/burst/${i}`, '{}')
    // The new rows land above, out of view: wait for the count, not for a row.
    await expect.poll(count).toBe(before + 40)
    // Rows outside the virtual window are not in the DOM at all: null means out of view.
    const inView = () =>
      ui.page.evaluate((rowId) => {
        const grid = document.querySelector('[data-testid="event-grid"]')!.getBoundingClientRect()
        const el = document.querySelector(`[data-event-id="${rowId}"][data-testid="event-row"]`)
        if (!el) return false
        const r = el.getBoundingClientRect()
        return r.top >= grid.top - 1 && r.bottom <= grid.bottom + 1
      }, id)
    await expect.poll(inView).toBe(true)
  })

  it('logged no page errors', () => {
    expect(ui.errors).toEqual([])
  })

  it('12.3 Settings names origin rules advisory, beside the IP rules that decide', async () => {
    const api = createHttpClient({ baseUrl: listen.uiOrigin, token: listen.token })
    // Loopback IP rules keep the other tests' senders in; the origin rule is only shown.
    await api.updateSettings({
      patch: {
        allowList: {
          ips: ['127.0.0.1', '::1', '::ffff:127.0.0.1'],
          origins: ['https://agent.example'],
        },
      },
    })
    try {
      await ui.page.click('[data-testid="nav-settings"]')
      const section = ui.page.locator('[data-testid="allow-list"]')
      await section.waitFor()
      await expect(
        section.locator('[data-testid="allow-list-advisory"]').textContent(),
      ).resolves.toBe('(advisory)')
      await expect(section.textContent()).resolves.toContain('https://agent.example')
      await expect(section.textContent()).resolves.toContain('127.0.0.1')
    } finally {
      await api.updateSettings({ patch: { allowList: { ips: [], origins: [] } } })
    }
  })
})
