"""Finding a local model's files: a folder, a single checkpoint, or a Hugging Face hub id in the
local cache; whether the hub can be reached at all; and the messages that say what to do when the
model is not here. No weights are read and nothing is downloaded.
"""

from __future__ import annotations

import functools
import json
import os
import socket
import threading
from pathlib import Path
from urllib.parse import urlparse

from pipeline.backends.local_single_file import is_single_file
from pipeline.errors import ModelNotFound

HUB_CHECK_TIMEOUT_S = 1.0
FIX_HINT = (
    "Pass a local folder saved with save_pretrained via --model or IMAGECHAT_MODEL, "
    "or run once with network access so it can download into the Hugging Face cache."
)


def _read_json(path: Path) -> dict | None:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


_CONFIG_FILES = {
    "model_index": "model_index.json",
    "unet": "unet/config.json",
    "vae": "vae/config.json",
    "scheduler": "scheduler/scheduler_config.json",
}


def read_model_configs(model: str) -> dict[str, dict | None]:
    """The configs of a local folder, or of a hub model in the local cache; no weights, no
    network."""
    folder = Path(model).expanduser()
    if folder.is_dir():
        return {k: _read_json(folder / f) for k, f in _CONFIG_FILES.items()}
    if not looks_like_hub_id(model):
        return {}
    try:
        from huggingface_hub import try_to_load_from_cache

        found = {k: try_to_load_from_cache(model, f) for k, f in _CONFIG_FILES.items()}
    except Exception:  # an odd id the hub client refuses: nothing known, not an error here
        return {}
    return {k: _read_json(Path(v)) if isinstance(v, str) else None for k, v in found.items()}


# ---------------------------------------------------------------------------- finding the model


def looks_like_hub_id(model: str) -> bool:
    parts = model.split("/")
    return (
        0 < len(parts) <= 2
        and all(parts)
        and not model.startswith((".", "~"))
        and "\\" not in model
        and not os.path.isabs(model)
    )


def hub_offline() -> bool:
    if os.environ.get("HF_HUB_OFFLINE", "").strip().lower() in ("1", "true", "yes", "on"):
        return True
    try:
        from huggingface_hub import constants

        return bool(constants.HF_HUB_OFFLINE)
    except Exception:
        return False


def hub_reachable(timeout_s: float = HUB_CHECK_TIMEOUT_S) -> tuple[bool, str]:
    """Whether a TCP connection to the hub (or the HTTPS proxy) opens within ``timeout_s``.

    Run in a thread with a hard join timeout: name resolution ignores socket timeouts and can
    hang for many seconds on a machine without network."""
    try:
        from huggingface_hub import constants

        endpoint = constants.ENDPOINT
    except Exception:
        endpoint = os.environ.get("HF_ENDPOINT", "https://huggingface.co")
    target = os.environ.get("HTTPS_PROXY") or os.environ.get("https_proxy") or endpoint
    url = urlparse(target if "://" in target else f"http://{target}")
    host, port = url.hostname or "", url.port or (443 if url.scheme == "https" else 80)
    result: list[str] = []

    def probe() -> None:
        try:
            socket.create_connection((host, port), timeout=timeout_s).close()
            result.append("")
        except OSError as exc:
            result.append(exc.__class__.__name__)

    thread = threading.Thread(target=probe, name="hub-check", daemon=True)
    thread.start()
    thread.join(timeout_s)
    if not result:
        return False, f"no answer from {host} within {timeout_s:g} s"
    return (True, "") if result[0] == "" else (False, f"cannot reach {host}")


def not_a_pipeline(model: str) -> ModelNotFound:
    return ModelNotFound(
        f"The folder {Path(model).name!r} is not a diffusers pipeline (it has no model_index.json). "
        "Point --model or IMAGECHAT_MODEL at a folder saved with save_pretrained, or at a "
        "Hugging Face model id such as stabilityai/sd-turbo."
    )


def missing(model: str, why: str) -> ModelNotFound:
    return ModelNotFound(
        f"The model {model!r} is not on this machine and cannot be downloaded now ({why}). {FIX_HINT}"
    )


def check_can_download(model: str, timeout_s: float) -> None:
    """Raise ModelNotFound at once when no download can work, instead of sitting through
    the hub client's retries (about 20 s)."""
    if hub_offline():
        raise missing(model, "offline mode is on (HF_HUB_OFFLINE)")
    ok, why = hub_reachable(timeout_s)
    if not ok:
        raise missing(model, why)


_WEIGHT_SUFFIXES = (".safetensors", ".bin", ".ckpt", ".pt", ".pth", ".gguf")


@functools.lru_cache(maxsize=16)
def weights_bytes(model: str) -> int | None:
    """Bytes of weights on this machine for the model, or None when it is not here (a download)."""
    folder = Path(model).expanduser()
    if is_single_file(model):
        return folder.stat().st_size
    if not folder.is_dir():
        if not looks_like_hub_id(model):
            return None
        try:
            from huggingface_hub import try_to_load_from_cache

            index = try_to_load_from_cache(model, "model_index.json")
        except Exception:
            return None
        if not isinstance(index, str):
            return None
        folder = Path(index).parent  # the snapshot; its files link to the cache's blobs
    total = 0
    for path in folder.rglob("*"):
        if path.suffix in _WEIGHT_SUFFIXES:
            try:
                total += path.stat().st_size
            except OSError:
                pass
    return total


