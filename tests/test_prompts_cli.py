"""``python -m prompts``: what would be sent, as text or one JSON object; errors exit non-zero."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from prompts.__main__ import main
from tests.patience import PATIENCE_S

ROOT = Path(__file__).resolve().parents[1]


def run_cli(*args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-m", "prompts", *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=PATIENCE_S)


def test_json_output_has_the_documented_fields(tmp_path):
    history = tmp_path / "h.json"
    history.write_text(json.dumps([
        {"role": "user", "content": "a lighthouse"},
        {"role": "assistant", "content": "Here it is.", "prompt": "a lighthouse, golden hour, wide shot"},
    ]), encoding="utf-8")
    p = run_cli("now at night", "--history", str(history), "--style", "watercolor", "--target", "sdxl",
                "--seed", "3", "--json")
    assert p.returncode == 0, p.stderr
    out = json.loads(p.stdout)
    for key in ("prompt", "negative_prompt", "style", "target", "tokens", "warnings", "changes"):
        assert key in out
    assert "at night" in out["prompt"] and "golden hour" not in out["prompt"]
    assert out["target"] == "sdxl" and out["style"] == "watercolor"
    assert "+ at night" in out["changes"] and "- golden hour" in out["changes"]
    assert isinstance(out["tokens"], int) and isinstance(out["warnings"], list)


@pytest.mark.parametrize("args,needle", [
    (["", "--json"], "empty"),
    (["a cat", "--style", "nope"], "Unknown style"),
    (["a cat", "--target", "sd99"], "Unknown target"),
])
def test_bad_input_exits_non_zero_with_one_line_on_stderr(args, needle):
    p = run_cli(*args)
    assert p.returncode != 0
    lines = p.stderr.strip().splitlines()
    assert len(lines) == 1 and needle in lines[0]
    assert p.stdout == ""


def test_as_is_and_text_output(capsys):
    assert main(["a cat,  exactly", "--as-is"]) == 0
    out = capsys.readouterr().out
    assert "prompt:   a cat,  exactly\n" in out and "(estimated)" in out


def test_dalle_target_and_chat_intent(capsys):
    assert main(["a fox", "--target", "dall-e-3", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["prompt"].startswith("A fox") and out["tokens"] is None
    assert main(["hi", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["intent"] == "chat" and out["reply"]


def test_bad_history_file_is_one_line_error(tmp_path, capsys):
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    assert main(["a cat", "--history", str(bad)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "not valid JSON" in err[0]
    assert main(["a cat", "--history", str(tmp_path / "missing.json")]) == 2


def test_tokenizer_folder_gives_exact_counts(tmp_path, capsys):
    from tests.tiny_sd import build_tiny_tokenizer

    tok = build_tiny_tokenizer(tmp_path / "tok")
    tok.save_pretrained(str(tmp_path / "tok"))
    assert main(["a cat in the city", "--tokenizer", str(tmp_path / "tok"), "--json", "--seed", "1"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["tokens_estimated"] is False and out["tokens"] == len(tok.tokenize(out["prompt"]))


def test_list_styles(capsys):
    assert main(["--list-styles"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("none") and len(lines) >= 26
