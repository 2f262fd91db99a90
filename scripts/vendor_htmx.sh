#!/usr/bin/env bash
# Refresh the vendored htmx and its morph extension (templates/web/static/vendor/) from their npm
# registry packages: htmx.org (dist/htmx.min.js) and idiomorph (dist/idiomorph-ext.min.js, the
# morph algorithm with its htmx extension). Run by hand (`make vendor-htmx VERSION=2
# IDIOMORPH=0.8`), review the diff, run the browser tests, commit the files and VENDORED.md.
# Nothing downloads them at run time or test time.
set -euo pipefail
HTMX="${1:-2}"
IDIOMORPH="${2:-0.8}"
DEST="$(cd "$(dirname "$0")/.." && pwd)/templates/web/static/vendor"
TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT

# fetch PACKAGE@VERSION DIST_FILE: unpack it under $TMP/PACKAGE, check the licence, copy the file;
# prints "version tarball-sha256"
fetch() {
  local name="$1" version="$2" file="$3"
  mkdir -p "$TMP/$name" && cd "$TMP/$name"
  npm pack --silent "$name@$version" >/dev/null
  tar xzf ./*.tgz
  local exact license
  exact="$(node -p "require('./package/package.json').version")"
  license="$(node -p "require('./package/package.json').license")"
  if [ "$license" != "0BSD" ]; then
    echo "$name@$exact is licensed $license, not 0BSD: check before vendoring" >&2
    exit 1
  fi
  cp "package/dist/$file" "$DEST/$file"
  echo "$exact $(sha256sum ./*.tgz | cut -d' ' -f1)"
}

read -r HTMX_V HTMX_TGZ < <(fetch htmx.org "$HTMX" htmx.min.js)
read -r IDIO_V IDIO_TGZ < <(fetch idiomorph "$IDIOMORPH" idiomorph-ext.min.js)
sum() { sha256sum "$DEST/$1" | cut -d' ' -f1; }
cat > "$DEST/VENDORED.md" <<MD
# Vendored JavaScript

| file | package | version | licence | sha256 |
|---|---|---|---|---|
| htmx.min.js | [htmx.org](https://www.npmjs.com/package/htmx.org) (\`dist/htmx.min.js\`) | $HTMX_V | 0BSD (Zero-Clause BSD, see the package's LICENSE) | \`$(sum htmx.min.js)\` |
| idiomorph-ext.min.js | [idiomorph](https://www.npmjs.com/package/idiomorph) (\`dist/idiomorph-ext.min.js\`: the morph algorithm and its htmx extension) | $IDIO_V | 0BSD (Zero-Clause BSD, see the package's LICENSE) | \`$(sum idiomorph-ext.min.js)\` |

Taken unchanged from the npm registry tarballs \`htmx.org-$HTMX_V.tgz\` (sha256 \`$HTMX_TGZ\`) and
\`idiomorph-$IDIO_V.tgz\` (sha256 \`$IDIO_TGZ\`). Committed so that nothing is downloaded at run
time or test time. To refresh: \`make vendor-htmx VERSION=2 IDIOMORPH=0.8\` (runs
\`scripts/vendor_htmx.sh\`: \`npm pack\`, licence check, copy, this file), then run the browser
tests (\`tests/test_web_browser.py\`, \`tests/test_web_desk_browser.py\`).
MD
echo "htmx.org@$HTMX_V, idiomorph@$IDIO_V -> $DEST"
