"""The gallery tab: its layout, its handlers and their wiring. What it hands to the chat (a recipe
into the settings, variations to send) goes through the ``fill`` it is given."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable

import gradio as gr

import prompts
from storage import StorageError
from web import gallery_html, render, restore
from web.gallery import ANY, GalleryInputError, GalleryQuery, GalleryService
from web.gallery import filters as gallery_filters
from web.recipe import Recipe

if TYPE_CHECKING:
    from web.chat import ChatService

VARIATIONS = 4


@dataclass(frozen=True)
class GalleryTab:
    """The gallery tab's components."""

    tab: gr.Tab
    q: gr.Textbox
    backend: gr.Dropdown
    model: gr.Dropdown
    style: gr.Dropdown
    since: gr.Textbox
    until: gr.Textbox
    search: gr.Button
    newer: gr.Button
    label: gr.Markdown
    older: gr.Button
    status: gr.Markdown
    export: gr.HTML
    import_file: gr.File
    import_status: gr.Markdown
    grid: gr.HTML
    use: gr.Button
    vary: gr.Button
    seed: gr.Button
    delete: gr.Button
    delete_sure: gr.Button
    detail: gr.HTML


@dataclass(frozen=True)
class GalleryHandlers:
    """The gallery's event handlers."""

    search: Callable[..., Any]
    import_file: Callable[..., Any]
    models: Callable[..., Any]
    pick: Callable[..., Any]
    use_recipe: Callable[..., Any]
    variations: Callable[..., Any]
    reuse_seed: Callable[..., Any]
    delete_image: Callable[..., Any]
    page_step: Callable[..., Any]


def gallery_handlers(chat: ChatService, gallery: GalleryService, _user: Callable[[Any], str | None],
                     fill: Callable[..., tuple], _restored: Callable[[Any], str]) -> GalleryHandlers:
    """The handlers, over ``gallery`` and ``chat``'s store; ``fill`` puts a recipe into the chat's settings."""

    def gallery_search(q, backend, model, style, since, until, page, request: gr.Request):
        query = GalleryQuery(q or "", backend or ANY, model or ANY, style or ANY, since or "", until or "",
                             int(page or 1))
        try:
            found = gallery.search(query, _user(request))
            chosen = gallery_filters(query)
        except GalleryInputError as exc:
            return gr.update(), gr.update(), page, render.text_markdown(str(exc)), gr.update()
        filtered = any((query.q.strip(), query.backend != ANY, query.model != ANY, query.style != ANY,
                        query.since, query.until))
        return (gallery_html.grid_html(found, filtered=filtered), gallery_html.page_label(found), found.page, "",
                gallery_html.export_links(chosen))

    def gallery_import(path: str | None, request: gr.Request):
        if not path:
            return None, ""
        try:
            result = chat.store.import_file(path, _user(request))
        except StorageError as exc:
            return None, render.text_markdown(exc.user_message)
        finally:
            Path(path).unlink(missing_ok=True)  # the upload is in the store now; no copy stays behind
        return None, render.text_markdown(import_note(result))

    def gallery_models(model, request: gr.Request):
        choices = [ANY, *gallery.models(_user(request))]
        return gr.Dropdown(choices=choices, value=model if model in choices else ANY)

    def on_pick(evt: gr.EventData, request: gr.Request):
        image = gallery.image(getattr(evt, "image_id", None), _user(request))
        return (image.id if image else None, gallery_html.detail_html(image),
                *(gr.Button(interactive=image is not None) for _ in range(4)))

    def selected_image(image_id: str | None, request: gr.Request):
        image = gallery.image(image_id, _user(request))
        if image is None:
            raise gr.Error("Select a picture in the gallery first.")
        return image

    def use_recipe(image_id, request: gr.Request):
        restored = restore.from_image(selected_image(image_id, request))
        # Only an imported picture has something to say beyond "restored".
        plain = restored.source == "imagechat" and not restored.changed
        return fill(restored.recipe, note="Recipe restored: press Send to make it again (or change it first)."
                    if plain else _restored(restored))

    def variations(image_id, request: gr.Request):
        image = selected_image(image_id, request)
        return fill(Recipe.from_image(image).with_new_seed(), batch=VARIATIONS)

    def reuse_seed(image_id, request: gr.Request):
        image = selected_image(image_id, request)
        return (gr.update(value="" if image.seed is None else str(image.seed)), gr.Tabs(selected="chat"),
                render.text_markdown(f"Seed {image.seed} set: describe a picture to make it with this seed."))

    def delete_image(image_id, request: gr.Request):
        gallery.delete(image_id, _user(request))
        return (None, gallery_html.detail_html(None), *(gr.Button(interactive=False) for _ in range(4)),
                gr.Button(visible=False))

    def page_step(delta: int):
        def step(q, backend, model, style, since, until, page, request: gr.Request):
            return gallery_search(q, backend, model, style, since, until, int(page or 1) + delta, request)
        return step

    return GalleryHandlers(search=gallery_search, import_file=gallery_import, models=gallery_models, pick=on_pick,
                           use_recipe=use_recipe, variations=variations, reuse_seed=reuse_seed,
                           delete_image=delete_image, page_step=page_step)


