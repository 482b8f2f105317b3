/**
 * `npm start` where Electron cannot run: the real scripts/start.mjs, spawned with an empty
 * folder as the `electron` package (no binary, nothing to download) or without a display,
 * must print one line saying so and run `hooklens listen` — which then really receives.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { spawn, type ChildProcess } from 'node:child_process'
import { resolve } from 'node:path'
import { request } from 'node:http'
import { makeTempDirSync, removeTempDirSync } from '../../helpers/temp-dir'

const ROOT = resolve(import.meta.dirname, '../../..')
const cleanup: (() => void)[] = []
afterEach(() => {
  while (cleanup.length) cleanup.pop()!()
})

function tempDir(prefix: string) {
  const dir = makeTempDirSync(prefix)
  cleanup.push(() => removeTempDirSync(dir))
  return dir
}

interface Started {
  child: ChildProcess
  stderr: () => string
  stdout: () => string
  exited: Promise<number | null>
}

function startScript(env: NodeJS.ProcessEnv): Started {
  let out = ''
  let err = ''
  const child = spawn(process.execPath, ['scripts/start.mjs', '--port', '0', '--no-tunnel'], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  child.stdout!.on('data', (d) => (out += d))
  child.stderr!.on('data', (d) => (err += d))
  const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)))
  cleanup.push(() => {
    if (child.exitCode === null) child.kill('SIGKILL')
  })
  return { child, stderr: () => err, stdout: () => out, exited }
}

function baseEnv(extra: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    HOOKLENS_DATA_DIR: tempDir('hooklens-start-data-'),
  }
  delete env.DISPLAY
  delete env.WAYLAND_DISPLAY
  return { ...env, ...extra }
}

async function waitFor(get: () => string, pattern: RegExp, ms = 20_000): Promise<RegExpMatchArray> {
  const end = Date.now() + ms
  for (;;) {
    const m = get().match(pattern)
    if (m) return m
    if (Date.now() > end) throw new Error(`timed out waiting for ${pattern}; got:\n${get()}`)
    await new Promise((r) => setTimeout(r, 50))
  }
}

function post(port: number, path: string, body: string): Promise<number> {
  return new Promise((resolvePost, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path,
        method: 'POST',
        headers: { 'content-type': 'application/json' },
      },
      (res) => {
        res.resume()
        res.on('end', () => resolvePost(res.statusCode ?? 0))
      },
    )
    req.on('error', reject)
    req.end(body)
  })
}

const RECEIVING = /Hooklens is receiving on http:\/\/127\.0\.0\.1:(\d+)/

describe('npm start fallback', () => {
  it('no Electron binary: one line saying so, then `hooklens listen` receives', async () => {
    const s = startScript(
      baseEnv({ DISPLAY: ':99', HOOKLENS_ELECTRON_DIR: tempDir('hooklens-no-electron-') }),
    )
    const port = Number((await waitFor(s.stderr, RECEIVING))[1])
    const lines = s.stderr().split('\n')
    const notes = lines.filter((l) => l.startsWith('hooklens: cannot open the desktop app'))
    expect(notes).toEqual([
      'hooklens: cannot open the desktop app: no Electron binary (node_modules/electron/dist is missing and the download failed: the electron package has no install.js). Starting `hooklens listen` with the browser inspector instead.',
    ])
    // That line comes first and is the only line start.mjs itself prints.
    expect(lines[0]).toBe(notes[0])
    expect(s.stderr()).not.toMatch(/downloading the Electron binary/)

    expect(await post(port, '/hooks/start-test', '{"hello":"start"}')).toBe(200)
    await waitFor(s.stdout, /\/hooks\/start-test/)

    // ...with the browser inspector (built on first use, so this may take a while).
    const inspector = (
      await waitFor(s.stderr, /Inspector: (http:\/\/127\.0\.0\.1:\d+\/\S*)/, 80_000)
    )[1]
    // The token URL trades the token for a session cookie and redirects to the page.
    const login = await fetch(inspector, { redirect: 'manual' })
    expect(login.status).toBe(302)
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]
    const page = await fetch(new URL(login.headers.get('location') ?? '/', inspector), {
      headers: { cookie },
    })
    expect(page.status).toBe(200)
    expect(await page.text()).toContain('<div id="root">')

    // Stopping npm start stops listen too: the receiver port closes.
    s.child.kill('SIGTERM')
    await s.exited
    await expect(post(port, '/after', '{}')).rejects.toThrow(/ECONNREFUSED/)
  }, 120_000)

  it('no display: says so in one line before starting `hooklens listen`', async () => {
    const s = startScript(baseEnv({}))
    // (That listen then starts is the test above; here only the reason differs.)
    await waitFor(s.stderr, /Starting `hooklens listen`.*\n/)
    const notes = s
      .stderr()
      .split('\n')
      .filter((l) => l.startsWith('hooklens: cannot open'))
    expect(notes).toEqual([
      'hooklens: cannot open the desktop app: no display (neither DISPLAY nor WAYLAND_DISPLAY is set). Starting `hooklens listen` with the browser inspector instead.',
    ])
    s.child.kill('SIGTERM')
    await s.exited
  })
})
