/**
 * The Agent lens in the inspector, in real Chromium against a real `hooklens listen` and a
 * real @a2a-js/sdk agent on loopback: registering a task from the Share A2A dialog (and the
 * clear message for an agent without push support), the stall banner and badge when the
 * agent goes quiet, a finding's badge and reason, the task timeline, and a batch's items.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser } from 'playwright-core'
import { ensureRendererBuilt } from '../../electron/core/control'
import { createHttpClient } from '../../shared/http-client'
import { quietA2ASdk, startTestAgent, type TestAgent } from '../integration/tunnel/a2a-agent'
import { agentFieldBatch10 } from '../fixtures/platforms/agentfield'
import { launchChromium, openInspector, type Inspector } from '../helpers/chromium'
import { startListen, type ListenProcess } from '../helpers/inspector-listen'
import { sendWebhook } from '../helpers/send-webhook'

let listen: ListenProcess
let browser: Browser
let ui: Inspector
const agents: TestAgent[] = []
let loud: () => void = () => {}

beforeAll(async () => {
  loud = quietA2ASdk()
  await ensureRendererBuilt()
  listen = await startListen()
  const api = createHttpClient({ baseUrl: listen.uiOrigin, token: listen.token })
  await api.updateSettings({
    patch: { agentLens: { stallAfterMs: 1000, retryStormCount: 5, retryStormWindowMs: 60_000 } },
  })
  browser = await launchChromium()
  ui = await openInspector(browser, listen.uiUrl)
}, 120_000)

afterAll(async () => {
  loud()
  for (const a of agents) await a.close()
  await browser?.close()
  await listen?.stop()
})

async function agent(mode: 'compat' | 'no-push', opts = {}) {
  const a = await startTestAgent(mode, opts)
  agents.push(a)
  return a
}

const row = (text: string) => ui.page.locator('[data-testid="event-row"]', { hasText: text })

describe('Agent lens in the inspector', () => {
  it('says clearly when an agent card has no push support', async () => {
    const a = await agent('no-push')
    await ui.page.click('[data-testid="share-a2a-open"]')
    await ui.page.fill('[data-testid="share-a2a-agent"]', a.url)
    await ui.page.click('[data-testid="share-a2a-check"]')
    const result = ui.page.locator('[data-testid="share-a2a-check-result"]')
    await result.waitFor()
    expect(await result.textContent()).toBe(
      'Hooklens test agent does not support push notifications (its agent card has no capabilities.pushNotifications: true)',
    )
    expect(await ui.page.locator('[data-testid="share-a2a-register"]').count()).toBe(0)
    await ui.page.click('.lens-dialog-backdrop', { position: { x: 5, y: 5 } })
  })

  it('registers a task from the dialog; a quiet agent shows the stall banner and badge', async () => {
    const a = await agent('compat', { stallAfterFirstUpdate: true })
    const taskId = await a.startTask('quiet')
    await ui.page.click('[data-testid="share-a2a-open"]')
    await ui.page.fill('[data-testid="share-a2a-agent"]', a.url)
    await ui.page.click('[data-testid="share-a2a-check"]')
    await ui.page.locator('[data-testid="share-a2a-task"]').waitFor()
    await ui.page.fill('[data-testid="share-a2a-task"]', taskId)
    await ui.page.fill('[data-testid="share-a2a-public-url"]', listen.receiverUrl)
    await ui.page.click('[data-testid="share-a2a-register"]')
    const message = ui.page.locator('[data-testid="share-a2a-message"]')
    await message.waitFor()
    expect(await message.textContent()).toMatch(
      new RegExp(`^Registered push notifications for task ${taskId} .*\\(A2A 1\\.0\\)`),
    )
    expect(await ui.page.textContent('[data-testid="share-a2a-registrations"]')).toContain(taskId)
    await ui.page.click('.lens-dialog-backdrop', { position: { x: 5, y: 5 } })

    a.release(taskId)
    const banner = ui.page.locator('[data-testid="stall-banner"]', { hasText: taskId })
    await banner.waitFor({ timeout: 20_000 })
    expect(await banner.textContent()).toMatch(
      new RegExp(`task ${taskId} stalled: last update 'working' \\d+ s ago`),
    )
    const badge = row(`/a2a/${taskId}`).locator('[data-testid="findings-badge"]')
    await badge.waitFor()
    expect(await badge.getAttribute('data-codes')).toBe('stalled')
    await row(`/a2a/${taskId}`).click()
    const timeline = ui.page.locator('[data-testid="timeline"]')
    await timeline.waitFor()
    expect(await timeline.getAttribute('data-status')).toBe('stalled')
  })

  it('shows a finding as a badge with its reason in the detail', async () => {
    const body = JSON.stringify({
      task: { id: 't-two', contextId: 'c', status: { state: 'TASK_STATE_WORKING' } },
      statusUpdate: { taskId: 't-two', contextId: 'c', status: { state: 'TASK_STATE_WORKING' } },
    })
    await sendWebhook(listen.receiverUrl, '/a2a/t-two', body, {
      'content-type': 'application/a2a+json',
      'x-a2a-notification-token': 'tok',
    })
    const badge = row('/a2a/t-two').locator('[data-testid="findings-badge"]')
    await badge.waitFor()
    expect(await badge.getAttribute('data-codes')).toBe('a2a-stream-response')
    await row('/a2a/t-two').click()
    const panel = ui.page.locator('[data-testid="findings-panel"]')
    await panel.waitFor()
    expect(await panel.textContent()).toContain('this body has task and statusUpdate')
  })

  it('lists a batch’s items, filterable by event type and execution', async () => {
    const f = agentFieldBatch10
    await sendWebhook(
      listen.receiverUrl,
      '/agentfield/batch',
      f.body,
      Object.fromEntries(f.headers.filter(([k]) => !/^(host|content-length)$/i.test(k))),
    )
    await row('/agentfield/batch').click()
    const items = ui.page.locator('[data-testid="batch-item"]')
    await ui.page.locator('[data-testid="batch-items"]').waitFor()
    await expect.poll(() => items.count()).toBe(10)
    await ui.page.selectOption('[data-testid="batch-filter-type"]', 'execution.completed')
    await expect.poll(() => items.count()).toBe(5)
    await ui.page.selectOption('[data-testid="batch-filter-execution"]', 'exec_1')
    await expect.poll(() => items.count()).toBe(1)
    await items.first().locator('button').click()
    expect(await items.first().textContent()).toContain('"execution_id": "exec_1"')
  })
})