def gallery_layout(backends: tuple[str, ...]) -> GalleryTab:
    """The tab and its components, made inside the page's ``gr.Tabs``."""
    with gr.Tab("Gallery", id="gallery", elem_id="tab-gallery") as gallery_tab:
        with gr.Row():
            g_q = gr.Textbox(label="Search the prompts", placeholder="words you typed, or that were sent",
                             elem_id="gallery-q", scale=3, max_lines=1)
            g_backend = gr.Dropdown([ANY, *backends], value=ANY, label="Backend", elem_id="gallery-backend",
                                    scale=1)
            g_model = gr.Dropdown([ANY], value=ANY, label="Model", elem_id="gallery-model", scale=1,
                                  allow_custom_value=True)
            g_style = gr.Dropdown([("any", ANY), *prompts.style_choices()], value=ANY, label="Style",
                                  elem_id="gallery-style", scale=1)
            g_since = gr.Textbox(label="From", placeholder="YYYY-MM-DD", elem_id="gallery-since", scale=1,
                                 max_lines=1)
            g_until = gr.Textbox(label="To", placeholder="YYYY-MM-DD", elem_id="gallery-until", scale=1,
                                 max_lines=1)
            g_search = gr.Button("Search", elem_id="gallery-search", variant="primary", scale=1, min_width=80)
        with gr.Row():
            g_newer = gr.Button("← Newer", elem_id="gallery-newer", size="sm", scale=0, min_width=90)
            g_label = gr.Markdown(elem_id="gallery-page")
            g_older = gr.Button("Older →", elem_id="gallery-older", size="sm", scale=0, min_width=90)
        g_status = gr.Markdown(elem_id="gallery-status")
        with gr.Accordion("Export and import", open=False, elem_id="gallery-exchange"):
            # Links to the API, not files made here: an export never passes through Gradio's cache.
            g_export = gr.HTML(gallery_html.export_links({}), elem_id="gallery-export")
            g_import = gr.File(label="Import a zip or Parquet export (yours, or PNGs from other tools)",
                               file_types=[".zip", ".parquet"], elem_id="gallery-import")
            g_import_status = gr.Markdown(elem_id="gallery-import-status")
        with gr.Row():
            with gr.Column(scale=3):
                grid = gr.HTML(gallery_html.LOADING, elem_id="gallery-grid",
                               js_on_load=gallery_html.GRID_JS)
            with gr.Column(scale=2):
                with gr.Row():
                    g_use = gr.Button("Use this recipe", elem_id="gallery-use", interactive=False,
                                      variant="primary")
                    g_vary = gr.Button(f"Variations (×{VARIATIONS})", elem_id="gallery-variations",
                                       interactive=False)
                    g_seed = gr.Button("Reuse seed", elem_id="gallery-reuse-seed", interactive=False)
                    g_delete = gr.Button("Delete", elem_id="gallery-delete", interactive=False)
                g_delete_sure = gr.Button("Delete this picture for good", elem_id="gallery-delete-confirm",
                                          variant="stop", visible=False)
                # below the actions, so they stay in view whatever the picture's size
                detail = gr.HTML(gallery_html.detail_html(None), elem_id="gallery-detail", js_on_load=None)
    return GalleryTab(tab=gallery_tab, q=g_q, backend=g_backend, model=g_model, style=g_style, since=g_since,
                      until=g_until, search=g_search, newer=g_newer, label=g_label, older=g_older, status=g_status,
                      export=g_export, import_file=g_import, import_status=g_import_status, grid=grid, use=g_use,
                      vary=g_vary, seed=g_seed, delete=g_delete, delete_sure=g_delete_sure, detail=detail)


