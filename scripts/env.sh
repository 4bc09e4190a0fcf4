# Sourced by the scripts: the tools scripts/setup installs, first on PATH.
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export PATH="$here/node_modules/.bin:$HOME/.cargo/bin:$PATH"
# Trunk must never try to download anything or check for updates.
export TRUNK_SKIP_VERSION_CHECK=true
