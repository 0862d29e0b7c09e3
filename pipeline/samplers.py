"""Sampler names as Stable Diffusion users know them (AUTOMATIC1111's): the vocabulary shared by the
settings, the HTTP API and recipes. Which diffusers scheduler runs each one is the local backend's
business (``pipeline.backends.local_schedulers``).

A name is a sampler plus, optionally, a schedule type: "DPM++ 2M Karras" is the DPM++ 2M sampler on
Karras sigmas. Older A1111 versions wrote that as one ``Sampler:`` value; current ones write
``Sampler: DPM++ 2M, Schedule type: Karras``. Here the one-string form is the name (a dropdown shows
it, the API takes it); ``split_name``/``join_name`` convert to and from the two-field form.
"""

from __future__ import annotations

MAX_CLIP_SKIP = 12  # A1111's clip skip slider goes this far: CLIP ViT-L has 12 layers
AUTOMATIC = "Automatic"  # A1111's "the sampler's own schedule": the name without a schedule type

# sampler -> the schedule types it can run on (beyond its own)
SAMPLER_SCHEDULES: dict[str, tuple[str, ...]] = {
    "DPM++ 2M": ("Karras", "Exponential"),
    "DPM++ 2M SDE": ("Karras", "Exponential"),
    "DPM++ SDE": ("Karras",),
    "DPM2": ("Karras",),
    "DPM2 a": ("Karras",),
    "Euler a": (),
    "Euler": ("Karras", "Exponential"),
    "LMS": ("Karras",),
    "Heun": ("Karras",),
    "DDIM": (),
    "PLMS": (),
    "UniPC": ("Karras",),
    "DEIS": ("Karras",),
    "LCM": (),
}

SAMPLER_NAMES: tuple[str, ...] = tuple(
    name for sampler, schedules in SAMPLER_SCHEDULES.items()
    for name in (sampler, *(f"{sampler} {schedule}" for schedule in schedules))
)
_CANONICAL = {n.lower(): n for n in SAMPLER_NAMES}


def canonical_name(name: str) -> str:
    """The known spelling of ``name`` (any case, spaces trimmed); ValueError listing the choices."""
    found = _CANONICAL.get(" ".join(str(name).split()).lower())
    if found is None:
        raise ValueError(f"Unknown sampler {name!r}. Choose one of: {', '.join(SAMPLER_NAMES)}")
    return found


def split_name(name: str) -> tuple[str, str | None]:
    """("DPM++ 2M", "Karras") for "DPM++ 2M Karras": the two fields current A1111 writes. The longest
    sampler name that prefixes it wins ("DPM++ 2M SDE Karras" is DPM++ 2M SDE on Karras)."""
    canonical = canonical_name(name)
    for sampler in sorted(SAMPLER_SCHEDULES, key=len, reverse=True):
        if canonical == sampler:
            return sampler, None
        if canonical.startswith(sampler + " "):
            return sampler, canonical[len(sampler) + 1:]
    raise AssertionError(canonical)  # every name starts with its sampler's


def join_name(sampler: str, schedule: str | None) -> str | None:
    """The one-string name for A1111's ``Sampler`` and ``Schedule type`` fields, or None when the pair
    is not one this app runs. "Automatic" (or no schedule type) means the sampler's own schedule; a
    sampler already named with its schedule (older A1111: "DPM++ 2M Karras") is taken as it is."""
    base = " ".join(str(sampler).split())
    schedule = " ".join(str(schedule or "").split())
    if schedule.lower() in ("", AUTOMATIC.lower()) or base.lower().endswith(" " + schedule.lower()):
        text = base
    else:
        text = f"{base} {schedule}"
    return _CANONICAL.get(text.lower())
