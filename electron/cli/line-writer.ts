/**
 * Writes lines to a stream in batches: lines queued in the same turn of the event loop go out
 * in one write, so a burst of webhooks costs one syscall per burst instead of one per event.
 */
export function batchedLineWriter(stream: NodeJS.WritableStream): (line: string) => void {
  let pending: string[] = []
  const flush = () => {
    const text = `${pending.join('\n')}\n`
    pending = []
    stream.write(text)
  }
  return (line) => {
    if (pending.length === 0) setImmediate(flush)
    pending.push(line)
  }
}
