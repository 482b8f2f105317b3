import { describe, expect, it } from 'vitest'
import { A2AShareError, chooseEndpoint } from '../../../electron/core/share/a2a-card'

const cardUrl = 'http://127.0.0.1:4000/.well-known/agent-card.json'
const v1Iface = {
  url: 'http://127.0.0.1:4000/a2a/jsonrpc',
  protocolBinding: 'JSONRPC',
  protocolVersion: '1.0',
}

describe('chooseEndpoint', () => {
  it('prefers a 1.0 JSON-RPC interface', () => {
    const e = chooseEndpoint(
      {
        name: 'A',
        capabilities: { pushNotifications: true },
        supportedInterfaces: [
          {
            url: 'http://127.0.0.1:4000/rest',
            protocolBinding: 'HTTP+JSON',
            protocolVersion: '1.0',
          },
          v1Iface,
        ],
        url: 'http://127.0.0.1:4000/legacy',
      },
      cardUrl,
    )
    expect(e).toMatchObject({ protocol: '1.0', rpcUrl: v1Iface.url, agentName: 'A' })
  })

  it('uses the 0.3 url for 0.3 cards, resolving relative URLs against the card', () => {
    const e = chooseEndpoint(
      {
        capabilities: { pushNotifications: true },
        url: '/rpc',
        preferredTransport: 'JSONRPC',
        protocolVersion: '0.3.0',
      },
      cardUrl,
    )
    expect(e).toMatchObject({ protocol: '0.3', rpcUrl: 'http://127.0.0.1:4000/rpc' })
  })

  it('finds JSON-RPC among 0.3 additionalInterfaces when the preferred transport is another', () => {
    const e = chooseEndpoint(
      {
        capabilities: { pushNotifications: true },
        url: 'http://127.0.0.1:4000/grpc',
        preferredTransport: 'GRPC',
        additionalInterfaces: [{ url: 'http://127.0.0.1:4000/jsonrpc', transport: 'JSONRPC' }],
      },
      cardUrl,
    )
    expect(e.rpcUrl).toBe('http://127.0.0.1:4000/jsonrpc')
  })

  it('honours a forced protocol and refuses one the card lacks', () => {
    const hybrid = {
      capabilities: { pushNotifications: true },
      supportedInterfaces: [v1Iface],
      url: 'http://127.0.0.1:4000/a2a/jsonrpc',
    }
    expect(chooseEndpoint(hybrid, cardUrl, '0.3').protocol).toBe('0.3')
    expect(() =>
      chooseEndpoint(
        { capabilities: { pushNotifications: true }, supportedInterfaces: [v1Iface] },
        cardUrl,
        '0.3',
      ),
    ).toThrow(/no A2A 0.3 JSON-RPC interface/)
  })

  it('refuses agents without push notification support', () => {
    expect(() =>
      chooseEndpoint({ name: 'B', capabilities: {}, supportedInterfaces: [v1Iface] }, cardUrl),
    ).toThrow(A2AShareError)
    expect(() => chooseEndpoint({ name: 'B', supportedInterfaces: [v1Iface] }, cardUrl)).toThrow(
      /B does not support push notifications/,
    )
  })

  it('refuses cards without a JSON-RPC interface', () => {
    expect(() =>
      chooseEndpoint(
        { capabilities: { pushNotifications: true }, url: 'x', preferredTransport: 'GRPC' },
        cardUrl,
      ),
    ).toThrow(/no JSON-RPC interface/)
  })
})
