/** Offset / hex / ASCII dump of the first 64 KiB of a body. */
import { useMemo } from 'react'

const LIMIT = 64 * 1024

export function HexView({ bytes }: { bytes: Uint8Array }) {
  const lines = useMemo(() => {
    const out: string[] = []
    const n = Math.min(bytes.length, LIMIT)
    for (let off = 0; off < n; off += 16) {
      const chunk = bytes.subarray(off, Math.min(off + 16, n))
      let hex = ''
      let ascii = ''
      for (let i = 0; i < 16; i++) {
        if (i < chunk.length) {
          hex += chunk[i].toString(16).padStart(2, '0') + ' '
          ascii += chunk[i] >= 0x20 && chunk[i] < 0x7f ? String.fromCharCode(chunk[i]) : '.'
        } else hex += '   '
        if (i === 7) hex += ' '
      }
      out.push(`${off.toString(16).padStart(8, '0')}  ${hex} |${ascii}|`)
    }
    return out.join('\n')
  }, [bytes])
  return (
    <>
      <pre className="raw hex" data-testid="body-hex">
        {lines}
      </pre>
      {bytes.length > LIMIT && (
        <p className="dim">Showing the first 64 KiB of {bytes.length} bytes.</p>
      )}
    </>
  )
}
