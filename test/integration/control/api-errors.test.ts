/**
 * One ApiError whatever the transport: the same failure of the real core, called through the
 * browser's HTTP client (real loopback port) and through the desktop's preload client (IPC
 * adapter → structured clone → preload), throws equal ApiErrors — same class, message and status.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { pathToFileURL } from 'node:url'
import { join } from 'node:path'
import type { HooklensApi } from '../../../shared/api'
import { ApiError } from '../../../shared/api-error'
import { createHttpClient } from '../../../shared/http-client'
import { startControlServer, type ControlServer } from '../../../electron/core/control'
import { createAnalyzers } from '../../../electron/core/hooklens/default-analyzers'
import { createHooklens, type Hooklens } from '../../../electron/core/hooklens/hooklens'
import { registerIpcHandlers } from '../../../electron/main/ipc-adapter'
import { buildApiClient } from '../../../electron/preload/api-client'
import { tempDir } from '../../helpers/temp-dir'
import { FakeIpcMain } from '../../unit/main/fake-electron'

const OWN = pathToFileURL(join('/app/out/renderer', 'index.html')).href

let h: Hooklens
let dir: { dir: string; cleanup: () => Promise<void> }
let server: ControlServer
let http: HooklensApi
let desktop: HooklensApi

beforeAll(async () => {
  dir = await tempDir()
  h = await createHooklens({ dataDir: dir.dir, port: 0, analyzers: createAnalyzers() })
  await h.start()
  const api = h.api
  server = await startControlServer({
    api: { ...api, subscribe: (l) => h.subscribe(l) },
    staticDir: dir.dir,
  })
  http = createHttpClient({ baseUrl: server.origin, token: server.token })

  const ipcMain = new FakeIpcMain()
  registerIpcHandlers({ ipcMain: ipcMain as never, api, isOwnRenderer: (url) => url === OWN })
  desktop = buildApiClient({
    // Electron structured-clones replies: only plain data crosses, never a class instance.
    invoke: async (channel: string, arg: unknown) =>
      structuredClone(await ipcMain.invoke(channel, OWN, arg)),
    on: () => undefined as never,
    removeListener: () => undefined as never,
  } as never)
})
afterAll(async () => {
  await server?.close()
  await h?.stop()
  await dir?.cleanup()
})

async function failure(call: () => Promise<unknown>): Promise<ApiError> {
  try {
    await call()
  } catch (err) {
    if (err instanceof ApiError) return err
    throw new Error(`expected an ApiError, got ${String(err)}`)
  }
  throw new Error('expected the call to fail')
}

describe('ApiError across transports', () => {
  const cases: [string, (api: HooklensApi) => Promise<unknown>, number][] = [
    ['an unknown event to diff (404)', (api) => api.diffEvents({ a: 'nope', b: 'nada' }), 404],
    [
      'a verifier without secrets (400)',
      (api) => api.addVerifier({ scheme: 'github', secrets: [] }),
      400,
    ],
    [
      'a replay of an unknown event (500: a plain Error)',
      (api) => api.replayEvent({ id: 'nope', to: 'http://127.0.0.1:9/' }),
      500,
    ],
  ]
  for (const [name, call, status] of cases) {
    it(`desktop and browser throw the same ApiError for ${name}`, async () => {
      const overHttp = await failure(() => call(http))
      const overIpc = await failure(() => call(desktop))
      expect(overHttp.status).toBe(status)
      expect({ name: overIpc.name, message: overIpc.message, status: overIpc.status }).toEqual({
        name: overHttp.name,
        message: overHttp.message,
        status: overHttp.status,
      })
      expect(overIpc.message).not.toMatch(/Error invoking remote method/)
    })
  }

  it('a successful call still answers the plain result over IPC', async () => {
    expect(await desktop.removeVerifier({ id: 'nope' })).toEqual({ removed: false })
  })
})
