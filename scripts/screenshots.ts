/**
 * Screenshots for the README: starts a real `hooklens listen` (fresh temp data dir, no tunnel),
 * configures verifiers, sends realistic signed webhooks (A2A push notifications, Agent Gateway,
 * AgentField, Stripe, GitHub, Standard Webhooks — see shared/platforms.md), drives the inspector
 * in Chromium and saves PNGs into docs/screenshots/.
 *
 *   node bin/run-ts.mjs scripts/screenshots.ts
 */
import { mkdir } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Page } from 'playwright-core'
import { ensureRendererBuilt } from '../electron/core/control'
import { createHttpClient } from '../shared/http-client'
import { launchChromium, openInspector } from '../test/helpers/chromium'
import { startListen, type ListenProcess } from '../test/helpers/inspector-listen'
import { sendWebhook } from '../test/helpers/send-webhook'
import * as s from '../test/e2e/support/samples'

const OUT = resolve(fileURLToPath(import.meta.url), '../../docs/screenshots')
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

async function send(listen: ListenProcess, sample: s.Sample) {
  await sendWebhook(listen.receiverUrl, sample.path, sample.body, sample.headers)
  await sleep(40)
}

async function seed(listen: ListenProcess) {
  const api = createHttpClient({ baseUrl: listen.uiOrigin, token: listen.token })
  const add = (scheme: string, secret: string, path: string) =>
    api.addVerifier({ scheme, secrets: [secret], path })
  await add('github', s.SECRETS.github, '/hooks/github')
  await add('stripe', s.SECRETS.stripe, '/hooks/stripe')
  await add('standard-webhooks', s.SECRETS.standard, '/hooks/svix')
  await add('agent-gateway', s.SECRETS.agentGateway, '/hooks/agent-gateway')
  await add('agentfield-execution', s.SECRETS.agentfield, '/hooks/agentfield')
  await add('a2a-notification-token', 'a2a-token-1', '/a2a/push')

  const task = 'b0b5c7e2-4f1a-4c55-9d0e-7a3e21f0c9aa'
  await send(listen, s.a2a('task', task, 'TASK_STATE_WORKING'))
  await send(
    listen,
    s.github({
      ref: 'refs/heads/main',
      before: 'a1b2c3',
      after: 'd4e5f6',
      commits: [{ id: 'd4e5f6', message: 'Fix webhook retries' }],
      repository: { full_name: 'acme/agents' },
    }),
  )
  await send(
    listen,
    s.agentGateway('on_complete', 'exec_9f2c', { output: 'Summary written to notion' }),
  )
  await send(listen, s.a2a('artifactUpdate', task, 'TASK_STATE_WORKING'))
  const order = {
    id: 'evt_1QxY',
    object: 'event',
    type: 'invoice.paid',
    data: { object: { id: 'in_1Qx', amount_paid: 4900, currency: 'usd', customer: 'cus_R2d2' } },
  }
  await send(listen, s.stripe(order))
  await send(listen, s.stripe({ ...order, id: 'evt_1QxZ' }, { ageS: 412 }))
  await send(listen, s.agentfield('exec_abc', 'succeeded', 14200))
  const msg = s.standardWebhook('msg_2k5TzQb', {
    type: 'user.created',
    data: { id: 'user_29w83', email: 'ada@example.com' },
  })
  await send(listen, msg)
  await send(listen, msg)
  await send(
    listen,
    s.standardWebhook('msg_2k5TzQb', {
      type: 'user.created',
      data: { id: 'user_29w83', email: 'ada@example.org' },
    }),
  )
  await send(listen, s.agentfield('exec_abd', 'failed', 3100))
  await send(listen, s.a2a('statusUpdate', task, 'TASK_STATE_COMPLETED'))
  await send(
    listen,
    s.github({ zen: 'Keep it logically awesome.', hook_id: 1 }, 'an-old-secret', 'ping'),
  )
}

async function shot(page: Page, name: string) {
  await sleep(250)
  await page.screenshot({ path: join(OUT, name) })
  process.stderr.write(`saved docs/screenshots/${name}\n`)
}

async function openRow(page: Page, text: string, nth = 0) {
  await page.locator('[data-testid="event-row"]', { hasText: text }).nth(nth).click()
  await page.waitForSelector('[data-testid="event-detail"]')
}

async function main() {
  await mkdir(OUT, { recursive: true })
  await ensureRendererBuilt()
  const listen = await startListen()
  const browser = await launchChromium()
  try {
    const empty = await openInspector(browser, listen.uiUrl, {
      viewport: { width: 1200, height: 640 },
    })
    await empty.page.waitForSelector('[data-testid="empty-state"]')
    await shot(empty.page, 'empty-state.png')
    await empty.context.close()

    await seed(listen)
    const { page, context } = await openInspector(browser, listen.uiUrl)
    await page.waitForSelector('[data-testid="event-row"] >> nth=12')
    await openRow(page, 'stripe', 0)
    await shot(page, 'inspector-invalid-signature.png')

    await openRow(page, '/a2a/push', 1)
    await page.click('[data-testid="detail-tab-body"]')
    await shot(page, 'event-body-json.png')

    await openRow(page, '/a2a/push', 0)
    await page.click('[data-testid="detail-tab-changes"]')
    await shot(page, 'changes-since-previous.png')

    await openRow(page, '/hooks/svix', 0)
    await page.click('[data-testid="detail-tab-overview"]')
    await shot(page, 'idempotency-conflict.png')

    await openRow(page, '/hooks/agentfield', 1)
    await page.click('[data-testid="compare-set-a"]')
    await openRow(page, '/hooks/agentfield', 0)
    await page.click('[data-testid="compare-with-a"]')
    await page.waitForSelector('[data-testid="compare-view"]')
    await shot(page, 'compare.png')
    await page.click('[data-testid="compare-side"]')
    await shot(page, 'compare-side-by-side.png')

    await page.click('[data-testid="nav-settings"]')
    await page.waitForSelector('[data-testid="verifiers"]')
    await shot(page, 'settings.png')
    await page.click('[data-testid="nav-deliveries"]')
    await page.waitForSelector('[data-testid="deliveries-view"]')
    await shot(page, 'deliveries.png')
    await context.close()

    const narrow = await openInspector(browser, listen.uiUrl, {
      viewport: { width: 900, height: 700 },
    })
    await narrow.page.waitForSelector('[data-testid="event-row"] >> nth=12')
    await openRow(narrow.page, 'stripe', 0)
    await shot(narrow.page, 'narrow-900.png')
    await narrow.context.close()

    const dark = await openInspector(browser, listen.uiUrl, { colorScheme: 'dark' })
    await dark.page.waitForSelector('[data-testid="event-row"] >> nth=12')
    await dark.page.fill('[data-testid="filter-input"]', 'status:invalid')
    await openRow(dark.page, 'github', 0)
    await shot(dark.page, 'dark-filter-invalid.png')
    await dark.context.close()
  } finally {
    await browser.close()
    await listen.stop()
  }
}

await main()