def wire_gallery(g: GalleryTab, h: GalleryHandlers, *, gpage: gr.State, selected: gr.State, filled: list,
                 seed: gr.Textbox, tabs: gr.Tabs, recipe_status: gr.Markdown, private: dict) -> None:
    """The gallery's events, inside the page's ``gr.Blocks``; ``filled`` are the chat's settings."""
    search_inputs = [g.q, g.backend, g.model, g.style, g.since, g.until]
    search_outputs = [g.grid, g.label, gpage, g.status, g.export]
    first_page = gr.State(1)
    g.search.click(h.search, [*search_inputs, first_page], search_outputs, api_name="gallery_search")
    for trigger in (g.q.submit, g.since.submit, g.until.submit, g.backend.input, g.style.input, g.model.input):
        trigger(h.search, [*search_inputs, first_page], search_outputs, **private)
    g.tab.select(h.search, [*search_inputs, gpage], search_outputs, **private).then(
        h.models, [g.model], [g.model], **private)
    g.newer.click(h.page_step(-1), [*search_inputs, gpage], search_outputs, **private)
    g.older.click(h.page_step(+1), [*search_inputs, gpage], search_outputs, **private)
    detail_buttons = [g.use, g.vary, g.seed, g.delete]
    g.grid.pick(h.pick, None, [selected, g.detail, *detail_buttons], **private).then(
        lambda: gr.Button(visible=False), None, [g.delete_sure], **private)
    g.import_file.upload(h.import_file, [g.import_file], [g.import_file, g.import_status],
                         api_name="import_images").then(
        h.search, [*search_inputs, first_page], search_outputs, **private)
    g.use.click(h.use_recipe, [selected], filled, api_name="use_recipe")
    g.seed.click(h.reuse_seed, [selected], [seed, tabs, recipe_status], api_name="reuse_seed")
    g.delete.click(ask_to_confirm, None, [g.delete_sure], queue=False, **private)
    g.delete_sure.click(h.delete_image, [selected], [selected, g.detail, *detail_buttons, g.delete_sure],
                        api_name="delete_image").then(h.search, [*search_inputs, gpage], search_outputs,
                                                      **private)


def ask_to_confirm():  # a second, explicit click deletes; the first only asks
    return gr.Button(visible=True)


def import_note(result) -> str:
    """What an import did, for the person: counts, then each skipped file and each recipe from
    another tool that says more than imagechat applies, by name (a few, then how many more)."""
    lines = [f"Imported {result.added} images"
             + (f"; {result.skipped_duplicates} already yours" if result.skipped_duplicates else "")
             + (f"; {result.skipped_unreadable} skipped" if result.skipped_unreadable else "") + "."]
    shown = 10
    lines += [f"Skipped {s.file}: {s.reason}" for s in result.skipped[:shown]]
    lines += [f"{n.file} ({n.tool}), not applied: " + "; ".join(n.items) for n in result.not_applied[:shown]]
    more = max(0, len(result.skipped) - shown) + max(0, len(result.not_applied) - shown)
    if more:
        lines.append(f"…and {more} more (the HTTP import route lists them all).")
    return "\n\n".join(lines)
