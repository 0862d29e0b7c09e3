"""The local diffusers backend as the registry knows it: Stable Diffusion on this machine's GPU or
CPU, or (with ``--broker``) on Celery workers that announce themselves under the same name."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pipeline.backends.spec import (
    RANK_FALLBACK,
    RANK_PREFERRED,
    BackendSpec,
    BuildContext,
    Capability,
    GpuProbe,
)

if TYPE_CHECKING:
    from pipeline.backends.base import Backend

NAME = "local"

# Jobs in flight on Celery workers: a sent job is taken at once, so one that no worker takes in two
# minutes means none is running.
WORKER_START_TIMEOUT_S = 120.0


def build(config: Any, context: BuildContext) -> "Backend":
    if config.broker:
        # Generation runs on Celery workers (each with its GPU); this process validates, queues,
        # relays progress and alone writes the database.
        from pipeline.backends.celery_remote import CeleryBackend

        return CeleryBackend(config.broker, model=config.model, start_timeout_s=WORKER_START_TIMEOUT_S,
                             lora_dir=config.lora_dir, model_config=config.model_config)
    from pipeline.backends import local_speed
    from pipeline.backends.local_diffusers import LocalDiffusersBackend

    return LocalDiffusersBackend(config.model, device=config.device, gpu_call=context.gpu_call,
                                 lora_dir=config.lora_dir, preview=config.preview, taesd=config.taesd,
                                 model_config=config.model_config, threads=context.torch_threads,
                                 max_batch=config.max_batch, speed=local_speed.options_from(config))


def rank(backend: "Backend", gpu_available: GpuProbe) -> int | None:
    """First when it will be fast (a GPU, or GPU workers) or was clearly intended (a model on disk);
    otherwise last: on the CPU it is slow, but it works without a key."""
    if not backend.available()[0]:
        return None
    if getattr(backend, "on_gpu_workers", False) or gpu_available() or getattr(backend, "on_disk", False):
        return RANK_PREFERRED
    return RANK_FALLBACK


def prompt_target(model: str | None) -> str:
    from prompts.targets import clip_target

    return clip_target(model)


SPEC = BackendSpec(
    name=NAME,
    label="Local (diffusers)",
    capabilities=frozenset({
        Capability.TEXT_TO_IMAGE, Capability.IMAGE_TO_IMAGE, Capability.INPAINT, Capability.PARTIAL_PREVIEWS,
        Capability.BATCHING, Capability.NEGATIVE_PROMPT, Capability.SEED,
    }),
    build=build,
    rank=rank,
    prompt_target=prompt_target,
    default_lanes=1,  # one per GPU: two denoising loops on one device only slow each other down
    lanes_from=lambda config: config.concurrency,
)
