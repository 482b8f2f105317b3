/**
 * Where the inspector page comes from — the built file (out/renderer/index.html) or, in
 * development, electron-vite's dev server — and the one test every IPC handler and navigation
 * check uses: is this URL our own renderer?
 */
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'

export interface RendererLocation {
  /** Folder holding the built renderer (index.html and assets). */
  dir: string
  /** file:// URL of the built index.html. */
  fileUrl: string
  /** Dev server URL (ELECTRON_RENDERER_URL) when running `electron-vite dev`, else null. */
  devServerUrl: string | null
}

/**
 * The dev server is only honoured when the app is not packaged: a packaged app must never be
 * pointed at another page by an environment variable.
 */
export function rendererLocation(opts: {
  mainDir: string
  isPackaged: boolean
  env: NodeJS.ProcessEnv
}): RendererLocation {
  const dir = join(opts.mainDir, '..', 'renderer')
  const dev = !opts.isPackaged ? (opts.env.ELECTRON_RENDERER_URL ?? null) : null
  return { dir, fileUrl: pathToFileURL(join(dir, 'index.html')).href, devServerUrl: dev }
}

export function isOwnRendererUrl(url: string | null | undefined, loc: RendererLocation): boolean {
  if (!url) return false
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return false
  }
  if (parsed.protocol === 'file:') {
    parsed.hash = ''
    parsed.search = ''
    return parsed.href === loc.fileUrl
  }
  if (!loc.devServerUrl) return false
  try {
    return parsed.origin === new URL(loc.devServerUrl).origin
  } catch {
    return false
  }
}
