#!/usr/bin/env node
/**
 * Generates the tray icons (one per tray state, 1x and 2x, plus macOS Template variants) and
 * the app icon as small PNGs, with nothing but node's zlib. The outputs are committed; run
 * `node resources/make-icons.mjs` again after changing a shape or colour here.
 */
import { deflateSync, crc32 } from 'node:zlib'
import { mkdirSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const here = dirname(fileURLToPath(import.meta.url))

export const TRAY_STATES = ['idle', 'online', 'offline', 'alert']

/** Colours for Linux/Windows trays; macOS uses black Template images the OS tints. */
const STATE_COLOURS = {
  idle: [138, 143, 152],
  online: [34, 165, 89],
  offline: [224, 138, 30],
  alert: [229, 72, 77],
}

// Shapes in unit coordinates (0..1). A ring (the lens) and a mark inside it per state, so the
// states stay distinguishable in single-colour Template images.
const ring = (x, y) => {
  const d = Math.hypot(x - 0.5, y - 0.5)
  return d <= 0.44 && d >= 0.31
}
const marks = {
  idle: () => false,
  online: (x, y) => Math.hypot(x - 0.5, y - 0.5) <= 0.16,
  offline: (x, y) => Math.abs(x - y) <= 0.09 && x > 0.12 && x < 0.88,
  alert: (x, y) =>
    (Math.abs(x - 0.5) <= 0.07 && y >= 0.24 && y <= 0.58) || Math.hypot(x - 0.5, y - 0.7) <= 0.075,
}

/** Renders `inside(x, y)` with 4x4 supersampling into RGBA rows. */
function render(size, paint) {
  const rgba = Buffer.alloc(size * size * 4)
  const n = 4
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let acc = [0, 0, 0, 0]
      for (let sy = 0; sy < n; sy++) {
        for (let sx = 0; sx < n; sx++) {
          const c = paint((px + (sx + 0.5) / n) / size, (py + (sy + 0.5) / n) / size)
          if (c) acc = acc.map((v, i) => v + c[i])
        }
      }
      const o = (py * size + px) * 4
      const covered = acc[3] / (n * n)
      for (let i = 0; i < 3; i++) rgba[o + i] = acc[3] ? Math.round((acc[i] * 255) / acc[3]) : 0
      rgba[o + 3] = Math.round(covered)
    }
  }
  return rgba
}

function chunk(type, data) {
  const len = Buffer.alloc(4)
  len.writeUInt32BE(data.length)
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data])
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(crc32(body) >>> 0)
  return Buffer.concat([len, body, crc])
}

/** Encodes RGBA pixels as a PNG (colour type 6, 8 bits, no interlace). */
export function encodePng(size, rgba) {
  const ihdr = Buffer.alloc(13)
  ihdr.writeUInt32BE(size, 0)
  ihdr.writeUInt32BE(size, 4)
  ihdr[8] = 8
  ihdr[9] = 6
  const raw = Buffer.alloc(size * (size * 4 + 1))
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0
    rgba.copy(raw, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4)
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ])
}

function trayPainter(state, colour) {
  const mark = marks[state]
  return (x, y) => (ring(x, y) || mark(x, y) ? [...colour.map((v) => v * 255), 255] : null)
}

function appIconPainter() {
  const bg = [31, 41, 55, 255]
  const fg = [34, 211, 238, 255]
  return (x, y) => {
    const r = 0.18
    const dx = Math.max(0.06 + r - x, 0, x - (0.94 - r))
    const dy = Math.max(0.06 + r - y, 0, y - (0.94 - r))
    if (Math.hypot(dx, dy) > r) return null
    const d = Math.hypot(x - 0.5, y - 0.5)
    const lens = (d <= 0.3 && d >= 0.21) || d <= 0.09
    return lens ? fg : bg
  }
}

export function buildIcons() {
  const files = {}
  for (const state of TRAY_STATES) {
    for (const [suffix, size] of [
      ['', 16],
      ['@2x', 32],
    ]) {
      const rgb = STATE_COLOURS[state].map((v) => v / 255)
      files[`tray/tray-${state}${suffix}.png`] = encodePng(
        size,
        render(size, trayPainter(state, rgb)),
      )
      files[`tray/tray-${state}Template${suffix}.png`] = encodePng(
        size,
        render(size, trayPainter(state, [0, 0, 0])),
      )
    }
  }
  files['icon.png'] = encodePng(512, render(512, appIconPainter()))
  return files
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  for (const [name, png] of Object.entries(buildIcons())) {
    const file = join(here, name)
    mkdirSync(dirname(file), { recursive: true })
    writeFileSync(file, png)
    console.log(`${name}  ${png.length} bytes`)
  }
}
