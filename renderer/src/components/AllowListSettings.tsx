/**
 * The source allow-list (settings `allowList`) as the receiver applies it: IP rules judged on a
 * hop Hooklens trusts, origins shown as advisory — a non-browser sender can write any `Origin`,
 * so an origin never lets a request past an IP rule (README, "Security").
 */
import { useInspector } from '../store/context'

export function AllowListSettings() {
  const allow = useInspector((s) => s.settings?.allowList)
  const ips = allow?.ips ?? []
  const origins = allow?.origins ?? []
  return (
    <section data-testid="allow-list">
      <h2>Source allow-list</h2>
      {ips.length === 0 && origins.length === 0 ? (
        <p className="dim">Off: every sender is received (settings `allowList`).</p>
      ) : null}
      {ips.length > 0 ? (
        <p>
          IP rules: <span className="mono">{ips.join(', ')}</span>{' '}
          <span className="dim">
            — checked against the socket address, or the tunnel&apos;s own (last) X-Forwarded-For
            entry; never the sender&apos;s.
          </span>
        </p>
      ) : null}
      {origins.length > 0 ? (
        <p>
          Origins <strong data-testid="allow-list-advisory">(advisory)</strong>:{' '}
          <span className="mono">{origins.join(', ')}</span>{' '}
          <span className="dim">
            — any non-browser sender can write any Origin header, so origins decide only when there
            is no IP rule, and never let a request past one.
          </span>
        </p>
      ) : null}
    </section>
  )
}
