/**
 * Spawns a real `hooklens listen --port 0 --no-tunnel --json --data-dir TMP` and reads the two
 * addresses it prints: the receiver and the inspector (the one carrying `?token=`). For the
 * browser tests; hooklens-cli.ts starts `listen --no-ui` for tests that need the receiver only.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { makeTempDir, removeTempDir } from './temp-dir'

const ROOT = resolve(fileURLToPath(import.meta.url), '../../..')

export interface ListenProcess {
  child: ChildProcess
  dataDir: string
  receiverUrl: string
  /** The tokenised inspector URL, as printed. */
  uiUrl: string
  uiOrigin: string
  token: string
  /** Lines printed on stdout so far (one JSON event per line with --json). */
  stdout: string[]
  stop(): Promise<void>
}

const UI_RE = /(http:\/\/(?:127\.0\.0\.1|localhost|\[::1\]):\d+)\/?\?token=([A-Za-z0-9_\-%.~]+)/
const URL_RE = /http:\/\/(?:127\.0\.0\.1|localhost|\[::1\]):\d+/g

export async function startListen(
  extraArgs: string[] = [],
  timeoutMs = 60_000,
): Promise<ListenProcess> {
  const dataDir = await makeTempDir('hooklens-e2e-')
  const child = spawn(
    process.execPath,
    [
      join(ROOT, 'bin/hooklens.mjs'),
      'listen',
      '--port',
      '0',
      '--no-tunnel',
      '--json',
      '--data-dir',
      dataDir,
      ...extraArgs,
    ],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1' } },
  )
  const stdout: string[] = []
  let all = ''
  let partial = ''
  const found = new Promise<{ receiverUrl: string; uiOrigin: string; token: string }>(
    (res, rej) => {
      const timer = setTimeout(
        () => rej(new Error(`listen printed no URLs in ${timeoutMs} ms:\n${all}`)),
        timeoutMs,
      )
      const check = () => {
        const ui = UI_RE.exec(all)
        if (!ui) return
        const others = [...all.matchAll(URL_RE)].map((m) => m[0]).filter((u) => u !== ui[1])
        if (!others.length) return
        clearTimeout(timer)
        res({ receiverUrl: others[0], uiOrigin: ui[1], token: decodeURIComponent(ui[2]) })
      }
      child.stdout!.on('data', (d: Buffer) => {
        all += d.toString()
        partial += d.toString()
        const lines = partial.split('\n')
        partial = lines.pop() ?? ''
        stdout.push(...lines.filter(Boolean))
        check()
      })
      child.stderr!.on('data', (d: Buffer) => {
        all += d.toString()
        check()
      })
      child.on('exit', (code) => {
        clearTimeout(timer)
        rej(new Error(`listen exited (${code}):\n${all}`))
      })
    },
  )
  const stop = async () => {
    if (child.exitCode === null) {
      const exited = new Promise((r) => child.once('exit', r))
      child.kill('SIGTERM')
      const t = setTimeout(() => child.kill('SIGKILL'), 5000)
      await exited
      clearTimeout(t)
    }
    await removeTempDir(dataDir)
  }
  try {
    const urls = await found
    return {
      child,
      dataDir,
      ...urls,
      uiUrl: `${urls.uiOrigin}/?token=${encodeURIComponent(urls.token)}`,
      stdout,
      stop,
    }
  } catch (err) {
    await stop()
    throw err
  }
}
