// A printer web service's status answer (what `PrinterWebService.status()` reads), for tests that stand in
// for a printer: a Native Agent Lexmark, not enrolled, its clock right.
export function printerStatus(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    agentCapability: 'native',
    clock: new Date().toISOString(),
    enrollment: {state: 'none'},
    firmware: 'x',
    manufacturer: 'Lexmark',
    modelName: 'CX735',
    ntp: false,
    printerAgentInstalled: null,
    ...extra,
  }
}
