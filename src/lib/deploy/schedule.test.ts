import assert from 'node:assert/strict'
import {test} from 'node:test'

import {scheduleChange, scheduleFromFlags} from './firmware.js'
import {formatInZone, parseLocalTime, parseWindow, scheduleProblems, taskNameProblem, windowProblem} from './schedule.js'

const NOW = Date.UTC(2026, 10, 22, 12, 0)

test('local times in a time zone, across daylight-saving changes', () => {
  assert.equal(parseLocalTime('2026-12-01 22:00', 'America/New_York'), Date.UTC(2026, 11, 2, 3, 0))
  assert.equal(parseLocalTime('2026-07-01T22:00', 'America/New_York'), Date.UTC(2026, 6, 2, 2, 0))
  assert.equal(parseLocalTime('2026-06-01 10:00', 'Asia/Kolkata'), Date.UTC(2026, 5, 1, 4, 30))
  assert.throws(() => parseLocalTime('2026-03-08 02:30', 'America/New_York'), /does not exist in America\/New_York/)
  assert.equal(parseLocalTime('2026-11-01 01:30', 'America/New_York'), Date.UTC(2026, 10, 1, 5, 30), 'the repeated hour: the first one')
  assert.throws(() => parseLocalTime('2026-02-30 10:00', 'UTC'), /not a valid date/)
  assert.throws(() => parseLocalTime('tomorrow', 'UTC'), /YYYY-MM-DD HH:MM/)
  assert.equal(formatInZone(Date.UTC(2026, 11, 2, 3, 0), 'America/New_York'), '2026-12-01 22:00 America/New_York (UTC−05:00)')
})

test('the task window is 1–23 hours and 0–59 minutes; the name at most 64 characters', () => {
  assert.deepEqual(['2h30m', '2h', '02:30', '23h59m', '1h 5m'].map(parseWindow), [150, 120, 150, 1439, 65])
  for (const [w, re] of [
    ['0', /window is 0/],
    ['0h0m', /window is 0/],
    ['24h', /out of range/],
    ['45m', /out of range/],
    ['1h60m', /0–59/],
    ['soon', /not a duration/],
  ] as const) {
    assert.throws(() => parseWindow(w), re)
  }
  assert.equal(windowProblem(60), null)
  assert.equal(taskNameProblem('x'.repeat(64)), null)
  assert.match(taskNameProblem('x'.repeat(65))!, /65 characters; at most 64/)
  assert.match(taskNameProblem('  ')!, /empty/)
  assert.deepEqual(
    scheduleProblems({startAt: NOW - 1, timeZone: 'Mars/Olympus', windowMinutes: 0}, NOW).map((p) => p.field),
    ['schedule.timeZone', 'schedule.startAt', 'schedule.windowMinutes'],
  )
})

test('firmware update flags: now or at; checked before anything is sent; a change keeps what is not given', () => {
  assert.deepEqual(scheduleFromFlags({now: true}, NOW), {name: undefined})
  assert.throws(() => scheduleFromFlags({}, NOW), /--now, or --at/)
  assert.throws(() => scheduleFromFlags({at: '2026-12-01 22:00', now: true}, NOW), /either --now or --at/)
  assert.throws(() => scheduleFromFlags({now: true, window: '2h'}, NOW), /go with --at/)
  assert.throws(() => scheduleFromFlags({at: '2026-11-01 10:00', tz: 'UTC'}, NOW), /in the past/)
  assert.throws(() => scheduleFromFlags({at: '2026-12-01 10:00', tz: 'Europe/Pariss'}, NOW), /did you mean Europe\/Paris/)
  const s = scheduleFromFlags({at: '2026-12-01 22:00', tz: 'America/New_York', window: '2h30m'}, NOW)
  assert.deepEqual(s, {
    name: 'Update firmware 2026-12-01 22:00 America/New_York',
    schedule: {startAt: Date.UTC(2026, 11, 2, 3, 0), timeZone: 'America/New_York', windowMinutes: 150},
  })
  const moved = scheduleChange({tz: 'Europe/Paris'}, s.schedule!, NOW)
  assert.deepEqual(
    moved,
    {schedule: {startAt: Date.UTC(2026, 11, 1, 21, 0), timeZone: 'Europe/Paris'}},
    'same wall-clock time in the new zone',
  )
  assert.throws(() => scheduleChange({}, s.schedule!, NOW), /Nothing to change/)
})
