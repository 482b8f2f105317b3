/**
 * Export of captured events as HAR 1.2, JSON (the event contract, as `events show --json`
 * prints it) or a shell script of cURL commands. Pure functions: the composition root loads
 * the events (with bodies) and calls `exportEvents`; nothing here touches disk or secrets.
 * The modules import one another, never this index, so it cannot make a cycle.
 */
export { exportEvents, type ExportFormat } from './export-events'
export type { ExportOptions } from './url'
export { toCurl, toCurlScript } from './curl'
export { toHar } from './har'
export { exportApi, type ExportSource } from './api'
