"""Pick where a local model runs and in which precision.

Rule (first match wins; ``prefer`` / ``dtype`` override it):
  - CUDA: float16, the precision SD checkpoints are published in. bfloat16 instead where the
    GPU does it natively (compute capability >= 8) *and* the model family overflows in fp16
    (SDXL's VAE produces NaNs in fp16; bf16 has fp32's range).
  - Apple MPS: float16.
  - otherwise CPU, float32 (half precision on CPU is slow or unsupported).
``choose`` is pure (it takes what the hardware offers as arguments) so the rule is testable on
any machine; ``pick_device`` asks torch.
"""

from __future__ import annotations

from dataclasses import dataclass

DTYPES = ("float32", "float16", "bfloat16")
_ALIASES = {"fp32": "float32", "fp16": "float16", "half": "float16", "bf16": "bfloat16"}
# Families whose fp16 VAE decode overflows; bf16 is preferred for them where native.
_FP16_OVERFLOW_FAMILIES = frozenset({"sdxl"})


@dataclass(frozen=True)
class DeviceChoice:
    device: str  # "cuda", "cuda:1", "mps", "cpu"
    dtype: str  # one of DTYPES
    why: str  # one sentence, shown in logs and in the image's metadata

    @property
    def torch_dtype(self):
        import torch

        return getattr(torch, self.dtype)


@dataclass(frozen=True)
class Hardware:
    cuda: bool = False
    cuda_bf16: bool = False  # native bf16 (Ampere or newer)
    mps: bool = False
    cuda_name: str = ""


def normalize_dtype(dtype: str) -> str:
    name = _ALIASES.get(dtype.strip().lower(), dtype.strip().lower())
    if name not in DTYPES:
        raise ValueError(f"Unknown dtype {dtype!r}; use one of {', '.join(DTYPES)}.")
    return name


def choose(
    hw: Hardware, prefer: str | None = None, dtype: str | None = None, family: str | None = None
) -> DeviceChoice:
    """The device and dtype for ``hw``; ``prefer`` ("cuda", "cuda:1", "mps", "cpu") and
    ``dtype`` ("float16", "bf16", ...) override the automatic choice."""
    want = (prefer or "").strip().lower() or None
    if want in (None, "auto"):
        device = "cuda" if hw.cuda else "mps" if hw.mps else "cpu"
        why = {
            "cuda": f"CUDA GPU {hw.cuda_name}".strip(),
            "mps": "Apple GPU (MPS)",
            "cpu": "no GPU found",
        }[device]
    else:
        kind = want.split(":", 1)[0]
        if kind not in ("cuda", "mps", "cpu"):
            raise ValueError(f"Unknown device {prefer!r}; use cuda, cuda:N, mps or cpu.")
        if kind == "cuda" and not hw.cuda:
            raise ValueError("A CUDA device was asked for, but torch sees no CUDA GPU here.")
        if kind == "mps" and not hw.mps:
            raise ValueError("The MPS device was asked for, but it is not available here.")
        device, why = want, "asked for"

    if dtype:
        return DeviceChoice(device, normalize_dtype(dtype), f"{why}; dtype asked for")
    if device.startswith("cuda"):
        if hw.cuda_bf16 and family in _FP16_OVERFLOW_FAMILIES:
            return DeviceChoice(device, "bfloat16", f"{why}; bf16 avoids {family}'s fp16 VAE overflow")
        return DeviceChoice(device, "float16", f"{why}; half precision")
    if device == "mps":
        return DeviceChoice(device, "float16", f"{why}; half precision")
    return DeviceChoice(device, "float32", f"{why}; full precision on CPU")


def probe_hardware() -> Hardware:
    import torch

    cuda = torch.cuda.is_available()
    mps = bool(getattr(torch.backends, "mps", None) and torch.backends.mps.is_available())
    bf16 = False
    name = ""
    if cuda:
        name = torch.cuda.get_device_name(0)
        bf16 = torch.cuda.get_device_capability(0)[0] >= 8
    return Hardware(cuda=cuda, cuda_bf16=bf16, mps=mps, cuda_name=name)


def pick_device(
    prefer: str | None = None, dtype: str | None = None, family: str | None = None
) -> DeviceChoice:
    """``choose`` on this machine's hardware."""
    return choose(probe_hardware(), prefer, dtype, family)
