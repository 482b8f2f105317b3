import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import vm from 'node:vm'
import { API_METHODS, type ApiPush } from '../../../shared/api'
import { buildElectronTarget, type TargetBuild } from '../../helpers/electron-vite-build'

let built: TargetBuild
let bundle: string

beforeAll(async () => {
  built = await buildElectronTarget('preload', 'hooklens-preload-')
  bundle = readFileSync(join(built.outDir, 'preload', 'index.cjs'), 'utf8')
}, 60_000)
afterAll(() => built?.cleanup())

/** Runs the bundle as a sandboxed preload: `require` knows only 'electron'. */
function runPreload() {
  const exposed = new Map<string, unknown>()
  const listeners = new Map<string, Set<(...a: unknown[]) => void>>()
  const ipcRenderer = {
    invoke: vi.fn(async (channel: string, arg: unknown) => ({ channel, arg })),
    on: vi.fn((channel: string, fn: (...a: unknown[]) => void) => {
      if (!listeners.has(channel)) listeners.set(channel, new Set())
      listeners.get(channel)!.add(fn)
    }),
    removeListener: vi.fn((channel: string, fn: (...a: unknown[]) => void) => {
      listeners.get(channel)?.delete(fn)
    }),
    send: vi.fn(),
    sendSync: vi.fn(),
  }
  const contextBridge = {
    exposeInMainWorld: vi.fn((key: string, api: unknown) => exposed.set(key, api)),
  }
  const required: string[] = []
  const module = { exports: {} }
  const context = vm.createContext({
    module,
    exports: module.exports,
    console,
    require: (name: string) => {
      required.push(name)
      if (name === 'electron') return { contextBridge, ipcRenderer }
      throw new Error(`the sandboxed preload cannot require ${name}`)
    },
  })
  vm.runInContext(bundle, context, { filename: 'preload/index.cjs' })
  const emit = (channel: string, ...args: unknown[]) => {
    for (const fn of listeners.get(channel) ?? []) fn(...args)
  }
  return { exposed, ipcRenderer, contextBridge, required, emit, listeners }
}

describe('built preload', () => {
  it('is one CommonJS file that requires nothing but electron and reads no process.env', () => {
    expect(readdirSync(join(built.outDir, 'preload'))).toEqual(['index.cjs'])
    const code = bundle.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '')
    expect(code).not.toMatch(/\bprocess\b/)
    expect(code).not.toMatch(/\bimport\s*\(/)
    const { required } = runPreload()
    expect(required).toEqual(['electron'])
  })

  it('exposes exactly the API methods plus subscribe, as window.hooklens only', () => {
    const { exposed, contextBridge } = runPreload()
    expect(contextBridge.exposeInMainWorld).toHaveBeenCalledTimes(1)
    expect([...exposed.keys()]).toEqual(['hooklens'])
    const api = exposed.get('hooklens') as Record<string, unknown>
    expect(Object.keys(api).sort()).toEqual([...API_METHODS, 'subscribe'].sort())
    for (const value of Object.values(api)) expect(typeof value).toBe('function')
    expect(api).not.toHaveProperty('invoke')
    expect(api).not.toHaveProperty('send')
    expect(api).not.toHaveProperty('env')
  })

  it('each method invokes its own hooklens:<method> channel with one argument', async () => {
    const { exposed, ipcRenderer } = runPreload()
    const api = exposed.get('hooklens') as Record<string, (arg?: unknown) => Promise<unknown>>
    for (const m of API_METHODS) {
      await expect(api[m]({ probe: m })).resolves.toEqual({
        channel: `hooklens:${m}`,
        arg: { probe: m },
      })
    }
    await api.getStatus()
    expect(ipcRenderer.invoke).toHaveBeenLastCalledWith('hooklens:getStatus', {})
    expect(ipcRenderer.invoke).toHaveBeenCalledTimes(API_METHODS.length + 1)
  })

  it('subscribe unrolls push batches, hides the IPC event, and unsubscribes', () => {
    const { exposed, emit, listeners } = runPreload()
    const api = exposed.get('hooklens') as { subscribe(fn: (...a: unknown[]) => void): () => void }
    const got: unknown[][] = []
    const off = api.subscribe((...args) => got.push(args))
    const a: ApiPush = { type: 'eventsCleared', payload: { cleared: 3 } }
    const b = { type: 'openEvent', payload: { id: 'E1' } }
    const ipcEvent = { sender: { secret: 'the IpcRenderer itself' } }
    emit('hooklens:push', ipcEvent, [a, b])
    expect(got).toEqual([[a], [b]])
    emit('hooklens:push', ipcEvent, 'not a batch')
    expect(got).toHaveLength(2)
    off()
    expect(listeners.get('hooklens:push')?.size).toBe(0)
    emit('hooklens:push', ipcEvent, [a])
    expect(got).toHaveLength(2)
    // (The TypeError comes from the VM's realm, so match by message.)
    expect(() => api.subscribe('nope' as never)).toThrow(/takes a function/)
  })
})
