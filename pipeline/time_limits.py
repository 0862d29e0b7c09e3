"""How long a worker may spend on one job before Celery stops it.

A hung denoising step (a wedged GPU, a deadlocked kernel) would otherwise hold its worker, and
keep its heartbeat going, forever. The limits are generous on purpose: a job that is merely slow
must never be stopped. They are sized for the slowest worker the app supports, a CPU: one
SD1.5 step at 512x512 (0.26 megapixels) took 12.5 s on a 2-core CPU, about 48 s per step and
megapixel, and SDXL's UNet is larger; a GPU does the same step in well under a second.

At the soft limit the job is told to stop and fails with a clear message; at the hard limit
Celery ends the pool process running it and starts a fresh one, which takes the next job.
"""

from __future__ import annotations

from dataclasses import dataclass

from pipeline.request import GenerationRequest

BASE_S = 300.0  # text encoding, the VAE decode (21 s at 512x512 on a CPU) and PNG encoding, with room
STEP_MEGAPIXEL_S = 150.0  # per denoising step and megapixel: ~3x a CPU's SD1.5 step
MIN_MEGAPIXELS = 0.25  # small images still pay fixed costs per step
UNKNOWN_STEPS = 50  # when the request does not say (it normally does once resolved)
UNKNOWN_SIDE = 1024
GRACE_FRACTION = 0.25  # between the soft and hard limit: time for the job to stop on its own
MIN_GRACE_S = 30.0


@dataclass(frozen=True)
class TimeLimits:
    soft_s: float  # the job is asked to stop (Celery's SoftTimeLimitExceeded in the worker)
    hard_s: float  # the process running it is ended and replaced


def time_limits(request: GenerationRequest) -> TimeLimits:
    steps = request.steps or UNKNOWN_STEPS
    megapixels = (request.width or UNKNOWN_SIDE) * (request.height or UNKNOWN_SIDE) / 1e6
    soft = BASE_S + steps * max(megapixels, MIN_MEGAPIXELS) * STEP_MEGAPIXEL_S
    hard = soft + max(MIN_GRACE_S, soft * GRACE_FRACTION)
    return TimeLimits(soft_s=round(soft), hard_s=round(hard))
