/**
 * Result shapes of the payload diffs. Plain JSON-serialisable objects: they cross IPC and HTTP
 * and are rendered by both the inspector and the CLI.
 */

export type JsonPathPart = string | number

export type JsonType = 'object' | 'array' | 'string' | 'number' | 'boolean' | 'null'

export type JsonChangeKind = 'added' | 'removed' | 'changed' | 'type-changed' | 'moved'

export interface JsonChange {
  kind: JsonChangeKind
  /** Human-readable path, e.g. `task.status.state`, `artifacts[2].parts[0].text`. */
  path: string
  /** The same path as parts: strings for object keys, numbers for array indexes. */
  pathParts: JsonPathPart[]
  /** For array elements matched by an id-like key: `artifactId=d5c9…`. */
  match?: string
  oldValue?: unknown
  newValue?: unknown
  /** Set on 'type-changed'. */
  oldType?: JsonType
  newType?: JsonType
  /** Set on 'moved': index in the old array and in the new one. */
  from?: number
  to?: number
}

export interface ChangeCounts {
  added: number
  removed: number
  changed: number
  moved: number
}

export interface JsonDiff {
  kind: 'json'
  identical: boolean
  changes: JsonChange[]
  counts: ChangeCounts
  /** True when more changes existed than `maxChanges`; `changes` holds the first ones. */
  truncated: boolean
  /** True when a very large reordered array was compared position by position. */
  approximate: boolean
}

export type TextLineOp = 'equal' | 'add' | 'remove'

export interface TextHunk {
  oldStart: number
  oldLines: number
  newStart: number
  newLines: number
  /** Lines prefixed '+', '-' or ' ' (unified diff style), without line endings. */
  lines: string[]
}

export interface TextDiff {
  kind: 'text'
  identical: boolean
  /** Why the bodies were compared as text. */
  reason: 'not-json' | 'invalid-json' | 'mixed' | 'too-deep'
  /** Which side failed to parse, when reason is 'invalid-json'; too deep, for 'too-deep'. */
  invalid?: ('a' | 'b')[]
  /** One sentence for the reader when the reason needs one ('too-deep'). */
  note?: string
  hunks: TextHunk[]
  linesAdded: number
  linesRemoved: number
  /** True when the texts were too different to diff line by line within the budget. */
  tooLarge: boolean
}

export interface BinaryDiff {
  kind: 'binary'
  identical: boolean
  sizeA: number
  sizeB: number
  /** Offset of the first differing byte, or null when identical. */
  firstDifferenceAt: number | null
  /** Bytes that differ within the common length (plus the length difference). */
  differingBytes: number
}

export type BodyDiff = JsonDiff | TextDiff | BinaryDiff

export interface HeaderChange {
  /** Header name as sent in b (or a when removed). */
  name: string
  kind: 'added' | 'removed' | 'changed'
  oldValue?: string
  newValue?: string
}

export interface HeaderDiff {
  identical: boolean
  changes: HeaderChange[]
  /** Same names and values but in a different order. */
  reordered: boolean
}
