"""The real app, launched as its own process, driven through gradio_client and plain HTTP."""

from __future__ import annotations

import io
import re
import subprocess
import sys
import time

import httpx
import pytest
from gradio_client import Client
from PIL import Image

from storage import Store
from tests.apprunner import ROOT, AppProcess
from tests.patience import PATIENCE_S

pytestmark = pytest.mark.slow

DEFAULTS = dict(backend="auto", style="none", size="Model default", steps="", guidance="", seed="",
                negative="", enhance=True, quality="default", llm_rewrite=False, batch=1)
IMAGE_URL = re.compile(r"\(/api/images/([0-9a-f]+)\)")


def gallery(client: Client, q: str = "", backend="any", model="any", style="any", since="", until=""):
    """The gallery's search: (grid HTML, page label, status, export links)."""
    return client.predict(q, backend, model, style, since, until, api_name="/gallery_search")


def chat(client: Client, text: str, history=None, **settings):
    """One turn: send_message (unqueued), then respond (streamed). Returns every streamed history."""
    s = {**DEFAULTS, **settings}
    _, shown = client.predict({"text": text, "files": []}, history or [], api_name="/send_message")
    job = client.submit(shown, s["backend"], s["style"], s["size"], s["steps"], s["guidance"], s["seed"],
                        s["negative"], s["enhance"], s["quality"], s["llm_rewrite"], s["batch"], api_name="/respond")
    job.result(timeout=PATIENCE_S)
    return job.outputs()


def text_of(message: dict) -> str:
    """A chat message's text; Gradio 6 sends content as a list of typed parts."""
    content = message["content"]
    if isinstance(content, str):
        return content
    return "\n".join(part.get("text", "") for part in content if isinstance(part, dict))


def last_text(history) -> str:
    return text_of(history[-1])


def shown(markdown: str) -> str:
    """Roughly what a person reads: markdown escapes removed."""
    return re.sub(r"\\(.)", r"\1", markdown)


@pytest.fixture(scope="module")
def app(tmp_path_factory, tiny_model_dir):
    work = tmp_path_factory.mktemp("app")
    proc = AppProcess(work, args=["--model", str(tiny_model_dir), "--db", str(work / "chat.duckdb")])
    with proc:
        yield proc


@pytest.fixture
def client(app):
    return Client(app.url, verbose=False)


def test_chat_streams_progress_then_the_stored_image(app, client):
    outputs = chat(client, "a lighthouse on a cliff", steps="8", seed="1234")
    frames = [last_text(h) for h in outputs]
    assert any("Step" in f and "%" in f for f in frames[:-1]), frames
    final = frames[-1]
    assert "Prompt sent" in final and "seed 1234" in final and "8 steps" in final and "64×64" in final
    assert "guidance 7\\.5" in final  # empty settings: the model's defaults
    image_id = IMAGE_URL.search(final).group(1)
    r = httpx.get(f"{app.url}/api/images/{image_id}", timeout=PATIENCE_S)
    assert r.status_code == 200 and r.headers["content-type"] == "image/png"
    assert Image.open(io.BytesIO(r.content)).size == (64, 64)
    assert "immutable" in r.headers["cache-control"]


def test_greeting_gets_a_text_answer_not_an_image(client):
    outputs = chat(client, "hi")
    assert "/api/images/" not in last_text(outputs[-1])
    assert last_text(outputs[-1]).strip()


@pytest.mark.parametrize(
    "text, settings, field",
    [
        ("a cat", {"steps": "500"}, "steps"),
        ("a cat", {"steps": "2.5"}, "steps"),
        ("a cat", {"steps": "many"}, "steps"),
        ("a cat", {"seed": str(2**40)}, "seed"),
        ("a cat", {"seed": "-7"}, "seed"),
        ("a cat", {"size": "65x64"}, "width"),
        ("a cat", {"size": "huge"}, "size"),
        ("a cat", {"guidance": "99"}, "guidance"),
        ("a cat", {"guidance": "inf"}, "guidance"),
    ],
)
def test_out_of_range_settings_get_a_clear_message(client, text, settings, field):
    outputs = chat(client, text, **settings)
    message = last_text(outputs[-1]).lower()
    assert field in message or (field == "width" and "multiple" in message), message
    assert "traceback" not in message


def test_empty_prompt_gets_a_hint_and_nothing_runs(client):
    _, history = client.predict({"text": "   ", "files": []}, [], api_name="/send_message")
    assert "describe the picture" in last_text(history).lower()


