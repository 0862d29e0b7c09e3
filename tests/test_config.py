"""Flags and their environment variables."""

import subprocess
import sys

import pytest

from config import DEFAULT_MODEL, parse_config
from tests.apprunner import ROOT
from tests.patience import PATIENCE_S


def test_defaults_without_flags_or_env():
    c = parse_config([], env={})
    assert (c.host, c.port, c.model, c.backend) == ("127.0.0.1", 7860, DEFAULT_MODEL, "auto")
    assert c.db.endswith("imagechat.duckdb")
    assert c.auth == () and not c.share and c.openai_api_key is None


def test_environment_variables_are_read():
    env = {
        "GRADIO_SERVER_NAME": "0.0.0.0", "GRADIO_SERVER_PORT": "9000", "IMAGECHAT_DB": "x.duckdb",
        "IMAGECHAT_MODEL": "some/model", "IMAGECHAT_BACKEND": "openai", "OPENAI_API_KEY": "sk-env",
        "OPENAI_BASE_URL": "http://127.0.0.1:1/v1", "IMAGECHAT_AUTH": "ann:pw1,bob:pw2",
        "IMAGECHAT_PROMPT_MODEL": "gpt-4.1-nano",
    }
    c = parse_config([], env=env)
    assert (c.host, c.port, c.db, c.model, c.backend) == ("0.0.0.0", 9000, "x.duckdb", "some/model", "openai")
    assert c.openai_api_key == "sk-env" and c.openai_base_url == "http://127.0.0.1:1/v1"
    assert c.auth == (("ann", "pw1"), ("bob", "pw2"))
    assert c.prompt_model == "gpt-4.1-nano"


def test_flags_beat_environment():
    c = parse_config(["--port", "7000", "--model", "/models/x", "--backend", "local", "--auth", "a:b"],
                     env={"GRADIO_SERVER_PORT": "9000", "IMAGECHAT_MODEL": "env/model"})
    assert (c.port, c.model, c.backend, c.auth) == (7000, "/models/x", "local", (("a", "b"),))


@pytest.mark.parametrize("argv", [["--auth", "nopassword"], ["--backend", "gpu"], ["--port", "0"], ["--port", "x"],
                                  ["--max-queue", "0"], ["--rate-limit", "-1"], ["--broker", "amqp://x"],
                                  ["--import-max-pixels", "0"], ["--import-max-recipes-mb", "-1"]])
def test_bad_flags_exit_with_a_message(argv, capsys):
    with pytest.raises(SystemExit) as exc:
        parse_config(argv, env={})
    assert exc.value.code == 2
    assert capsys.readouterr().err.strip()


def test_secrets_stay_out_of_the_repr():
    c = parse_config(["--auth", "ann:hunter2"], env={"OPENAI_API_KEY": "sk-very-secret"})
    assert "sk-very-secret" not in repr(c) and "hunter2" not in str(c)


def test_help_documents_every_flag():
    out = subprocess.run([sys.executable, str(ROOT / "app.py"), "--help"], capture_output=True, text=True,
                         timeout=PATIENCE_S, cwd=ROOT)
    assert out.returncode == 0
    for flag in ["--host", "--port", "--db", "--model", "--backend", "--share", "--auth", "--preload",
                 "GRADIO_SERVER_NAME", "GRADIO_SERVER_PORT", "IMAGECHAT_DB", "IMAGECHAT_MODEL",
                 "IMAGECHAT_BACKEND", "OPENAI_API_KEY", "OPENAI_BASE_URL"]:
        assert flag in out.stdout, flag


def test_broker_password_stays_out_of_the_repr():
    c = parse_config(["--broker", "redis://:pa55word@10.0.0.5:6379/0"], env={})
    assert c.broker.endswith("/0") and "pa55word" not in repr(c) and "***" in repr(c)


