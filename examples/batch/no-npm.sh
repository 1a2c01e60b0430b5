#!/bin/bash
# Clusters whose compute nodes cannot reach npm: Herald's CLI is one bundled file with no
# dependencies. Copy it once from a machine with npm (or from a release), run it with node ≥ 20.18.1.
set -euo pipefail
DEST="${1:-$HOME/bin/herald.js}"
mkdir -p "$(dirname "$DEST")"
if [ -f dist/cli/index.js ]; then
  cp dist/cli/index.js "$DEST"                       # from a checkout of the repository
else
  npm pack herald-notify --silent >/dev/null          # from the registry, on a login node
  tar -xzf herald-notify-*.tgz package/dist/cli/index.js
  cp package/dist/cli/index.js "$DEST" && rm -rf package herald-notify-*.tgz
fi
chmod 755 "$DEST"
node --version
node "$DEST" --version
echo "in job scripts: HERALD=\"node $DEST\""
