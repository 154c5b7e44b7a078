// IPP identification against CUPS's ippeveprinter (an IPP server we did not write), inside a throwaway network
// namespace. ippeveprinter will not start without a DNS-SD daemon, even with `-r off`, so the namespace also
// gets its own system D-Bus and an avahi-daemon limited to lo, in a private mount namespace (their sockets
// and pid files never touch the host's /run).
import assert from 'node:assert/strict'
import {spawn, spawnSync} from 'node:child_process'
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {test} from 'node:test'
import {addNetns, cleanup, ip, netnsUnavailable, spawnInNetns} from '../../../test/helpers/netns.js'

const missing = ['ippeveprinter', 'avahi-daemon', 'dbus-daemon', 'unshare'].filter(
  (b) => spawnSync('sh', ['-c', `command -v ${b} || test -x /usr/sbin/${b}`]).status !== 0,
)
const skip =
  netnsUnavailable() ?? (missing.length ? `needs ${missing.join(', ')} (Debian: cups-ipp-utils avahi-daemon dbus util-linux)` : undefined)
const PORT = 18631

const ATTRS = `ATTR text printer-make-and-model "Lexmark CX943"
ATTR textWithoutLanguage printer-device-id "MFG:Lexmark;MDL:CX943;SN:7940IPP042;CMD:PCL,PS;"
ATTR textWithoutLanguage printer-firmware-string-version "CXTPC.081.215"
ATTR text printer-location "Floor 2"
ATTR name marker-names "Black Toner","Cyan Toner"
ATTR integer marker-levels 80,35
ATTR keyword marker-types toner-cartridge,toner-cartridge
ATTR name marker-colors "#000000","#00FFFF"
`

const SCRIPT = `set -e
sysctl -qw net.ipv6.conf.lo.disable_ipv6=0 || true
mount -t tmpfs tmpfs /run
mkdir -p /run/dbus /run/avahi-daemon
dbus-daemon --system --fork --nopidfile
avahi-daemon -f "$1/avahi.conf" --no-drop-root --no-chroot -D
for i in 1 2 3 4 5 6 7 8 9 10; do avahi-daemon --check 2>/dev/null && break; sleep 0.2; done
exec ippeveprinter -r off -n localhost -p ${PORT} -a "$1/attrs.conf" -d "$1/spool" "Lexmark CX943"`

test(
  'a printer with SNMP off is identified over IPP (ippeveprinter): vendor, model, serial, firmware, supplies, eligibility',
  {skip, timeout: 30_000},
  async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lcs-ipp-'))
    const ns = addNetns(`lcs-ipp-${process.pid}`)
    const daemons = spawn(
      '/usr/sbin/ip',
      ['netns', 'exec', ns, 'unshare', '-m', '--propagation', 'private', 'sh', '-c', SCRIPT, 'sh', dir],
      {stdio: ['ignore', 'ignore', 'pipe']},
    )
    let stderr = ''
    daemons.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
    try {
      writeFileSync(join(dir, 'attrs.conf'), ATTRS)
      writeFileSync(join(dir, 'avahi.conf'), '[server]\nallow-interfaces=lo\n[publish]\npublish-hinfo=no\npublish-workstation=no\n')
      // wait for the IPP port inside the namespace
      for (let i = 0; ; i++) {
        if (spawnSync('/usr/sbin/ip', ['netns', 'exec', ns, 'bash', '-c', `exec 3<>/dev/tcp/127.0.0.1/${PORT}`]).status === 0) break
        if (i > 50 || daemons.exitCode !== null) throw new Error(`ippeveprinter did not start: ${stderr.trim()}`)
        await new Promise((r) => setTimeout(r, 200))
      }
      // 127.0.0.1: IPP only (nothing answers SNMP); 127.0.0.2: nothing at all
      const child = spawnInNetns(ns, 'test/helpers/netns-ipp-child.ts', ['127.0.0.1,127.0.0.2', String(PORT), '16199'], 20_000)
      const r = JSON.parse((await child.done).trim().split('\n').at(-1)!)
      assert.equal(r.printers.length, 1, JSON.stringify(r))
      const p = r.printers[0]
      assert.deepEqual(
        [p.address, p.source, p.vendor, p.model, p.serialNumber, p.firmware, p.location],
        ['127.0.0.1', 'ipp', 'Lexmark', 'CX943', '7940IPP042', 'CXTPC.081.215', 'Floor 2'],
      )
      assert.deepEqual([p.status, p.agentType], ['eligible', 'native']) // a Lexmark at Native Agent firmware, even with SNMP off
      assert.deepEqual(
        p.supplies.map((s: {percent: number}) => s.percent),
        [80, 35],
      )
      assert.equal(r.silent, 1)
    } finally {
      // dbus-daemon and avahi-daemon detach: end every process of this namespace (all started here)
      for (const pid of ip('netns', 'pids', ns).split(/\s+/).filter(Boolean)) process.kill(Number(pid), 'SIGTERM')
      daemons.kill('SIGTERM')
      await cleanup()
      rmSync(dir, {force: true, recursive: true})
    }
  },
)
