/**
 * Owns the Tray: applies a TrayModel to it (icon per state, tooltip, context menu) and opens the
 * inspector on click. Electron's Tray, Menu and nativeImage come in as arguments so tests run
 * with fakes; the icon is only reloaded when the state changes.
 */
import type { Menu, MenuItemConstructorOptions, NativeImage, Tray } from 'electron'
import {
  emptyTrayModel,
  trayMenuTemplate,
  trayState,
  trayTooltip,
  type TrayActions,
  type TrayModel,
  type TrayState,
} from './tray-model'
import { trayIconPath } from './tray-icons'

export interface TrayElectron {
  createTray(
    image: NativeImage,
  ): Pick<Tray, 'setImage' | 'setToolTip' | 'setContextMenu' | 'on' | 'destroy'>
  buildMenu(template: MenuItemConstructorOptions[]): Menu
  loadImage(path: string): NativeImage
}

export interface TrayControllerOptions {
  electron: TrayElectron
  trayDir: string
  platform: NodeJS.Platform
  actions: TrayActions
}

export class TrayController {
  private model: TrayModel = emptyTrayModel()
  private shownState: TrayState
  private readonly tray: ReturnType<TrayElectron['createTray']>

  constructor(private readonly opts: TrayControllerOptions) {
    this.shownState = trayState(this.model)
    this.tray = opts.electron.createTray(this.image(this.shownState))
    // On macOS a click opens the menu; elsewhere a click is the quick way to the window.
    if (opts.platform !== 'darwin') this.tray.on('click', () => opts.actions.openInspector())
    this.render()
  }

  get current(): Readonly<TrayModel> {
    return this.model
  }

  get state(): TrayState {
    return this.shownState
  }

  update(patch: Partial<TrayModel>): void {
    this.model = { ...this.model, ...patch }
    this.render()
  }

  destroy(): void {
    this.tray.destroy()
  }

  private image(state: TrayState): NativeImage {
    const img = this.opts.electron.loadImage(
      trayIconPath(this.opts.trayDir, state, this.opts.platform),
    )
    // The file name already says Template; flagging it too survives a renamed resource.
    if (this.opts.platform === 'darwin') img.setTemplateImage(true)
    return img
  }

  private render(): void {
    const state = trayState(this.model)
    if (state !== this.shownState) {
      this.shownState = state
      this.tray.setImage(this.image(state))
    }
    this.tray.setToolTip(trayTooltip(this.model))
    this.tray.setContextMenu(
      this.opts.electron.buildMenu(trayMenuTemplate(this.model, this.opts.actions)),
    )
  }
}
