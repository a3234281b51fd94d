#!/usr/bin/env bash
# Container smoke check without a Docker daemon: builds the image with buildah
# (--isolation=chroot), runs it, logs on and lists over HTTP and over HTTPS, runs its
# HEALTHCHECK, checks it runs as non-root, then removes everything it created.
# When no container registry is reachable, the Node base image is made locally: a minimal
# Debian root from debootstrap plus this host's node and npm.
# Needs root, buildah, and (without a registry) debootstrap. Exit 0 only if all passed.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD

work=$(mktemp -d /var/tmp/veeam-em-mock-smoke.XXXXXX)
# A private store: cleaning up is removing it, and nothing else on the machine is touched.
B=(buildah --root "$work/storage" --runroot "$work/run" --storage-driver vfs)
tag=localhost/veeam-em-mock-smoke:$$
cleanup() {
  "${B[@]}" rm --all >/dev/null 2>&1 || true
  "${B[@]}" rmi --all --force >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

step() { echo "-- $*"; }

base=docker.io/library/node:20-bookworm-slim
if timeout 120 "${B[@]}" pull --quiet "$base" >/dev/null 2>&1; then
  step "base image: $base (pulled)"
else
  step "no registry reachable: making a local base image (debootstrap + host node $(node --version))"
  command -v debootstrap >/dev/null || { echo "FAILED: debootstrap is not installed"; exit 1; }
  # The host's own Debian mirror, so this works wherever apt does.
  mirror=$(grep -hoE '^URIs: *[^ ]+' /etc/apt/sources.list.d/*.sources 2>/dev/null | head -n 1 | awk '{print $2}' || true)
  [ -n "$mirror" ] || mirror=$(grep -hoE '^deb +[^ ]+' /etc/apt/sources.list 2>/dev/null | head -n 1 | awk '{print $2}' || true)
  rootfs=$work/rootfs
  timeout 900 debootstrap --variant=minbase bookworm "$rootfs" ${mirror:+"$mirror"} >"$work/debootstrap.log" 2>&1 ||
    { tail -n 20 "$work/debootstrap.log"; echo "FAILED: debootstrap"; exit 1; }
  node_bin=$(readlink -f "$(command -v node)")
  npm_dir=$(cd "$(dirname "$(readlink -f "$(command -v npm)")")/.." && pwd)
  install -D -m 0755 "$node_bin" "$rootfs/usr/local/bin/node"
  mkdir -p "$rootfs/usr/local/lib/node_modules"
  cp -a "$npm_dir" "$rootfs/usr/local/lib/node_modules/npm"
  ln -s ../lib/node_modules/npm/bin/npm-cli.js "$rootfs/usr/local/bin/npm"
  # The host's extra trusted CAs (a TLS-inspecting proxy before the npm registry) go into the
  # base, as a site's own base image would carry them; the Dockerfile stays site-neutral.
  base_env=(--env PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin)
  if [ -n "${NODE_EXTRA_CA_CERTS:-}" ] && [ -r "$NODE_EXTRA_CA_CERTS" ]; then
    install -D -m 0644 "$NODE_EXTRA_CA_CERTS" "$rootfs/usr/local/share/ca-certificates/host-extra.crt"
    base_env+=(--env NODE_EXTRA_CA_CERTS=/usr/local/share/ca-certificates/host-extra.crt)
  fi
  rm -rf "$rootfs"/var/cache/apt/archives/*.deb "$rootfs"/var/lib/apt/lists/*
  tar -C "$rootfs" --exclude='./dev/*' --exclude='./proc/*' --exclude='./sys/*' -cf "$work/rootfs.tar" .
  rm -rf "$rootfs"
  ctr=$("${B[@]}" from scratch)
  "${B[@]}" add "$ctr" "$work/rootfs.tar" / >/dev/null
  "${B[@]}" config "${base_env[@]}" --cmd node "$ctr"
  base=localhost/veeam-em-mock-smoke-base:$$
  "${B[@]}" commit --quiet "$ctr" "$base" >/dev/null
  "${B[@]}" rm "$ctr" >/dev/null
  rm -f "$work/rootfs.tar"
  step "base image: $base (local)"
fi

step "buildah bud --isolation=chroot (multi-stage Dockerfile)"
# Docker format: the OCI image format has no HEALTHCHECK.
timeout 1200 "${B[@]}" bud --isolation=chroot --format docker --build-arg "NODE_IMAGE=$base" -t "$tag" -f Dockerfile . \
  >"$work/build.log" 2>&1 || { tail -n 30 "$work/build.log"; echo "FAILED: image build"; exit 1; }

config=$("${B[@]}" inspect --type image "$tag")
node -e '
  const c = JSON.parse(process.argv[1]).Docker.config;
  const want = (ok, what) => { if (!ok) { console.error("FAILED: image config: " + what + "\n" + JSON.stringify(c)); process.exit(1); } };
  want(c.User === "node", "runs as user node");
  want(JSON.stringify(c.Entrypoint) === JSON.stringify(["node", "/app/dist/bin/cli.js"]), "entrypoint is the CLI");
  want(c.Env.includes("EM_MOCK_HOST=0.0.0.0") && c.Env.includes("EM_MOCK_PORT=9398"), "listens on 0.0.0.0:9398");
  want(c.ExposedPorts && ("9398/tcp" in c.ExposedPorts || "9398" in c.ExposedPorts), "exposes 9398");
  want(c.Healthcheck && c.Healthcheck.Test.join(" ") === "CMD node /app/dist/src/healthcheck.js", "HEALTHCHECK without curl");
' "$config"
step "image config ok: user node, 0.0.0.0:9398, HEALTHCHECK node healthcheck.js, entrypoint the CLI"
step "image size: $("${B[@]}" images --format '{{.Size}}' "$tag" 2>/dev/null || echo unknown)"

ctr=$("${B[@]}" from "$tag")
# chroot isolation shares the host network: pick a free loopback port instead of 9398.
port=$(node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')
run=("${B[@]}" run --isolation=chroot --env "EM_MOCK_PORT=$port")
health="${B[*]} run --isolation=chroot --env EM_MOCK_PORT=$port"
# Stopping the server makes `buildah run` report "subprocess exited on killed": expected.
for scheme in http https; do
  tls=false
  [ "$scheme" = https ] && tls=true
  step "run the image over $scheme: logon + list, then its HEALTHCHECK"
  node scripts/check-server.mjs --then "$health --env EM_MOCK_TLS=$tls $ctr -- node /app/dist/src/healthcheck.js && uid=\$(ps -o uid= -p \$READY_PID | tr -d \" \") && echo \"server runs as uid \$uid\" && [ -n \"\$uid\" ] && [ \"\$uid\" != 0 ]" \
    -- "${run[@]}" --env "EM_MOCK_TLS=$tls" "$ctr" -- node /app/dist/bin/cli.js
done
echo "PASSED: container smoke check (HTTP and HTTPS logon + list, HEALTHCHECK, non-root)"
