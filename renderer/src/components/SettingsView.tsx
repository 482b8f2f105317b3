/**
 * Settings: verifiers — saved ones and this session's `--secret` ones, by name and id, as
 * verdicts cite them (secrets never shown) — editable response rules, retention, ports, capture.
 */
import { useEffect, useState, type ReactNode } from 'react'
import type { StoredVerifier } from '../../../shared/settings'
import { useInspector, useInspectorStore } from '../store/context'
import { formatSize } from '../lib/format'
import { McpSnippet } from './McpSnippet'
import { AgentLensSettings } from './agent-lens/AgentLensSettings'
import { ResponseRulesEditor } from './ResponseRulesEditor'
import { AllowListSettings } from './AllowListSettings'

/** The API sends secrets masked (verify/mask.ts), the same mask the CLI prints. */
const MASK_RULE = 'Masked: nothing of a secret under 16 characters, else only its last four'

/** Preselected in the verifier form: the scheme most agent platforms sign with. */
const DEFAULT_SCHEME = 'standard-webhooks'

/** A verifier's row; the session's and the saved ones differ only in name and last cell. */
function VerifierRow(props: {
  v: StoredVerifier
  testId: string
  name: ReactNode
  last: ReactNode
}) {
  const { v } = props
  return (
    <tr data-testid={props.testId}>
      <td>
        {props.name} <span className="dim mono">{v.id}</span>
      </td>
      <td>{v.scheme}</td>
      <td className="mono">{v.path ?? 'any'}</td>
      <td className="mono" title={MASK_RULE}>
        {(v.secrets ?? []).join(', ') || '—'}
      </td>
      <td>{v.tolerance != null ? `${v.tolerance} s` : 'default'}</td>
      {props.last}
    </tr>
  )
}

export function SettingsView() {
  const store = useInspectorStore()
  const settings = useInspector((s) => s.settings)
  const status = useInspector((s) => s.status)
  const schemes = useInspector((s) => s.schemes)
  const [scheme, setScheme] = useState(DEFAULT_SCHEME)
  const [secret, setSecret] = useState('')
  const [path, setPath] = useState('')
  const [name, setName] = useState('')
  const [maxEvents, setMaxEvents] = useState('')
  const [maxMb, setMaxMb] = useState('')

  useEffect(() => {
    void store.getState().loadSettings()
  }, [store])

  if (!settings) return <div className="page dim">Loading settings…</div>
  const verifiers = settings.verifiers ?? []
  const session = settings.sessionVerifiers ?? []
  const retention = settings.retention ?? {}

  return (
    <div className="page settings" data-testid="settings-view">
      <h2>Verifiers</h2>
      <table className="grid" data-testid="verifiers">
        <thead>
          <tr>
            <th>Name</th>
            <th>Scheme</th>
            <th>Path</th>
            <th>Secrets</th>
            <th>Tolerance</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {session.map((v) => (
            <VerifierRow
              key={v.id}
              v={v}
              testId="session-verifier"
              name={v.name ?? v.id}
              last={
                <td className="dim" title="Given on the command line; gone when listen stops">
                  this session
                </td>
              }
            />
          ))}
          {verifiers.map((v) => (
            <VerifierRow
              key={v.id}
              v={v}
              testId="saved-verifier"
              name={v.name ?? <span className="dim">unnamed</span>}
              last={
                <td>
                  <button
                    className="link"
                    onClick={() => void store.getState().removeVerifier(v.id)}
                  >
                    remove
                  </button>
                </td>
              }
            />
          ))}
          <tr>
            <td>
              <input
                placeholder="name (optional)"
                value={name}
                data-testid="verifier-name"
                onChange={(e) => setName(e.target.value)}
              />
            </td>
            <td>
              <select
                value={scheme}
                onChange={(e) => setScheme(e.target.value)}
                data-testid="verifier-scheme"
              >
                {schemes.map((s) => (
                  <option key={s.id} value={s.id} title={`${s.label}: signs ${s.signed}`}>
                    {s.id}
                  </option>
                ))}
              </select>
            </td>
            <td>
              <input
                placeholder="/hooks/* (optional)"
                value={path}
                onChange={(e) => setPath(e.target.value)}
              />
            </td>
            <td>
              <input
                type="password"
                autoComplete="off"
                placeholder="secret"
                value={secret}
                data-testid="verifier-secret"
                onChange={(e) => setSecret(e.target.value)}
              />
            </td>
            <td />
            <td>
              <button
                disabled={!secret}
                data-testid="verifier-add"
                onClick={() => {
                  void store.getState().addVerifier({
                    scheme,
                    secrets: [secret],
                    ...(path ? { path } : {}),
                    ...(name.trim() ? { name: name.trim() } : {}),
                  })
                  setSecret('')
                  setName('')
                }}
              >
                Add
              </button>
            </td>
          </tr>
        </tbody>
      </table>

      <h2>Responses</h2>
      <p>
        Default answer: <code>{settings.defaultResponse?.status ?? 200}</code>{' '}
        <span className="mono dim">{settings.defaultResponse?.body ?? ''}</span>
      </p>
      <ResponseRulesEditor
        rules={settings.responseRules ?? []}
        onSave={(responseRules) => void store.getState().updateSettings({ responseRules })}
      />

      <h2>Retention</h2>
      <p>
        Keep at most{' '}
        <input
          className="short"
          inputMode="numeric"
          placeholder={String(retention.maxEvents ?? '')}
          value={maxEvents}
          onChange={(e) => setMaxEvents(e.target.value)}
        />{' '}
        events and{' '}
        <input
          className="short"
          inputMode="numeric"
          placeholder={retention.maxBytes ? String(Math.round(retention.maxBytes / 1048576)) : ''}
          value={maxMb}
          onChange={(e) => setMaxMb(e.target.value)}
        />{' '}
        MB
        {retention.maxBytes ? (
          <span className="dim"> (now {formatSize(retention.maxBytes)})</span>
        ) : null}
        .{' '}
        <button
          disabled={!maxEvents && !maxMb}
          onClick={() => {
            const next: Record<string, number> = {}
            if (maxEvents) next.maxEvents = Number(maxEvents)
            if (maxMb) next.maxBytes = Number(maxMb) * 1048576
            void store.getState().updateSettings({ retention: { ...retention, ...next } })
            setMaxEvents('')
            setMaxMb('')
          }}
        >
          Save
        </button>
      </p>

      <AgentLensSettings />
      <AllowListSettings />
      <h2>Ports</h2>
      <p>
        Receiver: <code>{status?.receiverPort ?? settings.receiver?.port}</code> (the only port the
        tunnel exposes) · Inspector: <code>{window.location.port || 'desktop window'}</code>
      </p>
      <p className="dim">
        Data directory: <span className="mono">{status?.dataDir}</span>
      </p>

      <h2>Capture</h2>
      <label>
        <input
          type="checkbox"
          checked={status?.paused ?? false}
          data-testid="capture-paused"
          onChange={(e) => void store.getState().setCapturePaused(e.target.checked)}
        />{' '}
        Pause capture (the receiver still answers, nothing is stored)
      </label>
      <McpSnippet />
    </div>
  )
}
