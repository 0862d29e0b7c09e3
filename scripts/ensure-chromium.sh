#!/bin/sh
# The browser tests drive Debian's chromium through Playwright (Playwright's own browser download
# is not needed). Install it when we can; otherwise say how.
if command -v chromium >/dev/null 2>&1; then exit 0; fi
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "installing chromium for the browser tests (apt-get)..."
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) \
        || echo "warning: could not install chromium; the browser tests will fail"
else
    echo "warning: chromium is not installed; install it (e.g. 'sudo apt-get install chromium') for the browser tests"
fi
