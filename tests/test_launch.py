"""Start-up behaviour of the real app process: a share link that cannot open, --preload."""

import httpx
import pytest

from tests.apprunner import AppProcess
from tests.patience import PATIENCE_S

pytestmark = pytest.mark.slow


def test_share_without_network_is_one_line_and_the_app_keeps_serving(tmp_path, tiny_model_dir):
    args = ["--model", str(tiny_model_dir), "--db", str(tmp_path / "s.duckdb"), "--share"]
    with AppProcess(tmp_path, args=args) as app:
        assert httpx.get(app.url, timeout=PATIENCE_S).status_code == 200
        page = httpx.get(f"{app.url}/config", timeout=PATIENCE_S).text
        assert "public link without a login" in page  # shown on the page too
        # ...and who sees what: a public link makes each browser its own private visitor
        assert "each browser is its own private visitor" in page
        log = app.log()
    warning = [line for line in log.splitlines() if "--share without --auth" in line]
    assert len(warning) == 1 and "anyone with the public link" in warning[0]
    share_errors = [line for line in log.splitlines() if "share" in line.lower() and "ERROR" in line]
    assert len(share_errors) == 1 and "still serving at http://127.0.0.1" in share_errors[0]
    assert "set `share=True`" not in log  # no hints about Gradio's own launch()


def test_share_with_auth_gives_no_warning(tmp_path, tiny_model_dir):
    args = ["--model", str(tiny_model_dir), "--db", str(tmp_path / "s.duckdb"), "--share", "--auth", "a:b"]
    with AppProcess(tmp_path, args=args) as app:
        log = app.log()
        config = httpx.get(f"{app.url}/config", auth=("a", "b"), timeout=PATIENCE_S).text
        assert "public link without a login" not in config
    assert "--share without --auth" not in log


def test_preload_loads_the_model_before_serving(tmp_path, tiny_model_dir):
    args = ["--model", str(tiny_model_dir), "--db", str(tmp_path / "p.duckdb"), "--preload"]
    with AppProcess(tmp_path, args=args) as app:
        log = app.log()
    assert log.index("loaded") < log.index("imagechat is running at")


def test_preload_of_a_missing_model_is_logged_and_the_app_still_serves(tmp_path):
    args = ["--model", "nobody/absent", "--db", str(tmp_path / "p.duckdb"), "--preload", "--backend", "local"]
    with AppProcess(tmp_path, args=args) as app:
        assert httpx.get(app.url, timeout=PATIENCE_S).status_code == 200
        log = app.log()
    assert "could not preload nobody/absent" in log and "Traceback" not in log
