"""``python -m pipeline.worker`` whose denoising hangs, for the time-limit tests.

A job with ``IMAGECHAT_TEST_HANG_STEPS`` steps never finishes its second step, like a GPU kernel
that never returns: the step sleeps in the denoising thread, where Python delivers no signal, so
nothing inside the process can end it. Jobs with any other number of steps run normally.
"""

from __future__ import annotations

import os
import sys
import time

from diffusers import EulerDiscreteScheduler

from pipeline.worker import main

HANG_STEPS = int(os.environ["IMAGECHAT_TEST_HANG_STEPS"])
_real_step = EulerDiscreteScheduler.step


def _step(self, *args, **kwargs):
    if len(self.timesteps) == HANG_STEPS and (self.step_index or 0) >= 1:
        print(f"hanging in step {self.step_index + 1} of {HANG_STEPS}", flush=True)
        while True:
            time.sleep(60)
    return _real_step(self, *args, **kwargs)


EulerDiscreteScheduler.step = _step

if __name__ == "__main__":
    sys.exit(main())
