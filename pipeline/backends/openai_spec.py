"""OpenAI's image API as the registry knows it: DALL-E 3 by default, a hosted service used when its
key is set, with options of its own (quality, style, background, format, compression)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pydantic import Field

from pipeline.backends.spec import RANK_HOSTED, BackendOptions, BackendSpec, BuildContext, Capability, available_rank

if TYPE_CHECKING:
    from pipeline.backends.base import Backend

NAME = "openai"
LANES = 4  # a remote API tolerates several calls at once


class OpenAIOptions(BackendOptions):
    """The options only OpenAI's image models take, by the HTTP API's field names; None: OpenAI's
    default. Plain text here: which values a model takes is the backend's to say, naming the field
    in a message a person can act on (pipeline.backends.openai_options.check_inputs); the HTTP API
    and the chat's settings check the values any model takes before that."""

    quality: str | None = Field(None, description="standard or hd (DALL-E 3); auto, low, medium or high (gpt-image).")
    openai_style: str | None = Field(None, description="vivid or natural: DALL-E 3 only.")
    background: str | None = Field(None, description="transparent, opaque or auto: gpt-image only; "
                                   "transparent needs output_format png or webp.")
    output_format: str | None = Field(None, description="png, jpeg or webp: gpt-image only, the format OpenAI "
                                      "sends; the stored image is PNG.")
    output_compression: int | None = Field(None, description="0-100: gpt-image only, with jpeg or webp.")


def options_of(request: Any) -> OpenAIOptions:
    """A request's OpenAI options (all defaults when it carries none, or another backend's)."""
    options = getattr(request, "options", None)
    return options if isinstance(options, OpenAIOptions) else OpenAIOptions()


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
