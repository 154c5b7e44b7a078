// SNMPv3 user description shared by the sweep (manager side) and the simulated agents.
import snmp from 'net-snmp'

export type SnmpAuthProtocol = 'md5' | 'sha' | 'sha224' | 'sha256' | 'sha384' | 'sha512'
export type SnmpPrivProtocol = 'des' | 'aes' | 'aes256b' | 'aes256r'

/** The security level follows from the keys given: none → noAuthNoPriv, authKey → authNoPriv, both → authPriv. */
export interface SnmpV3User {
  name: string
  authProtocol?: SnmpAuthProtocol
  authKey?: string
  privProtocol?: SnmpPrivProtocol
  privKey?: string
}

export function toNetSnmpUser(u: SnmpV3User): snmp.User {
  if (!u.name) throw new Error('SNMPv3 user name is empty')
  if (u.privKey && !u.authKey) throw new Error('SNMPv3 privacy needs an authentication key too')
  const level = u.authKey ? (u.privKey ? snmp.SecurityLevel.authPriv : snmp.SecurityLevel.authNoPriv) : snmp.SecurityLevel.noAuthNoPriv
  const user: snmp.User = {name: u.name, level}
  if (u.authKey) {
    user.authProtocol = snmp.AuthProtocols[u.authProtocol ?? 'sha']
    user.authKey = u.authKey
  }
  if (u.privKey) {
    user.privProtocol = snmp.PrivProtocols[u.privProtocol ?? 'aes']
    user.privKey = u.privKey
  }
  return user
}
