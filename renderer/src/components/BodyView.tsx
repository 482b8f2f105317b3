/**
 * The body, always as text nodes (never HTML): JSON tree, raw text, hex dump for binary, and
 * the decoded form for gzip/deflate/br bodies (decoded by the core with a bomb cap).
 */
import { useMemo, useState } from 'react'
import type { DecodedBody } from '../../../shared/api'
import type { CapturedEvent } from '../../../shared/event'
import { bodyBytes, bodyText, formatSize, tryParseJson } from '../lib/format'
import { JsonTree } from './JsonTree'
import { HexView } from './HexView'
import { CopyButton } from './CopyButton'
import { ParamsTable, parseParams } from './ParamsTable'

type Mode = 'tree' | 'form' | 'raw' | 'hex' | 'decoded'

/** Bodies past this are not parsed into a tree: JSON.parse alone would block the page. */
const TREE_MAX_CHARS = 2 * 1024 * 1024
/** Text shown at once: one text node of 10 MB takes the page seconds to lay out. */
const TEXT_PREVIEW_CHARS = 256 * 1024

function Preview({ text, testId }: { text: string; testId: string }) {
  const clipped = text.length > TEXT_PREVIEW_CHARS
  return (
    <>
      {clipped && (
        <p className="dim" data-testid="body-clipped">
          Showing the first {formatSize(TEXT_PREVIEW_CHARS)} of {formatSize(text.length)}: copy or
          export the event for all of it.
        </p>
      )}
      <pre className="raw" data-testid={testId}>
        {clipped ? text.slice(0, TEXT_PREVIEW_CHARS) : text}
      </pre>
    </>
  )
}

export function BodyView({
  event,
  decoded,
}: {
  event: CapturedEvent
  decoded: DecodedBody | null
}) {
  const text = useMemo(() => bodyText(event.body, event.bodyEncoding), [event])
  const decodedText = useMemo(
    () => (decoded && !decoded.error ? bodyText(decoded.body, decoded.bodyEncoding) : null),
    [decoded],
  )
  const json = useMemo(() => {
    const t = decodedText ?? text
    return t !== null && t.length <= TREE_MAX_CHARS ? tryParseJson(t) : { ok: false as const }
  }, [text, decodedText])
  const isForm = /^application\/x-www-form-urlencoded/i.test(
    event.headers.find(([k]) => k.toLowerCase() === 'content-type')?.[1] ?? '',
  )
  const form = useMemo(
    () => (isForm && text !== null && text.length <= TREE_MAX_CHARS ? parseParams(text) : null),
    [isForm, text],
  )
  const modes: Mode[] = []
  if (json.ok) modes.push('tree')
  if (form) modes.push('form')
  if (text !== null) modes.push('raw')
  if (decoded) modes.push('decoded')
  modes.push('hex')
  const preferred: Mode = decoded
    ? 'decoded'
    : json.ok
      ? 'tree'
      : form
        ? 'form'
        : text !== null
          ? 'raw'
          : 'hex'
  const [mode, setMode] = useState<Mode>(preferred)
  const current = modes.includes(mode) ? mode : preferred

  if (event.size === 0 && event.body.length === 0) {
    return (
      <p className="dim" data-testid="body-empty">
        No body.
      </p>
    )
  }
  return (
    <div className="body-view" data-testid="body-view">
      <div className="body-modes">
        {modes.map((m) => (
          <button
            key={m}
            className={m === current ? 'chip active' : 'chip'}
            data-testid={`body-mode-${m}`}
            onClick={() => setMode(m)}
          >
            {m === 'tree'
              ? 'JSON'
              : m === 'form'
                ? 'Form'
                : m === 'raw'
                  ? 'Raw'
                  : m === 'hex'
                    ? 'Hex'
                    : `Decoded (${decoded?.encoding})`}
          </button>
        ))}
        <span className="dim">
          {formatSize(event.size)} · {event.bodyEncoding === 'base64' ? 'binary' : 'UTF-8 text'}
        </span>
        {(decodedText ?? text) !== null && (
          <CopyButton text={(decodedText ?? text)!} what="the body" testId="copy-body" />
        )}
      </div>
      {current === 'tree' && json.ok && <JsonTree value={json.value} />}
      {current === 'form' && form && <ParamsTable pairs={form} testId="body-form" />}
      {current === 'raw' && text !== null && <Preview text={text} testId="body-raw" />}
      {current === 'decoded' && decoded && (
        <div>
          {decoded.error && <p className="bad">{decoded.error}</p>}
          {decoded.bomb && (
            <p className="warn-text">
              Decoding stopped at the cap: the ratio looks like a decompression bomb.
            </p>
          )}
          {decoded.truncated && !decoded.bomb && (
            <p className="dim">Truncated at {formatSize(decoded.size)}.</p>
          )}
          {decodedText !== null ? (
            <Preview text={decodedText} testId="body-decoded" />
          ) : (
            <HexView bytes={bodyBytes(decoded.body, decoded.bodyEncoding)} />
          )}
        </div>
      )}
      {current === 'hex' && <HexView bytes={bodyBytes(event.body, event.bodyEncoding)} />}
    </div>
  )
}
