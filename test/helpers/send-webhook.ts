/**
 * Sends one webhook to a running receiver over real HTTP (fetch), with the exact body bytes and
 * headers given. For header case, order or duplicates that fetch would normalise, use
 * raw-http.ts instead.
 */

/** POSTs to the receiver with exact bytes and headers; returns the status. */
export async function sendWebhook(
  receiverUrl: string,
  path: string,
  body: string | Buffer,
  headers: Record<string, string> = { 'content-type': 'application/json' },
): Promise<number> {
  const res = await fetch(`${receiverUrl}${path}`, {
    method: 'POST',
    headers,
    body: typeof body === 'string' ? body : new Uint8Array(body),
  })
  await res.arrayBuffer()
  return res.status
}
