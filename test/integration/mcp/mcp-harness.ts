/**
 * The MCP tests' harness: a real `hooklens listen` (loopback, port 0, no tunnel, its control API
 * on, temp data dir) and the real `hooklens mcp` spawned by the SDK's own Client over
 * StdioClientTransport, with a `call` that returns a tool's parsed JSON result.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { Client } from '@modelcontextprotocol/sdk/client/index.js'
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js'
import { BIN, ROOT } from '../../helpers/hooklens-cli'

export interface Listen {
  child: ChildProcess
  url: string
  stderr: () => string
  stop(): Promise<void>
}

/** `hooklens listen` with its control API (the inspector server) on, as users run it. */
export function startListenWithControl(dataDir: string, args: string[] = []): Promise<Listen> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [BIN, 'listen', '--port', '0', '--no-tunnel', '--data-dir', dataDir, ...args],
      { cwd: ROOT, env: { ...process.env, NO_COLOR: '1' } },
    )
    let stderr = ''
    // The first run may build the inspector UI.
    const timer = setTimeout(() => reject(new Error(`listen did not start:\n${stderr}`)), 120_000)
    child.stdout.resume()
    child.stderr.on('data', async (d) => {
      stderr += d
      const url = /receiving on (http:\/\/\S+)/.exec(stderr)?.[1]
      if (!url || !/Inspector: /.test(stderr)) return
      clearTimeout(timer)
      await waitForControl(dataDir)
      resolve({
        child,
        url,
        stderr: () => stderr,
        stop: () =>
          new Promise((done) => {
            if (child.exitCode !== null) return done()
            child.once('exit', () => done())
            child.kill('SIGTERM')
          }),
      })
    })
    child.on('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`listen exited with ${code}:\n${stderr}`))
    })
  })
}

async function waitForControl(dataDir: string): Promise<void> {
  for (let i = 0; i < 200; i++) {
    const text = await readFile(join(dataDir, 'runtime.json'), 'utf8').catch(() => '')
    if (text.includes('"control"') && !text.includes('"control": null')) return
    await new Promise((r) => setTimeout(r, 25))
  }
  throw new Error('runtime.json never recorded the control API')
}

/**
 * A tool result's parsed JSON. Tests walk it freely and assert on shapes, so it is typed
 * loosely on purpose.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = any

export interface Mcp {
  client: Client
  stderr: () => string
  /** Calls a tool; the JSON of its text result, and whether it is an error. */
  call(
    name: string,
    args?: Record<string, unknown>,
  ): Promise<{ isError: boolean; text: string; json: Json }>
  close(): Promise<void>
}

export async function startMcp(dataDir: string, args: string[] = []): Promise<Mcp> {
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [BIN, 'mcp', '--data-dir', dataDir, ...args],
    cwd: ROOT,
    env: { ...(process.env as Record<string, string>), NO_COLOR: '1' },
    stderr: 'pipe',
  })
  let stderr = ''
  transport.stderr?.on('data', (d) => (stderr += d))
  const client = new Client({ name: 'hooklens-test', version: '1.0.0' })
  await client.connect(transport)
  return {
    client,
    stderr: () => stderr,
    async call(name, args = {}) {
      const res = await client.callTool({ name, arguments: args }, undefined, {
        timeout: 120_000,
      })
      const content = res.content as { type: string; text: string }[]
      const text = content.map((c) => c.text).join('')
      let json: Json = null
      try {
        json = JSON.parse(text)
      } catch {
        json = null
      }
      return { isError: Boolean(res.isError), text, json }
    },
    close: () => client.close(),
  }
}

/** POSTs raw bytes to the receiver and returns the status. */
export async function post(
  url: string,
  body: Buffer | string,
  headers: Record<string, string> = {},
): Promise<number> {
  const res = await fetch(url, {
    method: 'POST',
    body: typeof body === 'string' ? body : new Uint8Array(body),
    headers,
  })
  await res.arrayBuffer()
  return res.status
}
