/**
 * shared/diff runs in the renderer too: bundle it for the browser (a Node-only import would fail
 * the bundle) and run it in real Chromium, where there is no Buffer.
 */
import { resolve } from 'node:path'
import { build } from 'esbuild'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launchChromium } from '../../helpers/chromium'

let browser: Browser
let bundle: string

beforeAll(async () => {
  const out = await build({
    entryPoints: [resolve(__dirname, '../../../shared/diff/index.ts')],
    bundle: true,
    platform: 'browser',
    format: 'iife',
    globalName: 'HooklensDiff',
    write: false,
    logLevel: 'silent',
  })
  bundle = out.outputFiles[0].text
  browser = await launchChromium()
})

afterAll(async () => {
  await browser?.close()
})

describe('shared/diff in Chromium', () => {
  it('diffs JSON (bytes and base64), text and binary bodies, with no Buffer around', async () => {
    const page = await browser.newPage()
    await page.addScriptTag({ content: bundle })
    const result = await page.evaluate(() => {
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      const d = (globalThis as any).HooklensDiff
      const enc = new TextEncoder()
      const json = d.diffBodies(enc.encode('{"task":{"status":{"state":"working"}}}'), {
        body: btoa('{"task":{"status":{"state":"completed"}}}'),
        bodyEncoding: 'base64',
      })
      const text = d.diffBodies('a=1\nb=2\n', 'a=1\nb=3\n')
      const binary = d.diffBodies(new Uint8Array([0, 1, 2]), new Uint8Array([0, 1, 3]))
      return {
        hasBuffer: typeof (globalThis as { Buffer?: unknown }).Buffer !== 'undefined',
        json: json.changes[0],
        text: [text.kind, text.linesAdded, text.linesRemoved],
        binary: [binary.kind, binary.firstDifferenceAt],
      }
    })
    expect(result.hasBuffer).toBe(false)
    expect(result.json).toMatchObject({
      path: 'task.status.state',
      oldValue: 'working',
      newValue: 'completed',
    })
    expect(result.text).toEqual(['text', 1, 1])
    expect(result.binary).toEqual(['binary', 2])
    await page.close()
  })
})
