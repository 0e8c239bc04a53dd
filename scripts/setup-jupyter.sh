#!/usr/bin/env bash
# Jupyter for the notebooks and their tests (examples/notebooks.test.ts): Debian's packages, then the
# tslab kernel into the git-ignored .jupyter/. Where apt-get cannot run (not Debian, not root, no
# network) this only warns: the notebook tests then fail, naming what to install, so a green test
# run always means the notebooks ran.
set -u
cd "$(dirname "$0")/.."
jupyter_debs="jupyter-notebook python3-ipykernel jupyter-nbconvert python3-nbclient chromium"
missing=""
for deb in $jupyter_debs; do
  dpkg-query -W -f='${Status}' "$deb" 2>/dev/null | grep -q "install ok installed" || missing="$missing $deb"
done
if [ -n "$missing" ]; then
  if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
    { apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y $missing; } ||
      echo "warning: apt-get could not install$missing; the notebook tests will fail" >&2
  else
    echo "warning: cannot install$missing (needs apt-get as root); the notebook tests will fail" >&2
  fi
fi
pnpm jupyter:install || echo "warning: pnpm jupyter:install failed; the notebook tests will fail" >&2
exit 0
