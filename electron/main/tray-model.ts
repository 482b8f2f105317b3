/**
 * What the tray shows, as plain data: the state its icon reflects, its tooltip, and its menu
 * template (Electron's MenuItemConstructorOptions shape). Pure, so every state is unit-tested
 * without a tray.
 */
import type { MenuItemConstructorOptions } from 'electron'
import type { TunnelStatus } from '../../shared/api'

export type TrayState = 'idle' | 'online' | 'offline' | 'alert'
export const TRAY_STATES: readonly TrayState[] = ['idle', 'online', 'offline', 'alert']

export interface TrayModel {
  receiverUrl: string | null
  tunnel: TunnelStatus | null
  paused: boolean
  notifications: boolean
  openAtLogin: boolean
  /** Electron manages login items on macOS and Windows only. */
  openAtLoginSupported: boolean
  /** Signature failures received since the user last looked at the inspector. */
  unseenSignatureFailures: number
}

export interface TrayActions {
  copy(text: string): void
  openInspector(): void
  setPaused(paused: boolean): void
  setNotifications(on: boolean): void
  setOpenAtLogin(on: boolean): void
  quit(): void
}

export function emptyTrayModel(): TrayModel {
  return {
    receiverUrl: null,
    tunnel: null,
    paused: false,
    notifications: true,
    openAtLogin: false,
    openAtLoginSupported: false,
    unseenSignatureFailures: 0,
  }
}

/** An unseen signature failure outranks the tunnel state: it is what needs a look. */
export function trayState(m: TrayModel): TrayState {
  if (m.unseenSignatureFailures > 0) return 'alert'
  switch (m.tunnel?.state) {
    case 'online':
      return 'online'
    case 'offline':
    case 'reconnecting':
      return 'offline'
    default:
      return 'idle'
  }
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`
}

function tunnelLine(t: TunnelStatus | null): string {
  if (!t) return 'Tunnel: starting'
  const reason = t.state === 'online' || !t.reason ? '' : ` (${t.reason})`
  return `Tunnel: ${t.state}${reason}`
}

export function trayTooltip(m: TrayModel): string {
  const parts = ['Hooklens']
  if (m.unseenSignatureFailures > 0) {
    parts.push(plural(m.unseenSignatureFailures, 'signature failure'))
  }
  parts.push(m.tunnel?.state === 'online' && m.tunnel.url ? m.tunnel.url : tunnelLine(m.tunnel))
  if (m.paused) parts.push('capture paused')
  return parts.join(' — ')
}

export function trayMenuTemplate(m: TrayModel, a: TrayActions): MenuItemConstructorOptions[] {
  const publicUrl = m.tunnel?.state === 'online' ? m.tunnel.url : null
  const items: MenuItemConstructorOptions[] = [
    publicUrl
      ? { id: 'copy-public-url', label: `Copy ${publicUrl}`, click: () => a.copy(publicUrl) }
      : { id: 'copy-public-url', label: 'No public URL yet', enabled: false },
    { id: 'tunnel-state', label: tunnelLine(m.tunnel), enabled: false },
  ]
  if (m.tunnel?.previousUrl && publicUrl) {
    items.push({
      id: 'url-changed',
      label: `URL changed (was ${m.tunnel.previousUrl}): re-point your agents`,
      enabled: false,
    })
  }
  if (m.receiverUrl) {
    const local = m.receiverUrl
    items.push({ id: 'copy-local-url', label: `Copy local ${local}`, click: () => a.copy(local) })
  }
  items.push({ type: 'separator' })
  items.push({ id: 'open-inspector', label: 'Open inspector', click: () => a.openInspector() })
  if (m.unseenSignatureFailures > 0) {
    items.push({
      id: 'signature-failures',
      label: `${plural(m.unseenSignatureFailures, 'signature failure')} — show`,
      click: () => a.openInspector(),
    })
  }
  items.push(
    { type: 'separator' },
    {
      id: 'pause-capture',
      label: m.paused ? 'Resume capture' : 'Pause capture',
      click: () => a.setPaused(!m.paused),
    },
    {
      id: 'notifications',
      label: 'Notifications',
      type: 'checkbox',
      checked: m.notifications,
      click: () => a.setNotifications(!m.notifications),
    },
    {
      id: 'open-at-login',
      label: 'Start at login',
      type: 'checkbox',
      checked: m.openAtLogin,
      enabled: m.openAtLoginSupported,
      click: () => a.setOpenAtLogin(!m.openAtLogin),
    },
    { type: 'separator' },
    { id: 'quit', label: 'Quit Hooklens', click: () => a.quit() },
  )
  return items
}
