import assert from 'node:assert/strict'
import {test} from 'node:test'

import {onLoopback} from './agent.js'

test('the simulated Fleet Agent sweeps only criteria inside 127.0.0.0/8', () => {
  for (const t of ['127.20.0.5', '127.20.0.0/24', '127.0.0.0/8', '127.20.0.1-127.20.0.9', '127.20.*.*'])
    assert.equal(onLoopback(t), true, t)
  for (const t of ['10.1.2.3', '10.20.**', '192.168.1.0/24', '0.0.0.0/0', '127.0.0.1-128.0.0.1', 'printer.example.com', 'nonsense'])
    assert.equal(onLoopback(t), false, t)
})
