#!/usr/bin/env bash
# Refresh the vendored htmx (templates/web/static/vendor/htmx.min.js) from its npm registry
# package. Run by hand (`make vendor-htmx VERSION=2.0.11`), review the diff, run the browser
# tests, commit the file and VENDORED.md. Nothing downloads htmx at run time or test time.
set -euo pipefail
VERSION="${1:-2}"
DEST="$(cd "$(dirname "$0")/.." && pwd)/templates/web/static/vendor"
TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT
cd "$TMP"
npm pack --silent "htmx.org@${VERSION}" >/dev/null
tar xzf htmx.org-*.tgz
EXACT="$(node -p "require('./package/package.json').version")"
LICENSE="$(node -p "require('./package/package.json').license")"
if [ "$LICENSE" != "0BSD" ]; then
  echo "htmx.org@$EXACT is licensed $LICENSE, not 0BSD: check before vendoring" >&2
  exit 1
fi
cp package/dist/htmx.min.js "$DEST/htmx.min.js"
SUM="$(sha256sum "$DEST/htmx.min.js" | cut -d' ' -f1)"
TARBALL_SUM="$(sha256sum htmx.org-*.tgz | cut -d' ' -f1)"
cat > "$DEST/VENDORED.md" <<MD
# Vendored JavaScript

| file | package | version | licence | sha256 |
|---|---|---|---|---|
| htmx.min.js | [htmx.org](https://www.npmjs.com/package/htmx.org) (\`dist/htmx.min.js\`) | $EXACT | 0BSD (Zero-Clause BSD, see the package's LICENSE) | \`$SUM\` |

Taken unchanged from the npm registry tarball \`htmx.org-$EXACT.tgz\` (sha256 \`$TARBALL_SUM\`).
Committed so that nothing is downloaded at run time or test time. To refresh:
\`make vendor-htmx VERSION=2\` (runs \`scripts/vendor_htmx.sh\`: \`npm pack\`, copy, this file), then
run the browser tests (\`tests/test_web_browser.py\`, \`tests/test_web_desk_browser.py\`).
MD
echo "htmx.org@$EXACT -> $DEST/htmx.min.js ($SUM)"
