import assert from 'node:assert/strict'
import {createServer} from 'node:http'
import type {AddressInfo} from 'node:net'
import {test} from 'node:test'

import {printerStatus} from '../../../test/helpers/ews.js'
import type {CloudClient, EnrolledPrinter} from '../cloud/index.js'
import {LcsError} from '../errors.js'
import {enrollPrinters} from './flow.js'

test('a printer enrolled after the run listed the cloud gets no code: the cloud is asked again just before', async () => {
  const applied: string[] = []
  const ews = createServer((req, res) => {
    req.resume()
    req.on('end', () => {
      if (req.method !== 'GET') applied.push(`${req.method} ${req.url}`)
      res.writeHead(200, {'Content-Type': 'application/json'})
      res.end(JSON.stringify(printerStatus({serialNumber: 'LATE0001'})))
    })
  })
  await new Promise<void>((r) => ews.listen(0, '127.0.0.1', r))
  const enrolledSince = new Set(['LATE0001'])
  let codes = 0
  const client = {
    enrollmentCodes: {get: async () => (codes++, {code: 'ABCD-1234'})},
    printers: {
      get: async (_org: string, serial: string) => {
        if (enrolledSince.has(serial)) return {serialNumber: serial} as EnrolledPrinter
        throw new LcsError('notFound', `Printer ${serial} is not enrolled`)
      },
      // the run's first listing: nothing enrolled yet
      list: async function* () {},
    },
  } as unknown as CloudClient
  try {
    const rows = await enrollPrinters(
      [
        {
          address: '127.0.0.1',
          agentType: 'native',
          model: 'CX735',
          reason: '',
          serialNumber: 'LATE0001',
          status: 'eligible',
          vendor: 'Lexmark',
        },
      ],
      {
        client,
        cloudUrl: 'http://127.0.0.1:9',
        concurrency: 1,
        ewsPort: (ews.address() as AddressInfo).port,
        orgId: 'org-1',
        preferAgent: 'native',
        timeoutMs: 5000,
      },
    )
    assert.deepEqual(
      rows.map((r) => [r.result, r.reason]),
      [['already-enrolled', 'enrolled in this organization since this run started']],
    )
    assert.deepEqual(applied, [], 'no code was applied')
    assert.equal(codes, 0)
  } finally {
    ews.closeAllConnections()
    ews.close()
  }
})
