import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  RUNTIME_FILE,
  readRuntimeInfo,
  removeRuntimeInfo,
  writeRuntimeInfo,
  type RuntimeInfo,
} from '../../../electron/core/share/runtime-info'
import { saveA2AVerifier } from '../../../electron/core/share/a2a-verifier'
import { openSettings } from '../../../electron/core/settings/settings-store'
import { makeTempDir, removeTempDir } from '../../helpers/temp-dir'

let dir: string
beforeEach(async () => {
  dir = await makeTempDir('hooklens-share-')
})
afterEach(async () => {
  await removeTempDir(dir)
})

const info = (pid: number): RuntimeInfo => ({
  pid,
  startedAt: '2026-11-25T15:00:00.000Z',
  receiverUrl: 'http://127.0.0.1:9000',
  receiverPort: 9000,
  publicUrl: 'https://abcd.loca.lt',
  tunnel: {
    state: 'online',
    url: 'https://abcd.loca.lt',
    reason: 'tunnel online',
    since: '2026-11-25T15:00:01.000Z',
  },
})

describe('runtime.json', () => {
  it('round-trips for a live process and is removed by its owner', async () => {
    writeRuntimeInfo(dir, info(process.pid))
    expect(readRuntimeInfo(dir)?.publicUrl).toBe('https://abcd.loca.lt')
    removeRuntimeInfo(dir)
    expect(readRuntimeInfo(dir)).toBeNull()
  })

  it('ignores a file left by a dead process, and unreadable files', async () => {
    writeRuntimeInfo(dir, info(2 ** 22 + 12345))
    expect(readRuntimeInfo(dir)).toBeNull()
    await writeFile(join(dir, RUNTIME_FILE), '{torn')
    expect(readRuntimeInfo(dir)).toBeNull()
  })

  it('another instance does not remove a file it does not own', async () => {
    writeRuntimeInfo(dir, info(process.pid))
    removeRuntimeInfo(dir, process.pid + 1)
    expect(readRuntimeInfo(dir)).not.toBeNull()
  })
})

describe('saveA2AVerifier', () => {
  it('adds a path-scoped a2a-notification-token verifier, and rotates on re-registration', () => {
    const settings = openSettings(dir)
    try {
      const v = saveA2AVerifier(settings, {
        token: 't1',
        path: '/a2a/task-1',
        name: 'A2A task task-1',
      })
      expect(v).toMatchObject({
        scheme: 'a2a-notification-token',
        secrets: ['t1'],
        path: '/a2a/task-1',
      })
      saveA2AVerifier(settings, { token: 'other', path: '/a2a/task-2', name: 'A2A task task-2' })
      const again = saveA2AVerifier(settings, {
        token: 't2',
        path: '/a2a/task-1',
        name: 'A2A task task-1',
      })
      expect(again.id).toBe(v.id)
      expect(again.secrets).toEqual(['t2', 't1'])
    } finally {
      settings.close()
    }
    const reopened = openSettings(dir)
    expect(reopened.get().verifiers.map((x) => x.path)).toEqual(['/a2a/task-1', '/a2a/task-2'])
    reopened.close()
  })
})
