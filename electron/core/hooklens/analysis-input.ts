/**
 * The one place an `AnalysisInput` is built: capture builds it from the request in hand, the
 * re-verifier from a stored event and its bytes. Both must rebuild the signed URL the same way,
 * or a re-verification would judge a different URL than capture did.
 */
import type { AnalysisInput } from './analyzers'

/** Base URLs of the receiver: the local one and, while the tunnel is up, the public one. */
export interface ReceiverUrls {
  local: string
  public: string | null
}

/** What analysis needs of a request, whether it just arrived or was read back from the log. */
export type AnalysedRequest = Omit<AnalysisInput, 'url' | 'publicUrl'> & { via: 'local' | 'tunnel' }

export function analysisInput(req: AnalysedRequest, urls: ReceiverUrls): AnalysisInput {
  const target = req.query ? `${req.path}?${req.query}` : req.path
  return {
    id: req.id,
    receivedAt: req.receivedAt,
    method: req.method,
    path: req.path,
    query: req.query,
    headers: req.headers,
    body: req.body,
    sha256: req.sha256,
    url: urls.local + target,
    // Senders that sign the URL (twilio, square) signed the public one when they came through it.
    publicUrl: req.via === 'tunnel' && urls.public ? urls.public + target : null,
  }
}
