/** The control server: the browser inspector and the Hooklens API over loopback HTTP + SSE. */
export { build, type ControlAppOptions } from './app'
export { startControlServer, type StartControlOptions, type ControlServer } from './server'
export { ensureRendererBuilt, RENDERER_OUT } from './ensure-built'
export { newToken, tokenMatches, isLoopbackHost, isSameOrigin } from './access'
export { CSP } from './static-files'
export type { ControlApi } from './api-routes'
