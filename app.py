"""imagechat: describe a picture in a chat and watch it form.

The composition root: settings → store, backends, router, jobs → chat UI and HTTP routes → launch.
Run `python app.py --help` for the flags (each has an environment variable).
"""

from __future__ import annotations

import logging
import os
import sys
from dataclasses import dataclass
from typing import Sequence

os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
os.environ.setdefault("HF_HUB_DISABLE_TELEMETRY", "1")

from config import Config, parse_config  # noqa: E402

log = logging.getLogger("imagechat")


@dataclass
class Services:
    config: Config
    store: object
    local: object
    remote: object
    router: object
    jobs: object
    chat: object

    def close(self) -> None:
        self.jobs.close()
        self.store.close()


def build_services(config: Config) -> Services:
    from pipeline.backends.local_diffusers import LocalDiffusersBackend
    from pipeline.backends.openai_images import OpenAIImagesBackend
    from pipeline.jobs import JobRunner
    from prompts import LLMConfig
    from pipeline.router import Router
    from storage import Store
    from web.chat import ChatService

    store = Store(config.db)
    interrupted = store.interrupt_unfinished()
    if interrupted:
        log.warning("%d task(s) were unfinished when the server last stopped; marked interrupted", interrupted)
    local = LocalDiffusersBackend(config.model, device=config.device)
    gpu_available = None
    if config.broker:
        # Generation runs on Celery workers (each with its GPU); this process validates, queues,
        # relays progress and alone writes the database.
        from pipeline.backends.celery_remote import CeleryBackend

        local = CeleryBackend(config.broker, model=config.model)
        gpu_available = lambda: True  # noqa: E731 - the workers are the GPUs
    remote = OpenAIImagesBackend(config.openai_api_key, base_url=config.openai_base_url, model=config.openai_model)
    router = Router({"local": local, "openai": remote}, default=config.backend,
                    **({"gpu_available": gpu_available} if gpu_available else {}))
    jobs = JobRunner(router, store, lanes={"local": config.concurrency, "openai": 4},
                     max_queued=config.max_queue, max_queued_per_user=config.max_queued_per_user,
                     rate_limit_per_minute=config.rate_limit)
    llm = LLMConfig(api_key=config.openai_api_key, base_url=config.openai_base_url) if config.openai_api_key else None
    chat = ChatService(store, jobs, router, tokenizer=getattr(local, "tokenizer", lambda: None), llm=llm)
    return Services(config, store, local, remote, router, jobs, chat)


def launch(services: Services, *, block: bool = True):
    from web.api import add_routes
    from web.ui import CSS, build_ui

    config = services.config
    demo = build_ui(services.chat, services.router)
    demo.queue(default_concurrency_limit=None)
    demo.launch(
        server_name=config.host,
        server_port=config.port,
        share=config.share,
        auth=list(config.auth) or None,
        auth_message="imagechat: log in to see your conversations.",
        prevent_thread_lock=True,
        show_error=False,  # failures are chat messages; tracebacks stay in the server log
        quiet=False,
        css=CSS,
    )
    # Gradio has no catch-all route, so routes added now are served by the same server.
    add_routes(demo.app, services)
    if block:
        try:
            demo.block_thread()
        finally:
            services.close()
    return demo


def _warn_share(config: Config) -> None:
    if config.share and not config.auth:
        log.warning(
            "--share without --auth: anyone with the public link can use this machine's GPU and see "
            "this app's conversations. Add --auth user:password to require a login."
        )


def main(argv: Sequence[str] | None = None) -> int:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    config = parse_config(argv)
    log.info("starting with %s", config)
    _warn_share(config)
    from storage import DatabaseLocked

    try:
        services = build_services(config)
    except DatabaseLocked as exc:
        print(f"imagechat: {exc}", file=sys.stderr)
        return 2
    if config.preload:
        try:
            services.local.load()
            log.info("model %s loaded", config.model)
        except Exception as exc:  # keep serving: the chat shows the same message per request
            log.error("could not preload %s: %s", config.model, getattr(exc, "user_message", exc))
    launch(services)
    return 0


if __name__ == "__main__":
    sys.exit(main())
