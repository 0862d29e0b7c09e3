"""Per-job time limits: generous, growing with the work, the hard one after the soft one."""

from __future__ import annotations

from pipeline.request import GenerationRequest
from pipeline.time_limits import TimeLimits, time_limits


def limits(**kw) -> TimeLimits:
    return time_limits(GenerationRequest(prompt="a red cube", **kw))


def test_the_hard_limit_leaves_the_job_time_to_stop_after_the_soft_one():
    for kw in ({}, {"steps": 1, "width": 64, "height": 64}, {"steps": 150, "width": 2048, "height": 2048}):
        got = limits(**kw)
        assert got.hard_s - got.soft_s >= 30 and got.hard_s >= 1.25 * got.soft_s - 1


def test_more_steps_or_pixels_get_more_time():
    base = limits(steps=20, width=512, height=512)
    assert limits(steps=40, width=512, height=512).soft_s > base.soft_s
    assert limits(steps=20, width=1024, height=1024).soft_s > base.soft_s


def test_generous_even_for_a_cpu():
    # SD1.5 at 512x512 took 12.5 s per step on a 2-core CPU (plus 21 s of VAE decode): 30 steps ~ 400 s.
    assert limits(steps=30, width=512, height=512).soft_s >= 2 * (30 * 12.5 + 21)
    # A one-step Turbo image still gets minutes, not seconds.
    assert limits(steps=1, width=512, height=512).soft_s >= 300


def test_a_request_that_does_not_say_gets_the_large_default():
    assert limits().soft_s >= limits(steps=50, width=1024, height=1024).soft_s
