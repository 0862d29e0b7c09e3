"""OpenAI's image API as the registry knows it: DALL-E 3 by default, a hosted service used when its
key is set, with options of its own (quality, style, background, format, compression)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from pipeline.backends.spec import RANK_HOSTED, BackendSpec, BuildContext, Capability, available_rank

if TYPE_CHECKING:
    from pipeline.backends.base import Backend

NAME = "openai"
LANES = 4  # a remote API tolerates several calls at once


class OpenAIOptions(BaseModel):
    """The options only OpenAI's image models take, by the HTTP API's field names. The values any
    model takes are checked here; which model takes which, by the backend before any call
    (pipeline.backends.openai_options.check_inputs). None: OpenAI's default."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    quality: Literal["standard", "hd", "auto", "low", "medium", "high"] | None = Field(
        None, description="standard or hd (DALL-E 3); auto, low, medium or high (gpt-image).")
    openai_style: Literal["vivid", "natural"] | None = Field(None, description="DALL-E 3 only.")
    background: Literal["transparent", "opaque", "auto"] | None = Field(
        None, description="gpt-image only; transparent needs output_format png or webp.")
    output_format: Literal["png", "jpeg", "webp"] | None = Field(
        None, description="gpt-image only: the format OpenAI sends; the stored image is PNG.")
    output_compression: int | None = Field(None, ge=0, le=100, description="gpt-image only, with jpeg or webp.")


def build(config: Any, context: BuildContext) -> "Backend":
    from pipeline.backends.openai_images import OpenAIImagesBackend

    return OpenAIImagesBackend(config.openai_api_key, base_url=config.openai_base_url, model=config.openai_model,
                               deadline_s=config.openai_deadline, partial_images=config.openai_partial_images)


def prompt_target(model: str | None) -> str:
    from prompts.targets import image_api_target

    return image_api_target(model)


SPEC = BackendSpec(
    name=NAME,
    label="OpenAI images",
    capabilities=frozenset({
        Capability.TEXT_TO_IMAGE, Capability.IMAGE_TO_IMAGE, Capability.INPAINT, Capability.PARTIAL_PREVIEWS,
        Capability.MODEL_CHOICE,
    }),
    build=build,
    rank=available_rank(RANK_HOSTED),  # after a local GPU, before the local CPU
    prompt_target=prompt_target,
    options=OpenAIOptions,
    default_lanes=LANES,
)