def test_markup_odd_unicode_and_a_huge_prompt_are_handled(client):
    hostile = "<script>window.pwned=1</script> <img src=x onerror=alert(1)> مرحبا 🌍 猫"
    final = last_text(chat(client, hostile, steps="2")[-1])
    assert "<script" not in final and "<img src=x" not in final
    assert "&lt;script&gt;" in final and "🌍" in final and "مرحبا" in final
    assert IMAGE_URL.search(final)
    huge = "a very detailed castle " * 860  # 19,780 characters: just under the one 20,000 limit
    final = last_text(chat(client, huge, steps="2")[-1])
    assert IMAGE_URL.search(final)


def test_stop_cancels_the_running_generation(app):
    client = Client(app.url, verbose=False)
    _, shown = client.predict({"text": "a slow painting", "files": []}, [], api_name="/send_message")
    job = client.submit(shown, "auto", "none", "Model default", "150", "", "", "", True, "default", False, 1,
                        api_name="/respond")
    deadline = time.monotonic() + PATIENCE_S
    while time.monotonic() < deadline:
        outs = job.outputs()
        if outs and "Step" in last_text(outs[-1]):
            break
        time.sleep(0.1)
    history = client.predict(api_name="/stop")
    assert "cancelled" in last_text(history).lower()
    assert "/api/images/" not in last_text(history)


def test_unknown_image_id_is_404(app):
    assert httpx.get(f"{app.url}/api/images/0123456789abcdef", timeout=PATIENCE_S).status_code == 404


def test_history_survives_a_restart_and_a_second_process_is_refused(tmp_path, tiny_model_dir):
    db = tmp_path / "restart.duckdb"
    args = ["--model", str(tiny_model_dir), "--db", str(db)]
    with AppProcess(tmp_path, args=args) as first:
        final = last_text(chat(Client(first.url, verbose=False), "a red bicycle", steps="2", seed="5")[-1])
        image_id = IMAGE_URL.search(final).group(1)
        # a second app on the same file: a clear message naming the file, at once
        second = subprocess.run([sys.executable, str(ROOT / "app.py"), *args, "--port", "1"],
                                capture_output=True, text=True, timeout=PATIENCE_S, cwd=tmp_path)
        assert second.returncode == 2
        assert str(db) in second.stderr and "Traceback" not in second.stderr
    with Store(db) as store:  # the file is free again: everything is on disk
        assert store.image_record(image_id).seed == 5
    with AppProcess(tmp_path, args=args) as again:
        history, _status = Client(again.url, verbose=False).predict(api_name="/open_latest")
        texts = [text_of(m) for m in history]
        assert any("red bicycle" in t for t in texts)
        assert any(image_id in t for t in texts)
        assert httpx.get(f"{again.url}/api/images/{image_id}", timeout=PATIENCE_S).status_code == 200


def test_openai_backend_through_the_app(tmp_path, fake_openai):
    env = {"OPENAI_API_KEY": "sk-test-SECRET123", "OPENAI_BASE_URL": fake_openai.base_url}
    args = ["--backend", "openai", "--db", str(tmp_path / "o.duckdb"), "--prompt-model", "gpt-4.1-nano"]
    with AppProcess(tmp_path, args=args, env=env) as app:
        client = Client(app.url, verbose=False)
        final = shown(last_text(chat(client, "a watercolor fox", backend="openai")[-1]))
        assert "dall-e-3" in final and "1024×1024" in final and "You typed:** a watercolor fox" in final
        sent = fake_openai.requests_to("images")[-1].body
        assert sent["model"] == "dall-e-3" and sent["response_format"] == "b64_json"
        fake_openai.queue("images", "content_policy")
        refused = last_text(chat(client, "something refused", backend="openai")[-1])
        assert "safety" in refused.lower()
        fake_openai.queue("images", "auth")
        bad_key = last_text(chat(client, "a key problem", backend="openai")[-1])
        assert "OPENAI_API_KEY" in shown(bad_key)
        assert "SECRET123" not in bad_key
        # the optional rewrite asks the configured chat model, and its answer is what is drawn
        fake_openai.chat_reply = "a fox made of autumn leaves, watercolor"
        rewritten = shown(last_text(chat(client, "a fox", backend="openai", llm_rewrite=True)[-1]))
        assert fake_openai.requests_to("chat")[-1].body["model"] == "gpt-4.1-nano"
        assert "autumn leaves" in fake_openai.requests_to("images")[-1].body["prompt"] and "autumn" in rewritten
    assert "SECRET123" not in app.log()


