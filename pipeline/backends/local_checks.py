"""check_inputs for the local backend: each argument of a request checked against the model's
profile, with a message naming the field, and the model's defaults filled in; cheap, so the HTTP API
answers 422 before anything is queued.
"""

from __future__ import annotations

import math
import secrets
from typing import Any

from pipeline.backends import local_controls, local_edit
from pipeline.backends.local_profile import DEFAULT_VAE_SCALE_FACTOR, ModelProfile
from pipeline.errors import InvalidRequest
from pipeline.request import SEED_MAX, GenerationRequest

MAX_SIDE = 2048
MAX_STEPS = 150
MAX_GUIDANCE = 30.0


def is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def check_side(field: str, value: Any, multiple: int) -> None:
    label = field.capitalize()
    if not is_int(value) or value <= 0:
        raise InvalidRequest(field, f"{label} must be a positive whole number of pixels; got {value!r}.")
    if value > MAX_SIDE:
        raise InvalidRequest(field, f"{label} {value} is too large: at most {MAX_SIDE} pixels.")
    if value % multiple:
        rounded = (value + multiple // 2) // multiple * multiple
        nearest = min(max(multiple, rounded), MAX_SIDE // multiple * multiple)
        raise InvalidRequest(
            field,
            f"{label} {value} is not a multiple of {multiple}, which this model needs. Try {nearest}.",
        )


def resolve_request(request: GenerationRequest, profile: ModelProfile, *, model: str, public_name: str,
                    pipe: Any = None, lora_dir: str | None = None) -> GenerationRequest:
    """check_inputs for a local run: every argument checked (InvalidRequest naming it), the model's
    defaults filled in and a seed chosen. ``pipe``: the loaded pipeline, when it is, for what only
    the model can say (whether its scheduler can be swapped, how many text-encoder layers it has)."""
    if request.model not in (None, model, public_name):
        raise InvalidRequest(
            "model", f"This server's local backend runs {model!r}, not {request.model!r}."
        )
    if not isinstance(request.prompt, str) or not request.prompt.strip():
        raise InvalidRequest("prompt", "The prompt is empty: describe the picture you want.")
    multiple = profile.vae_scale_factor or DEFAULT_VAE_SCALE_FACTOR
    edit = request.init_image is not None  # an edit takes its shape from the source picture
    width = request.width if request.width is not None or edit else profile.native_size
    height = request.height if request.height is not None or edit else profile.native_size
    for field, value in (("width", width), ("height", height)):
        if value is not None:
            check_side(field, value, multiple)
    steps = request.steps if request.steps is not None else profile.steps
    if not is_int(steps) or not 1 <= steps <= MAX_STEPS:
        raise InvalidRequest(
            "steps", f"Steps must be a whole number from 1 to {MAX_STEPS}; got {steps!r}."
        )
    guidance = request.guidance if request.guidance is not None else profile.guidance
    if (
        isinstance(guidance, bool)
        or not isinstance(guidance, (int, float))
        or not math.isfinite(guidance)
        or not 0 <= guidance <= MAX_GUIDANCE
    ):
        raise InvalidRequest(
            "guidance", f"Guidance must be a number from 0 to {MAX_GUIDANCE:g}; got {guidance!r}."
        )
    # Chosen here, not in the run, so the job records it and the person can reuse it.
    seed = request.seed if request.seed is not None else secrets.randbelow(SEED_MAX + 1)
    if not is_int(seed) or not 0 <= seed <= SEED_MAX:
        raise InvalidRequest(
            "seed", f"The seed must be a whole number from 0 to {SEED_MAX}; got {seed!r}."
        )
    # The sampler, clip skip, ...: checked now, and against the model itself once it is loaded.
    request = local_controls.check(request, pipe, lora_dir)
    resolved = request.with_(
        model=model,
        width=width,
        height=height,
        steps=steps,
        guidance=float(guidance),
        seed=seed,
    )
    return local_edit.check_edit(resolved, native=profile.native_size, multiple=multiple)
