#!/bin/bash
# Clusters whose compute nodes cannot reach npm: Herald's CLI is one folder (dist/cli: the entry and
# its chunks) with no dependencies. Copy it once from a machine with npm (or from a release), run it
# with node ≥ 20.18.1.
set -euo pipefail
DEST="${1:-$HOME/opt/herald}"
mkdir -p "$DEST"
if [ -f dist/cli/index.js ]; then
  cp -R dist/cli/. "$DEST/"                          # from a checkout of the repository
else
  npm pack herald-notify --silent >/dev/null          # from the registry, on a login node
  tar -xzf herald-notify-*.tgz package/dist/cli
  cp -R package/dist/cli/. "$DEST/" && rm -rf package herald-notify-*.tgz
fi
node --version
node "$DEST/index.js" --version
echo "in job scripts: HERALD=\"node $DEST/index.js\""
