#!/usr/bin/env bash
# `npm run demo`: the product's main job against the embedded sandbox, in a throw-away home (.demo/),
# so it never touches your own login: start the sandbox with simulated printers, log in, list
# organizations, create a customer organization, discover the printers, enroll the eligible ones,
# list the fleet, apply the example rollout file (twice: the second run changes nothing), show the
# deployment task, stop. Everything stays on the loopback (127.x addresses).
set -euo pipefail
cd "$(dirname "$0")/.."
export LCS_CONFIG_DIR="$PWD/.demo/config" LCS_SANDBOX_DIR="$PWD/.demo/sandbox"
SNMP=(--snmp-port "${DEMO_SNMP_PORT:-16161}")
EWS=(--ews-port "${DEMO_EWS_PORT:-16180}")
lcs() { echo "\$ lcs $*" >&2; node bin/run.js "$@"; }
step() { echo; echo "== $*"; }

lcs sandbox stop >/dev/null 2>&1 || true
step "Start the sandbox cloud with 24 simulated printers on 127.20.0.0/24"
lcs sandbox start --detach --port "${DEMO_PORT:-8642}" --printers 24 --subnet 127.20.0.0/24 "${SNMP[@]}" "${EWS[@]}"
step "Log in (client credentials the sandbox seeded)"
lcs login --sandbox
lcs auth status
step "Organizations, and a new customer organization"
lcs orgs list
lcs orgs create-child "Demo Customer $(date +%H%M%S)"
step "Discover the printers (SNMP) and classify them like PET"
lcs printers discover 127.20.0.0/24 "${SNMP[@]}" --timeout 1 --save .demo/discovery.json
step "Enroll every eligible printer (secured ones with the sandbox's web-service password)"
printf %s sandbox-ews | lcs printers enroll --from .demo/discovery.json --all-eligible "${EWS[@]}" --ews-user admin --ews-password-stdin || true
step "The enrolled fleet"
lcs printers list
step "Apply the example rollout file (PIN settings, groups, users, badges, PINs, serials, configurations, deployments), then again: all unchanged"
lcs apply -f fixtures/rollout/contoso.yaml
lcs apply -f fixtures/rollout/contoso.yaml
lcs tasks list --org "Contoso Retail" --kind deploy-configuration --limit 3
step "Stop the sandbox"
lcs sandbox stop
echo
echo "Done. The sandbox data stays in .demo/sandbox; run 'npm run demo' again, or see README.md."
