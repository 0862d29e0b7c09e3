"""How long a test waits for something that will happen: generous, because CI machines are shared.

Tests wait on events (a job's end, a page element); this is only the outer bound after which a
wait counts as a hang. A loaded 2-core machine can take many times its usual time, so it is
minutes, not seconds. ``IMAGECHAT_TEST_PATIENCE_S`` changes it (e.g. lower while debugging a hang).
"""

from __future__ import annotations

import os

PATIENCE_S = float(os.environ.get("IMAGECHAT_TEST_PATIENCE_S", "600"))
PATIENCE_MS = PATIENCE_S * 1000  # the same bound in Playwright's unit