def test_import_limits_are_flags_and_environment_variables():
    c = parse_config(["--import-max-pixels", "1000000"], env={"IMAGECHAT_IMPORT_MAX_RECIPES_MB": "8"})
    assert (c.import_max_pixels, c.import_max_recipes_mb) == (1_000_000, 8)
    assert parse_config([], env={}).import_max_pixels == 8192 * 8192
def test_bounded_storage_flags_and_their_environment():
    c = parse_config([], env={})
    assert (c.retention_days, c.max_images_per_visitor, c.max_db_gb, c.prune_interval_min) == (None, None, None, 60.0)
    env = {"IMAGECHAT_RETENTION_DAYS": "7", "IMAGECHAT_MAX_IMAGES_PER_VISITOR": "50", "IMAGECHAT_MAX_DB_GB": "2.5",
           "IMAGECHAT_PRUNE_INTERVAL": "15"}
    c = parse_config([], env=env)
    assert (c.retention_days, c.max_images_per_visitor, c.max_db_gb, c.prune_interval_min) == (7, 50, 2.5, 15.0)
    c = parse_config(["--retention-days", "3", "--max-images-per-visitor", "10", "--max-db-gb", "1"], env=env)
    assert (c.retention_days, c.max_images_per_visitor, c.max_db_gb) == (3, 10, 1.0)
    assert "retention_days=3" in repr(c)


@pytest.mark.parametrize("argv, env", [(["--retention-days", "0"], {}), (["--max-images-per-visitor", "0"], {}),
                                       (["--max-db-gb", "0"], {}), (["--max-db-gb", "nan"], {}),
                                       (["--prune-interval", "-1"], {}), ([], {"IMAGECHAT_RETENTION_DAYS": "a week"})])
def test_bad_bounded_storage_values_exit_with_a_message_naming_the_flag(argv, env, capsys):
    with pytest.raises(SystemExit) as exc:
        parse_config(argv, env=env)
    assert exc.value.code == 2
    err = capsys.readouterr().err
    assert any(flag in err for flag in ("--retention-days", "--max-images-per-visitor", "--max-db-gb",
                                        "--prune-interval")), err
@pytest.mark.parametrize("argv, env, expected", [
    ([], {}, "shared"),  # 127.0.0.1 alone: one person
    (["--host", "0.0.0.0"], {}, "per-browser"),
    (["--host", "192.168.1.20"], {}, "per-browser"),
    (["--share"], {}, "per-browser"),
    ([], {"SPACE_ID": "ann/imagechat"}, "per-browser"),
    (["--history", "shared", "--share"], {}, "shared"),  # the flag overrides either way
    (["--history", "per-browser"], {}, "per-browser"),
    ([], {"IMAGECHAT_HISTORY": "per-browser"}, "per-browser"),
])
def test_history_is_per_browser_whenever_others_can_reach_the_app(argv, env, expected):
    assert parse_config(argv, env=env).history == expected


def test_sign_in_with_hugging_face_follows_a_spaces_oauth_and_the_body_cap_is_read():
    assert parse_config([], env={}).hf_oauth is False
    assert parse_config([], env={"SPACE_ID": "ann/x", "OAUTH_CLIENT_ID": "id"}).hf_oauth is True
    assert parse_config(["--hf-oauth"], env={}).hf_oauth is True
    assert parse_config(["--max-body-mb", "5"], env={}).max_body_mb == 5
    assert parse_config(["--lockout-after", "0"], env={}).lockout_after == 0
    with pytest.raises(SystemExit):
        parse_config(["--max-body-mb", "0"], env={})


def test_threads_flag_and_environment(capsys):
    assert parse_config([], env={}).threads is None  # unset: chosen from the cores at start
    assert parse_config([], env={"IMAGECHAT_THREADS": "3"}).threads == 3
    assert parse_config(["--threads", "2"], env={"IMAGECHAT_THREADS": "3"}).threads == 2
    with pytest.raises(SystemExit):
        parse_config(["--threads", "0"], env={})
    assert "--threads" in capsys.readouterr().err
