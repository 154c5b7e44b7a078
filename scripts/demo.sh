#!/usr/bin/env bash
# `npm run demo`: the product's main job against the embedded sandbox, in a throw-away home
# (.demo/), so it never touches your own login: start the sandbox, log in, list organizations,
# create a customer organization, list printers, apply the example rollout file (twice: the second run
# changes nothing), show the deployment task, stop.
set -euo pipefail
cd "$(dirname "$0")/.."
export LCS_CONFIG_DIR="$PWD/.demo/config" LCS_SANDBOX_DIR="$PWD/.demo/sandbox"
lcs() { echo "\$ lcs $*" >&2; node bin/run.js "$@"; }

lcs sandbox stop >/dev/null 2>&1 || true
lcs sandbox start --detach --port "${DEMO_PORT:-8642}"
echo
lcs login --sandbox
echo
lcs auth status
echo
lcs orgs list
echo
lcs orgs create-child "Demo Customer $(date +%H%M%S)"
echo
lcs printers list
echo
lcs apply -f fixtures/rollout/contoso.yaml
echo
lcs apply -f fixtures/rollout/contoso.yaml
echo
lcs tasks list --org "Contoso Retail" --kind deploy-configuration --limit 3
echo
lcs sandbox stop
echo
echo "Done. The sandbox data stays in .demo/sandbox; run 'npm run demo' again, or see README.md."
