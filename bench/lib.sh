# What the bench scripts share (sourced by bench/run, pull.sh and runtime.sh; not run by itself).
bench_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

# Podman on this host (reference/measured-anchors.md): the cgroupfs manager and runc, because crun 1.8.1 refuses
# the hybrid cgroup layout; and, for run and create, limits within this machine's hard limits, because Podman's
# defaults exceed them and the runtime then fails in setrlimit.
bench_podman_host=(--cgroup-manager=cgroupfs --runtime runc)
bench_podman_limits=(--ulimit nofile=1024:1024 --ulimit nproc=1024:1024)

# bench_packages PACKAGE...: installs the Debian packages that are missing, in one apt-get call.
bench_packages() {
  local missing=() package
  for package in "$@"; do
    dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package")
  done
  if ((${#missing[@]})); then
    echo "installing ${missing[*]}" >&2
    apt-get install -y -q "${missing[@]}" >/dev/null
  fi
}

# bench_free_port: a TCP port of 127.0.0.1 that nothing listens on.
bench_free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# bench_registry DIR: starts Debian's docker-registry on a free port of 127.0.0.1, storing under DIR, and waits
# until it answers. Sets bench_registry_address (host:port) and bench_registry_pid; the caller stops it by PID.
bench_registry() {
  local dir=$1 port i
  port=$(bench_free_port)
  rm -rf "$dir/registry" && mkdir -p "$dir"
  cat > "$dir/registry.yml" <<YAML
version: 0.1
log:
  level: error
  accesslog:
    disabled: true
storage:
  filesystem:
    rootdirectory: $dir/registry
http:
  addr: 127.0.0.1:$port
YAML
  docker-registry serve "$dir/registry.yml" > "$dir/registry.log" 2>&1 &
  bench_registry_pid=$!
  bench_registry_address=127.0.0.1:$port
  for i in $(seq 100); do
    curl -fs "http://$bench_registry_address/v2/" > /dev/null && return 0
    kill -0 "$bench_registry_pid" 2>/dev/null || break
    sleep 0.1
  done
  echo "bench: the registry did not start; see $dir/registry.log" >&2
  return 1
}

# bench_images: prints the path of an OCI image layout (written by umoci, gzip layers, so that berth reads bytes
# it did not write) holding three images that share the ~200 MB Debian minbase base layer (bench/minbase.sh):
#   base   the minbase root file system alone
#   app1   base + an application layer (16 MB of random bytes, which no compression shrinks, and a script)
#   app2   app1 + a small layer of configuration files
# As one `docker save` archive, the three come to ~220 MB. Made once and cached in bench/.cache/ (git-ignored).
bench_images() {
  local cache=$bench_root/bench/.cache minbase layout layers i
  minbase=$("$bench_root/bench/minbase.sh")
  layout=$cache/images
  if [[ ! -f $layout/index.json ]]; then
    layers=$cache/image-layers
    rm -rf "$layout" "$layout.partial" "$layers"
    mkdir -p "$layers/app1/opt/app/bin" "$layers/app2/etc/app"
    head -c 16000000 /dev/urandom > "$layers/app1/opt/app/data.bin"
    printf '#!/bin/sh\nexec cat /etc/app/*.conf\n' > "$layers/app1/opt/app/bin/app" && chmod 755 "$layers/app1/opt/app/bin/app"
    for i in 1 2 3; do echo "setting $i" > "$layers/app2/etc/app/$i.conf"; done
    tar -C "$layers/app1" --numeric-owner --owner=0 --group=0 -cf "$layers/app1.tar" .
    tar -C "$layers/app2" --numeric-owner --owner=0 --group=0 -cf "$layers/app2.tar" .
    umoci init --layout "$layout.partial" >&2
    umoci new --image "$layout.partial:base" >&2
    umoci raw add-layer --image "$layout.partial:base" "$minbase" >&2
    umoci raw add-layer --image "$layout.partial:base" --tag app1 "$layers/app1.tar" >&2
    umoci raw add-layer --image "$layout.partial:app1" --tag app2 "$layers/app2.tar" >&2
    rm -rf "$layers"
    mv "$layout.partial" "$layout"
  fi
  echo "$layout"
}
