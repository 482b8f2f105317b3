/**
 * Writes lines to a stream in batches: lines queued in the same turn of the event loop go out
 * in one write, so a burst of webhooks costs one syscall per burst instead of one per event.
 */
export function batchedLineWriter(stream: NodeJS.WritableStream): (line: string | Buffer) => void {
  // A line is text or its UTF-8 bytes (listen --json prints stored lines as they are), without
  // its newline either way.
  let pending: (string | Buffer)[] = []
  let bytes = false
  const flush = () => {
    const lines = pending
    pending = []
    if (!bytes) return void stream.write(`${lines.join('\n')}\n`)
    bytes = false
    const parts: Buffer[] = []
    for (const line of lines)
      parts.push(typeof line === 'string' ? Buffer.from(line) : line, NEWLINE)
    stream.write(Buffer.concat(parts))
  }
  return (line) => {
    if (pending.length === 0) setImmediate(flush)
    if (typeof line !== 'string') bytes = true
    pending.push(line)
  }
}

const NEWLINE = Buffer.from('\n')