def test_missing_model_fails_fast_with_a_fix(tmp_path):
    args = ["--backend", "local", "--model", "nobody/no-such-model", "--db", str(tmp_path / "m.duckdb")]
    with AppProcess(tmp_path, args=args) as app:
        client = Client(app.url, verbose=False)
        started = time.monotonic()
        final = shown(last_text(chat(client, "a cat")[-1]))
        assert time.monotonic() - started < 10
        assert "nobody/no-such-model" in final
        assert "folder" in final.lower()


def test_login_is_required_for_images_when_auth_is_set(tmp_path, tiny_model_dir):
    args = ["--model", str(tiny_model_dir), "--db", str(tmp_path / "a.duckdb"), "--auth", "ann:pw1,bob:pw2"]
    with AppProcess(tmp_path, args=args) as app:
        # two people: each sees only their own pictures, in the gallery and at the image route
        ann, bob = Client(app.url, auth=("ann", "pw1"), verbose=False), Client(app.url, auth=("bob", "pw2"), verbose=False)
        ann_id = IMAGE_URL.search(last_text(chat(ann, "ann's private lighthouse", steps="2")[-1])).group(1)
        assert "lighthouse" in gallery(ann)[0] and ann_id in gallery(ann)[0]
        bobs_grid = gallery(bob)[0]
        assert "No pictures yet" in bobs_grid and ann_id not in bobs_grid
        assert httpx.get(f"{app.url}/api/images/{ann_id}", auth=("bob", "pw2"), timeout=PATIENCE_S).status_code == 404
        assert httpx.get(f"{app.url}/api/images/{ann_id}", auth=("ann", "pw1"), timeout=PATIENCE_S).status_code == 200
        history, _ = bob.predict(api_name="/open_latest")
        assert history == []
        assert httpx.get(f"{app.url}/api/images/abc", timeout=PATIENCE_S).status_code == 401
        assert httpx.get(f"{app.url}/api/images/abc", auth=("ann", "wrong"), timeout=PATIENCE_S).status_code == 401
        assert httpx.get(f"{app.url}/api/images/abc", auth=("ann", "pw1"), timeout=PATIENCE_S).status_code == 404
        # the chat itself asks for a login: a wrong password is refused, the right one gets a session
        wrong = httpx.post(f"{app.url}/login", data={"username": "ann", "password": "nope"}, timeout=PATIENCE_S)
        assert wrong.status_code >= 400
        with httpx.Client(base_url=app.url, timeout=PATIENCE_S) as browser:
            assert browser.post("/login", data={"username": "ann", "password": "pw1"}).status_code == 200
            assert browser.get("/api/images/abc").status_code == 404  # logged in: past the 401


def test_a_client_that_leaves_mid_generation_still_gets_its_image_stored(app):
    client = Client(app.url, verbose=False)
    _, shown = client.predict({"text": "a patient sunrise", "files": []}, [], api_name="/send_message")
    job = client.submit(shown, "auto", "none", "Model default", "60", "", "", "", True, "default", False, 1,
                        api_name="/respond")
    deadline = time.monotonic() + PATIENCE_S
    while time.monotonic() < deadline and not any("Step" in last_text(o) for o in job.outputs()):
        time.sleep(0.05)
    job.cancel()  # the browser tab closes
    client.close()
    deadline = time.monotonic() + PATIENCE_S
    while time.monotonic() < deadline:
        history, _ = Client(app.url, verbose=False).predict(api_name="/open_latest")
        if "/api/images/" in last_text(history):
            break
        time.sleep(0.5)
    assert "sunrise" in text_of(history[-2]) and IMAGE_URL.search(last_text(history))


def test_a_batch_of_images_arrives_in_one_message(client):
    final = last_text(chat(client, "a row of houses", steps="2", seed="40", batch=3)[-1])
    assert len(IMAGE_URL.findall(final)) == 3
    assert all(f"seed {s}" in final for s in (40, 41, 42))
    # a re-roll keeps them and adds one more beside them, with a new seed
    job = client.submit([], api_name="/reroll")
    job.result(timeout=PATIENCE_S)
    rolled = last_text(job.outputs()[-1])
    assert len(IMAGE_URL.findall(rolled)) == 4 and rolled.startswith(final.split(")")[0])


