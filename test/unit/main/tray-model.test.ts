import { describe, expect, it, vi } from 'vitest'
import type { MenuItemConstructorOptions } from 'electron'
import {
  emptyTrayModel,
  trayMenuTemplate,
  trayState,
  trayTooltip,
  type TrayActions,
  type TrayModel,
} from '../../../electron/main/tray-model'
import type { TunnelStatus } from '../../../shared/api'

const tunnel = (
  state: TunnelStatus['state'],
  url: string | null,
  extra: Partial<TunnelStatus> = {},
) =>
  ({
    state,
    url,
    reason: state === 'online' ? '' : 'server unreachable',
    since: '2026-01-01T00:00:00.000Z',
    ...extra,
  }) as TunnelStatus

function actions(): TrayActions & Record<string, ReturnType<typeof vi.fn>> {
  return {
    copy: vi.fn(),
    openInspector: vi.fn(),
    setPaused: vi.fn(),
    setNotifications: vi.fn(),
    setOpenAtLogin: vi.fn(),
    quit: vi.fn(),
  }
}

const model = (patch: Partial<TrayModel>): TrayModel => ({
  ...emptyTrayModel(),
  receiverUrl: 'http://127.0.0.1:9000',
  ...patch,
})

const byId = (items: MenuItemConstructorOptions[], id: string) => {
  const item = items.find((i) => i.id === id)
  if (!item) throw new Error(`missing ${id}`)
  return item
}
const click = (item: MenuItemConstructorOptions) => (item.click as () => void)()

describe('tray state', () => {
  it('maps the tunnel state and unseen signature failures to the four icon states', () => {
    expect(trayState(model({ tunnel: null }))).toBe('idle')
    expect(trayState(model({ tunnel: tunnel('disabled', null) }))).toBe('idle')
    expect(trayState(model({ tunnel: tunnel('connecting', null) }))).toBe('idle')
    expect(trayState(model({ tunnel: tunnel('online', 'https://a.loca.lt') }))).toBe('online')
    expect(trayState(model({ tunnel: tunnel('offline', null) }))).toBe('offline')
    expect(trayState(model({ tunnel: tunnel('reconnecting', null) }))).toBe('offline')
    expect(
      trayState(
        model({ tunnel: tunnel('online', 'https://a.loca.lt'), unseenSignatureFailures: 1 }),
      ),
    ).toBe('alert')
  })

  it('says the URL, failures and pause in the tooltip', () => {
    expect(trayTooltip(model({ tunnel: tunnel('online', 'https://a.loca.lt') }))).toBe(
      'Hooklens — https://a.loca.lt',
    )
    expect(
      trayTooltip(
        model({ tunnel: tunnel('offline', null), unseenSignatureFailures: 2, paused: true }),
      ),
    ).toBe(
      'Hooklens — 2 signature failures — Tunnel: offline (server unreachable) — capture paused',
    )
  })
})

describe('tray menu', () => {
  it('idle: no public URL to copy, the tunnel state, the local URL and every control', () => {
    const a = actions()
    const items = trayMenuTemplate(
      model({ tunnel: tunnel('connecting', null, { reason: 'registering' }) }),
      a,
    )
    expect(byId(items, 'copy-public-url')).toMatchObject({
      label: 'No public URL yet',
      enabled: false,
    })
    expect(byId(items, 'tunnel-state')).toMatchObject({
      label: 'Tunnel: connecting (registering)',
      enabled: false,
    })
    expect(items.map((i) => i.id).filter(Boolean)).toEqual([
      'copy-public-url',
      'tunnel-state',
      'copy-local-url',
      'open-inspector',
      'pause-capture',
      'notifications',
      'open-at-login',
      'quit',
    ])
    click(byId(items, 'copy-local-url'))
    expect(a.copy).toHaveBeenCalledWith('http://127.0.0.1:9000')
  })

  it('online: the public URL item copies that URL', () => {
    const a = actions()
    const items = trayMenuTemplate(
      model({ tunnel: tunnel('online', 'https://quiet-fox.loca.lt') }),
      a,
    )
    const copy = byId(items, 'copy-public-url')
    expect(copy.label).toBe('Copy https://quiet-fox.loca.lt')
    expect(copy.enabled).not.toBe(false)
    click(copy)
    expect(a.copy).toHaveBeenCalledWith('https://quiet-fox.loca.lt')
    expect(byId(items, 'tunnel-state').label).toBe('Tunnel: online')
  })

  it('online after a rebuild: warns that the URL changed', () => {
    const items = trayMenuTemplate(
      model({
        tunnel: tunnel('online', 'https://new.loca.lt', { previousUrl: 'https://old.loca.lt' }),
      }),
      actions(),
    )
    expect(byId(items, 'url-changed').label).toContain('https://old.loca.lt')
  })

  it('offline: no URL to copy even if the last one is known, and the reason shows', () => {
    const items = trayMenuTemplate(
      model({ tunnel: tunnel('offline', 'https://gone.loca.lt') }),
      actions(),
    )
    expect(byId(items, 'copy-public-url').enabled).toBe(false)
    expect(byId(items, 'tunnel-state').label).toBe('Tunnel: offline (server unreachable)')
  })

  it('alert: a "signature failures" item opens the inspector', () => {
    const a = actions()
    const items = trayMenuTemplate(model({ unseenSignatureFailures: 3 }), a)
    expect(byId(items, 'signature-failures').label).toBe('3 signature failures — show')
    click(byId(items, 'signature-failures'))
    expect(a.openInspector).toHaveBeenCalledTimes(1)
  })

  it('greys out "Start at login" where Electron cannot manage login items (Linux)', () => {
    const items = trayMenuTemplate(model({ openAtLoginSupported: false }), actions())
    expect(byId(items, 'open-at-login').enabled).toBe(false)
  })

  it('toggles reflect and flip the current values', () => {
    const a = actions()
    let items = trayMenuTemplate(
      model({ paused: false, notifications: true, openAtLogin: false, openAtLoginSupported: true }),
      a,
    )
    expect(byId(items, 'pause-capture').label).toBe('Pause capture')
    expect(byId(items, 'notifications')).toMatchObject({ type: 'checkbox', checked: true })
    expect(byId(items, 'open-at-login')).toMatchObject({
      type: 'checkbox',
      checked: false,
      enabled: true,
    })
    click(byId(items, 'pause-capture'))
    click(byId(items, 'notifications'))
    click(byId(items, 'open-at-login'))
    expect(a.setPaused).toHaveBeenCalledWith(true)
    expect(a.setNotifications).toHaveBeenCalledWith(false)
    expect(a.setOpenAtLogin).toHaveBeenCalledWith(true)

    items = trayMenuTemplate(model({ paused: true }), a)
    expect(byId(items, 'pause-capture').label).toBe('Resume capture')
    click(byId(items, 'pause-capture'))
    expect(a.setPaused).toHaveBeenLastCalledWith(false)
    click(byId(items, 'open-inspector'))
    click(byId(items, 'quit'))
    expect(a.openInspector).toHaveBeenCalledTimes(1)
    expect(a.quit).toHaveBeenCalledTimes(1)
  })
})
