import { describe as group, expect, it } from 'vitest'
import type { TunnelStatus } from '../../../shared/api'
import { describe } from '../../../electron/cli/listen-tunnel'

const at = (s: Partial<TunnelStatus>): TunnelStatus => ({
  state: 'online',
  url: null,
  reason: '',
  since: '2026-11-25T15:00:00.000Z',
  ...s,
})

group('listen tunnel lines', () => {
  it('prints the public URL when it comes online', () => {
    expect(describe(at({ url: 'https://a.loca.lt', reason: 'tunnel online' }), null)).toEqual([
      'Public URL: https://a.loca.lt',
    ])
  })

  it('shouts when the URL changed', () => {
    const lines = describe(
      at({ url: 'https://b.loca.lt', previousUrl: 'https://a.loca.lt', reason: 'tunnel online' }),
      at({ state: 'reconnecting', reason: 'x' }),
    )
    expect(lines.join('\n')).toContain(
      '!!! PUBLIC URL CHANGED: https://a.loca.lt -> https://b.loca.lt',
    )
    expect(lines.join('\n')).toMatch(/re-pointed/)
  })

  it('prints state changes with their reason, and nothing for a repeat', () => {
    const r = at({ state: 'reconnecting', reason: 'every connection closed; retry 1 in 1 s' })
    expect(describe(r, null)).toEqual([
      'Tunnel: reconnecting — every connection closed; retry 1 in 1 s',
    ])
    expect(describe({ ...r, since: 'later' }, r)).toEqual([])
    expect(describe(at({ state: 'offline', reason: 'HTTP 403' }), r)).toEqual([
      'Tunnel: OFFLINE — HTTP 403',
    ])
  })

  it('reports a notice added while online', () => {
    const on = at({ url: 'https://a.loca.lt', reason: 'tunnel online' })
    const notice = at({ url: 'https://a.loca.lt', reason: 'tunnel online; reminder page' })
    expect(describe(notice, on)).toEqual(['Tunnel: tunnel online; reminder page'])
  })
})