def test_the_gallery_finds_images_by_prompt_and_filters(app, client):
    chat(client, "a purple giraffe in the savanna", steps="2", enhance=False)
    grid, label, status, exports = gallery(client, "purple giraffe")
    assert grid.count("data-image-id=") == 1 and "data:image/" in grid and status == ""
    assert "/api/export?format=zip&amp;q=purple+giraffe" in exports  # the export follows the search
    assert "1 picture" in label
    assert "No picture matches" in gallery(client, "purple giraffe", backend="openai")[0]
    assert "date like" in shown(gallery(client, since="last week")[2])


def test_pasted_parameters_restore_the_recipe(client):
    text = ("a misty harbor\nNegative prompt: blurry\nSteps: 12, Sampler: DPM++ 2M, Schedule type: Karras, "
            "CFG scale: 6.5, Seed: 77, Size: 64x64, Clip skip: 2")
    values = client.predict(text, api_name="/restore_recipe")
    box, backend, style, size, steps, guidance, seed, negative, enhance = values[:9]
    assert box == {"text": "a misty harbor", "files": []}  # the message box, ready to send
    prompt = box["text"]
    assert (prompt, style, size, steps, guidance, seed, negative, enhance) == \
        ("a misty harbor", "none", "64x64", "12", "6.5", "77", "blurry", False)
    assert tuple(values[11:13]) == ("DPM++ 2M Karras", "2")  # the sampler and clip skip settings
    assert "restored" in shown(values[-1]).lower()


def test_a_foreign_picture_restores_with_a_visible_list_of_what_is_not_applied(client, tmp_path):
    from gradio_client import handle_file

    from tests import foreign_files as ff

    jpeg = tmp_path / "a1111.jpg"
    jpeg.write_bytes(ff.a1111_jpeg())
    values = client.predict(handle_file(str(jpeg)), api_name="/restore_from_png")
    box, backend, style, size, steps, guidance, seed, negative = values[:8]
    prompt = box["text"]
    assert (prompt, size, steps, guidance, seed, negative) == \
        ("a lighthouse on a cliff, (storm:1.2), oil painting", "512x768", "28", "6.5", str(ff.BIG_SEED % 2**32),
         "blurry, text")
    note = shown(values[-2])  # the note beside the settings (the last output clears the file box)
    assert "from AUTOMATIC1111" in note and "Not applied" in note and "Hires upscale: 2" in note
    assert str(ff.BIG_SEED) in note and "modulo" in note  # the seed change is said, not silent
    fooocus = tmp_path / "fooocus.png"
    fooocus.write_bytes(ff.fooocus_png())
    values = client.predict(handle_file(str(fooocus)), api_name="/restore_from_png")
    assert values[0]["text"] == "a cabin in the woods" and "sharpness: 2" in shown(values[-2])
    # an import names each skipped file and what each foreign recipe says beyond the settings
    import zipfile

    path = tmp_path / "theirs.zip"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("comfy.png", ff.comfyui_png())
        zf.writestr("broken.png", b"\x89PNG\r\n\x1a\n not really")
    _, status = client.predict(handle_file(str(path)), api_name="/import_images")
    status = shown(status)
    assert "Imported 1 images" in status and "Skipped broken.png" in status
    assert "comfy.png (ComfyUI), not applied" in status and "lora_name: fox_style.safetensors" in status


def test_an_export_imported_in_the_gallery_adds_only_what_is_new(app, client, tmp_path):
    from gradio_client import handle_file

    chat(client, "a copper kettle on a stove", steps="2", enhance=False)
    export = httpx.get(f"{app.url}/api/export", params={"format": "zip", "q": "copper kettle"}, timeout=PATIENCE_S)
    assert export.status_code == 200 and export.headers["x-image-count"] == "1"
    path = tmp_path / "kettle.zip"
    path.write_bytes(export.content)
    _, status = client.predict(handle_file(str(path)), api_name="/import_images")
    assert "Imported 0 images; 1 already yours" in shown(status)  # already in this gallery: stored once
    bad = tmp_path / "notes.zip"
    bad.write_bytes(b"not really a zip")
    _, status = client.predict(handle_file(str(bad)), api_name="/import_images")
    assert "neither a zip nor a Parquet" in shown(status)
