#!/bin/sh
# Debian packages the tests drive for real: chromium (browser tests, through Playwright; Playwright's
# own browser download is not needed) and redis-server (Celery scale-out tests). Install them when
# we can; otherwise say how.
missing=""
command -v chromium >/dev/null 2>&1 || missing="$missing chromium"
command -v redis-server >/dev/null 2>&1 || missing="$missing redis-server"
[ -z "$missing" ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "installing$missing for the tests (apt-get)..."
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing >/dev/null) \
        || echo "warning: could not install$missing; the tests that need them will fail"
else
    echo "warning:$missing not installed; install them (e.g. 'sudo apt-get install$missing') for every test to run"
fi
