/**
 * Sends a hand-written HTTP/1.1 request over a raw TCP socket and returns the raw response,
 * so tests control header case, order and duplicates exactly (HTTP clients normalise them).
 */
import { connect } from 'node:net'

export interface RawResponse {
  status: number
  head: string
  body: Buffer
}

export function rawRequest(
  port: number,
  head: string[],
  body: Buffer = Buffer.alloc(0),
  host = '127.0.0.1',
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, host)
    const chunks: Buffer[] = []
    socket.on('data', (d) => chunks.push(d))
    socket.on('error', reject)
    socket.on('end', () => {
      const all = Buffer.concat(chunks)
      const split = all.indexOf('\r\n\r\n')
      const headText = all.subarray(0, split).toString('latin1')
      resolve({
        status: Number(headText.split(' ')[1]),
        head: headText,
        body: all.subarray(split + 4),
      })
    })
    const lines = [...head, 'Connection: close', '', '']
    socket.write(Buffer.concat([Buffer.from(lines.join('\r\n'), 'latin1'), body]))
  })
}
