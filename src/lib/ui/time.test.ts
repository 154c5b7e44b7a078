import assert from 'node:assert/strict'
import {test} from 'node:test'

import {formatTime, isoTimes, relativeTime, timestamp} from './time.js'

const now = Date.UTC(2026, 11, 1, 12, 0)

test('relative times as gh shows them, past and future', () => {
  assert.equal(relativeTime(now - 20_000, now), 'just now')
  assert.equal(relativeTime(now - 60_000, now), '1 minute ago')
  assert.equal(relativeTime(now - 2 * 60_000 - 5_000, now), '2 minutes ago')
  assert.equal(relativeTime(now + 3 * 3_600_000, now), 'in 3 hours')
  assert.equal(relativeTime(now - 86_400_000, now), '1 day ago')
  assert.equal(relativeTime(now - 45 * 86_400_000, now), '1 month ago')
  assert.equal(relativeTime(now - 800 * 86_400_000, now), '2 years ago')
})

test('a sentence gets the local time and how long ago; no time is empty', () => {
  const d = new Date(now - 5 * 60_000)
  const pad = (n: number) => String(n).padStart(2, '0')
  const local = `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`
  assert.equal(formatTime(d.getTime(), now), `${local} (5 minutes ago)`)
  assert.equal(formatTime(null), '')
  assert.equal(timestamp(undefined), undefined)
})

test('JSON times: every …At, date, date… and last… number becomes ISO 8601, nested too; other numbers stay', () => {
  const json = isoTimes([
    {
      createdAt: now,
      date: now,
      dateCreated: now,
      lastCommunication: null,
      lastDataRefresh: now,
      lastName: 'Doe',
      memberCount: 3,
      schedule: {startAt: now, timeZone: 'UTC', windowEndsAt: now, windowMinutes: 60},
      summary: {total: 2},
    },
  ])
  const iso = '2026-12-01T12:00:00.000Z'
  assert.deepEqual(json, [
    {
      createdAt: iso,
      date: iso,
      dateCreated: iso,
      lastCommunication: null,
      lastDataRefresh: iso,
      lastName: 'Doe',
      memberCount: 3,
      schedule: {startAt: iso, timeZone: 'UTC', windowEndsAt: iso, windowMinutes: 60},
      summary: {total: 2},
    },
  ])
})
