#!/usr/bin/env bash
# Installs what the real-editor tests need, once, and caches it:
#   - Debian packages: chromium (the browser Playwright drives), ripgrep, libkrb5-dev and a C++
#     toolchain (code-server's native modules build at install time);
#   - code-server (the real VS Code server + workbench, from npm) into .cache/real-editor/.
# Later runs find the cache and return at once. `--browser-only` installs just Chromium (for the
# unit tests that run the webview in a browser, before the editor suites need the rest).
#
# Exit codes: 0 ready, 3 cannot be installed here (not root / not Debian / offline) - the caller
# skips the real-editor tests then (or fails under CI=true), 1 anything else went wrong.
set -euo pipefail

CODE_SERVER_VERSION=4.100.3   # VS Code 1.100.3; the newest code-server that installs on Node 20
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
CACHE="$ROOT/.cache/real-editor"
INSTALL_DIR="$CACHE/code-server-$CODE_SERVER_VERSION"
CHROMIUM=/usr/bin/chromium
APT_PACKAGES=(chromium ripgrep libkrb5-dev python3 make g++ pkg-config)
BROWSER_ONLY=false
if [ "${1:-}" = "--browser-only" ]; then BROWSER_ONLY=true; APT_PACKAGES=(chromium); fi

mkdir -p "$CACHE"
say() { echo "[setup-editor] $*"; }
cannot() { say "cannot set up the real editor: $*"; exit 3; }

missing_packages() {
    local missing=()
    for pkg in "${APT_PACKAGES[@]}"; do
        dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
    done
    echo "${missing[@]:-}"
}

# ---- Debian packages
if $BROWSER_ONLY && [ -x "$CHROMIUM" ]; then say "cached: $($CHROMIUM --version 2>/dev/null)"; exit 0; fi
if [ -x "$CHROMIUM" ] && [ -f "$INSTALL_DIR/.installed" ]; then
    say "cached: code-server $CODE_SERVER_VERSION in ${INSTALL_DIR#"$ROOT/"}, $($CHROMIUM --version 2>/dev/null)"
    exit 0
fi
command -v dpkg-query >/dev/null && command -v apt-get >/dev/null || cannot "this is not a Debian-like system (no apt-get)"
MISSING=$(missing_packages)
if [ -n "$MISSING" ]; then
    [ "$(id -u)" = 0 ] || cannot "Debian packages missing ($MISSING) and not running as root to install them"
    say "apt-get install $MISSING"
    export DEBIAN_FRONTEND=noninteractive
    { apt-get update -qq && apt-get install -y -qq --no-install-recommends $MISSING; } > "$CACHE.apt.log" 2>&1 \
        || { tail -20 "$CACHE.apt.log"; cannot "apt-get install failed (log: $CACHE.apt.log)"; }
fi
[ -x "$CHROMIUM" ] || cannot "$CHROMIUM is missing after installing the chromium package"
if $BROWSER_ONLY; then say "ready: $($CHROMIUM --version 2>/dev/null)"; exit 0; fi

# ---- code-server, offline apart from the npm registry
if [ ! -f "$INSTALL_DIR/.installed" ]; then
    say "installing code-server $CODE_SERVER_VERSION into ${INSTALL_DIR#"$ROOT/"} (about a minute)"
    rm -rf "$INSTALL_DIR"
    mkdir -p "$INSTALL_DIR/tmp" "$INSTALL_DIR/xdg"
    # Keep npm's and the install scripts' temp files, and anything they put in ~/.config, out of ~.
    export TMPDIR="$INSTALL_DIR/tmp" XDG_CONFIG_HOME="$INSTALL_DIR/xdg" XDG_DATA_HOME="$INSTALL_DIR/xdg" XDG_CACHE_HOME="$INSTALL_DIR/xdg"
    export npm_config_yes=true            # node-pty's install script runs `npx node-gyp`
    export npm_config_unsafe_perm=true    # code-server 4.100's postinstall refuses root without it
    export npm_config_update_notifier=false npm_config_fund=false npm_config_audit=false

    # @vscode/ripgrep's postinstall downloads rg from GitHub, which is unreachable: seed its download
    # cache with Debian's rg under the exact names it looks for.
    (
        cd "$TMPDIR"
        npm pack "code-server@$CODE_SERVER_VERSION" --silent >/dev/null
        tar xzf code-server-*.tgz package/lib/vscode/npm-shrinkwrap.json
        RG_VERSION=$(node -p "(require('./package/lib/vscode/npm-shrinkwrap.json').packages['node_modules/@vscode/ripgrep']||{}).version||''")
        if [ -n "$RG_VERSION" ]; then
            npm pack "@vscode/ripgrep@$RG_VERSION" --silent >/dev/null
            tar xzf "vscode-ripgrep-$RG_VERSION.tgz" package/lib/postinstall.js
            RG_TAG=$(sed -n "s/^const VERSION = '\(.*\)';/\1/p" package/lib/postinstall.js)
            mkdir -p "vscode-ripgrep-cache-$RG_VERSION"
            cp /usr/bin/rg ./rg
            tar czf "vscode-ripgrep-cache-$RG_VERSION/ripgrep-$RG_TAG-x86_64-unknown-linux-musl.tar.gz" rg
            rm -f rg
        fi
        rm -rf package ./*.tgz
    ) || cannot "could not fetch code-server $CODE_SERVER_VERSION from the npm registry"

    cd "$INSTALL_DIR"
    printf '{ "name": "real-editor-tools", "private": true }\n' > package.json
    npm install --no-save --foreground-scripts --no-package-lock "code-server@$CODE_SERVER_VERSION" > install.log 2>&1 \
        || { tail -40 install.log; say "npm install code-server failed (log: ${INSTALL_DIR#"$ROOT/"}/install.log)"; exit 1; }
    "$INSTALL_DIR/node_modules/.bin/code-server" --version > /dev/null
    rm -rf "$INSTALL_DIR/tmp"
    touch "$INSTALL_DIR/.installed"
fi
say "ready: code-server $("$INSTALL_DIR/node_modules/.bin/code-server" --version | head -1), $($CHROMIUM --version 2>/dev/null)"
