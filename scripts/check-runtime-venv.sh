#!/usr/bin/env bash
# A fresh virtual environment from the runtime requirements alone serves the app (issue 20).
# By hand (~30 s with pip's cache warm); the suite runs a faster equivalent in
# tests/core/test_dependencies.py. Usage: scripts/check-runtime-venv.sh [DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
dir="${1:-$(mktemp -d)}"
python3 -m venv "$dir/venv"
"$dir/venv/bin/pip" install -q -r requirements.txt
"$dir/venv/bin/pip" install -q --no-deps -e .
"$dir/venv/bin/pip" check
for tool in pytest hypothesis schemathesis atheris playwright; do
  if "$dir/venv/bin/python" -c "import $tool" 2>/dev/null; then
    echo "$tool is installed by requirements.txt" >&2; exit 1
  fi
done
port=$("$dir/venv/bin/python" -c "import socket; s=socket.socket(); s.bind(('127.0.0.1', 0)); print(s.getsockname()[1])")
LIMITUP_DATA_DIR="$dir/data" "$dir/venv/bin/limitup" serve --port "$port" 2>"$dir/serve.log" &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do
  if "$dir/venv/bin/python" -c "import urllib.request, sys; urllib.request.urlopen('http://127.0.0.1:$port/healthz', timeout=2)" 2>/dev/null; then
    echo "runtime-only venv in $dir serves /healthz on port $port"
    exit 0
  fi
  sleep 0.5
done
echo "no answer on /healthz; see $dir/serve.log" >&2
exit 1
