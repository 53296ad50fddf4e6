#!/bin/sh
# `make serve`: the production shape on one machine. gunicorn with threaded workers
# (a slow client holds one thread, not a worker), DEBUG off; Varnish in front on $PORT
# when varnishd is installed, else gunicorn alone on $PORT.
set -eu
PORT="${PORT:-8000}"
PY="${PY:-.venv/bin/python}"
WORKERS="${WEB_CONCURRENCY:-$(( $(nproc) * 2 + 1 ))}"
export DEBUG=0
GUNICORN="$(dirname "$PY")/gunicorn"
ARGS="newsroom.wsgi --workers $WORKERS --worker-class gthread --threads 8 --timeout 30"
if command -v varnishd >/dev/null 2>&1 && [ -z "${NO_VARNISH:-}" ]; then
    BACKEND_PORT="${BACKEND_PORT:-$((PORT + 1))}"
    VCL="var/varnish/default.vcl"
    mkdir -p var/varnish
    sed "s/BACKEND_PORT/$BACKEND_PORT/" deploy/varnish/default.vcl > "$VCL"
    export VARNISH_PURGE_URL="http://127.0.0.1:$PORT/"
    echo "Varnish: http://127.0.0.1:$PORT/ → gunicorn 127.0.0.1:$BACKEND_PORT ($WORKERS workers)"
    varnishd -F -a "127.0.0.1:$PORT" -f "$PWD/$VCL" -n "$PWD/var/varnish/work" -s malloc,256m &
    VARNISH_PID=$!
    trap 'kill $VARNISH_PID 2>/dev/null' EXIT INT TERM
    exec_gunicorn() { "$GUNICORN" $ARGS --bind "127.0.0.1:$BACKEND_PORT"; }
    exec_gunicorn
else
    echo "varnishd가 없어 gunicorn만 127.0.0.1:$PORT 에서 띄웁니다 (apt-get install varnish varnish-modules 하면 앞에 Varnish가 붙습니다)."
    exec "$GUNICORN" $ARGS --bind "127.0.0.1:$PORT"
fi
