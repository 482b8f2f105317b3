/**
 * Payload diffs shared by the core, the CLI and the renderer: structural JSON diff, text diff,
 * byte summary, header diff, `diffBodies` that picks the right one, and a whole-event diff.
 * Pure code: no Node-only APIs (no Buffer), results are plain JSON.
 */
export * from './types'
export { diffBodies, type BodyDiffOptions } from './body-diff'
export { diffJson, formatPath, idLabel, jsonType, ID_KEYS, type JsonDiffOptions } from './json-diff'
export { diffText, type TextDiffOptions } from './text-diff'
export { diffBytes } from './binary-diff'
export { diffHeaders } from './header-diff'
export { diffEvents, type EventDiff, type EventSide, type RequestLineChange } from './event-diff'
export type { RelatedDiffs } from './related'
export { formatEventDiff, renderValue, type FormatOptions } from './format-text'
export {
  base64ToBytes,
  parseBody,
  toBytes,
  toText,
  type BodyInput,
  type ParsedBody,
} from './body-input'
