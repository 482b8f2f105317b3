import { describe, expect, it } from 'vitest'
import { join } from 'node:path'
import {
  decideStart,
  downloadFailure,
  electronBinary,
  electronEnv,
  fallbackLine,
  hasDisplay,
} from '../../../scripts/start-decision.mjs'

describe('npm start decision', () => {
  it('needs X11 or Wayland on Linux, nothing on macOS and Windows', () => {
    expect(hasDisplay('linux', {})).toBe(false)
    expect(hasDisplay('linux', { DISPLAY: ':0' })).toBe(true)
    expect(hasDisplay('linux', { WAYLAND_DISPLAY: 'wayland-0' })).toBe(true)
    expect(hasDisplay('freebsd', {})).toBe(false)
    expect(hasDisplay('darwin', {})).toBe(true)
    expect(hasDisplay('win32', {})).toBe(true)
  })

  it('finds the binary the electron package would run, only if it exists', () => {
    const files = new Map([
      [join('/e', 'path.txt'), 'electron'],
      [join('/e', 'dist', 'electron'), ''],
    ])
    const fs = {
      existsSync: (p: string) => files.has(p),
      readFileSync: (p: string) => files.get(p) ?? '',
    }
    expect(electronBinary('/e', {}, fs as never)).toBe(join('/e', 'dist', 'electron'))
    files.delete(join('/e', 'dist', 'electron'))
    expect(electronBinary('/e', {}, fs as never)).toBeNull()
    expect(electronBinary('/nothing', {}, fs as never)).toBeNull()
    files.set(join('/o', 'electron'), '')
    expect(electronBinary('/e', { ELECTRON_OVERRIDE_DIST_PATH: '/o' }, fs as never)).toBe(
      join('/o', 'electron'),
    )
  })

  it('falls back to the browser without a display or a binary', () => {
    expect(decideStart({ display: false, binary: '/x', installError: null })).toEqual({
      mode: 'browser',
      reason: 'no display (neither DISPLAY nor WAYLAND_DISPLAY is set)',
    })
    const noBinary = decideStart({
      display: true,
      binary: null,
      installError: 'getaddrinfo ENOTFOUND github.com',
    })
    expect(noBinary.mode).toBe('browser')
    expect('reason' in noBinary && noBinary.reason).toContain('ENOTFOUND github.com')
    expect(decideStart({ display: true, binary: '/x/electron', installError: null })).toEqual({
      mode: 'electron',
      binary: '/x/electron',
    })
  })

  it('says it in one line, and keeps the download error short', () => {
    const line = fallbackLine('no display')
    expect(line.split('\n')).toHaveLength(1)
    expect(line).toContain('hooklens listen')
    const stack = [
      'RequestError: getaddrinfo ENOTFOUND github.com',
      '    at ClientRequest.<anonymous> (/x/got/index.js:1:1)',
    ].join('\n')
    expect(downloadFailure(stack)).toBe('getaddrinfo ENOTFOUND github.com')
    expect(downloadFailure('x'.repeat(300)).length).toBe(100)
    expect(downloadFailure('')).toBe('no output')
  })

  it('never lets Electron inherit ELECTRON_RUN_AS_NODE', () => {
    expect(electronEnv({ ELECTRON_RUN_AS_NODE: '1', PATH: '/bin' })).toEqual({ PATH: '/bin' })
  })
})
