/**
 * The HTTP transport of the Hooklens API, used by the inspector in a plain browser (the
 * desktop app uses `window.hooklens` from its preload instead): one `POST /api/<method>` per
 * call and a Server-Sent Events stream for pushes, read with fetch so it runs in browsers and
 * in Node alike, reconnecting by itself.
 */
import { API_METHODS, type ApiPush, type HooklensApi } from './api'
import { ApiError } from './api-error'

export { ApiError } from './api-error'

export interface HttpClientOptions {
  /** Origin of the control server; '' (default) means the page's own origin. */
  baseUrl?: string
  /** For scripts outside a browser: sent as `Authorization: Bearer`, instead of the cookie. */
  token?: string
  fetch?: typeof fetch
  /** Called when the push stream comes back after a drop: pushes in between were missed. */
  onReconnect?: () => void
  reconnectMs?: number
}

export function createHttpClient(opts: HttpClientOptions = {}): HooklensApi {
  const base = (opts.baseUrl ?? '').replace(/\/+$/, '')
  const doFetch = opts.fetch ?? globalThis.fetch.bind(globalThis)
  const auth: Record<string, string> = opts.token ? { authorization: `Bearer ${opts.token}` } : {}

  async function call(method: string, arg: unknown): Promise<unknown> {
    const res = await doFetch(`${base}/api/${method}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...auth },
      body: JSON.stringify(arg ?? {}),
      credentials: 'same-origin',
    })
    const text = await res.text()
    let parsed: { result?: unknown; error?: string } = {}
    try {
      parsed = text ? JSON.parse(text) : {}
    } catch {
      parsed = { error: text }
    }
    if (!res.ok)
      throw new ApiError(parsed.error ?? `${method} failed: HTTP ${res.status}`, res.status)
    return parsed.result ?? null
  }

  const listeners = new Set<(push: ApiPush) => void>()
  let stream: AbortController | null = null

  async function runStream(ctrl: AbortController) {
    let first = true
    while (!ctrl.signal.aborted) {
      try {
        const res = await doFetch(`${base}/api/events`, {
          headers: { accept: 'text/event-stream', ...auth },
          credentials: 'same-origin',
          signal: ctrl.signal,
        })
        if (!res.ok || !res.body) throw new Error(`events: HTTP ${res.status}`)
        if (!first) opts.onReconnect?.()
        first = false
        await readEvents(res.body, (data) => {
          let push: ApiPush
          try {
            push = JSON.parse(data)
          } catch {
            return
          }
          for (const l of [...listeners]) l(push)
        })
      } catch {
        // Dropped or refused: try again below unless we were closed.
      }
      if (ctrl.signal.aborted) return
      first = false
      await new Promise((r) => setTimeout(r, opts.reconnectMs ?? 1000))
    }
  }

  const client: Record<string, unknown> = {
    subscribe(listener: (push: ApiPush) => void) {
      listeners.add(listener)
      if (!stream) {
        stream = new AbortController()
        void runStream(stream)
      }
      return () => {
        listeners.delete(listener)
        if (listeners.size === 0 && stream) {
          stream.abort()
          stream = null
        }
      }
    },
  }
  for (const m of API_METHODS) client[m] = (arg: unknown) => call(m, arg)
  return client as unknown as HooklensApi
}

/** Reads an SSE body and hands each event's `data` (joined lines) to `onData`. */
export async function readEvents(body: ReadableStream<Uint8Array>, onData: (data: string) => void) {
  const reader = body.getReader()
  const decoder = new TextDecoder()
  let buf = ''
  for (;;) {
    const { value, done } = await reader.read()
    if (done) return
    buf += decoder.decode(value, { stream: true })
    let sep: number
    while ((sep = buf.indexOf('\n\n')) >= 0) {
      const block = buf.slice(0, sep)
      buf = buf.slice(sep + 2)
      const data = block
        .split('\n')
        .filter((l) => l.startsWith('data:'))
        .map((l) => l.slice(5).replace(/^ /, ''))
      if (data.length) onData(data.join('\n'))
    }
  }
}
