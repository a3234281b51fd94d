#!/usr/bin/env bash
# The npm package as users get it: `npm pack`, check the tarball holds only what runs, install it
# into an empty folder, start it with `npx veeam-em-mock --port 0` (HTTP, then --tls) and log on.
# Also checks that the library entry and its types resolve from the package root.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

tarball=$(npm pack --silent --pack-destination "$work" | tail -n 1)
echo "packed $tarball ($(du -k "$work/$tarball" | cut -f1) KB)"

# Only dist (no source maps), README, LICENSE, examples, the example dataset and package.json.
contents=$(tar -tzf "$work/$tarball")
unexpected=$(grep -vE '^package/(dist/(bin|src|routes|data)/.*\.(js|d\.ts)|examples/.*|data/example-dataset\.json|README\.md|LICENSE|package\.json)$' <<<"$contents" || true)
if [ -n "$unexpected" ]; then
  echo "FAILED: the tarball holds files that do not run:"; echo "$unexpected"; exit 1
fi
for f in package/dist/bin/cli.js package/dist/src/index.js package/dist/src/index.d.ts package/README.md package/LICENSE package/data/example-dataset.json; do
  grep -qx "$f" <<<"$contents" || { echo "FAILED: $f missing from the tarball"; exit 1; }
done
echo "tarball contents ok: $(wc -l <<<"$contents") files"

mkdir "$work/app"
cd "$work/app"
npm init -y >/dev/null
npm install --no-audit --no-fund --silent "$work/$tarball"
echo "installed into an empty folder"

node --input-type=module -e "
  const m = await import('veeam-em-mock');
  for (const name of ['buildApp', 'listen', 'defaultConfig', 'parseConfig', 'Clock']) {
    if (typeof m[name] !== 'function') throw new Error('library entry lacks ' + name);
  }
"
# A strict TypeScript consumer resolves the types through the package root's exports.
cat > consumer.ts <<'TS'
import { buildApp, defaultConfig, type Config } from 'veeam-em-mock';
const config: Config = defaultConfig({ port: 0, tls: true });
export const app: Promise<{ close(): Promise<unknown> }> = buildApp({ config });
TS
"$repo/node_modules/.bin/tsc" --noEmit --strict --skipLibCheck --module nodenext --moduleResolution nodenext \
  --typeRoots "$repo/node_modules/@types" --types node consumer.ts
echo "library entry and its types exported from the package root"

node "$repo/scripts/check-server.mjs" -- npx --no-install veeam-em-mock --port 0 --host 127.0.0.1
node "$repo/scripts/check-server.mjs" -- npx --no-install veeam-em-mock --port 0 --host 127.0.0.1 --tls
echo "PASSED: the packed tarball installed and answered a logon over HTTP and HTTPS"
