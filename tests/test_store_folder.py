"""A database in a folder that cannot be written: one line naming the folder, never a traceback,
and found when the file is opened, not at the first message. Tested on a real read-only folder."""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import sys

import pytest

from storage import DatabaseNotWritable, Store
from tests.apprunner import ROOT
from tests.patience import PATIENCE_S


@contextlib.contextmanager
def read_only(folder):
    """Make ``folder`` read-only for this process. chmod does not stop root, so as root the folder
    is made immutable instead (chattr +i, which needs CAP_LINUX_IMMUTABLE); without either the
    test is skipped, since nothing here could make a folder read-only."""
    folder.chmod(0o555)
    immutable = False
    try:
        if os.geteuid() == 0:
            chattr = shutil.which("chattr")
            if chattr is None or subprocess.run([chattr, "+i", str(folder)], capture_output=True).returncode:
                pytest.skip("running as root, where chmod cannot make a folder read-only, and chattr +i "
                            "is not available")
            immutable = True
        probe = folder / "probe"
        try:
            probe.touch()
        except OSError:
            pass
        else:
            probe.unlink()
            pytest.skip("this file system lets the folder be written whatever its mode")
        yield folder
    finally:
        if immutable:
            subprocess.run([shutil.which("chattr"), "-i", str(folder)], check=True)
        folder.chmod(0o755)


def test_a_new_file_in_a_read_only_folder_is_refused_naming_the_folder(tmp_path):
    folder = tmp_path / "ro"
    folder.mkdir()
    with read_only(folder):
        for db in (folder / "new.duckdb", folder / "sub" / "new.duckdb"):
            with pytest.raises(DatabaseNotWritable) as refused:
                Store(db)
            assert f'folder "{db.parent}"' in refused.value.user_message
            assert "--db" in refused.value.user_message and "\n" not in refused.value.user_message


def test_an_existing_file_in_a_read_only_folder_is_refused_when_opened(tmp_path):
    folder = tmp_path / "ro"
    folder.mkdir()
    db = folder / "old.duckdb"
    Store(db).close()
    with read_only(folder):
        # DuckDB itself would open it and fail at the first change (it cannot create its .wal)
        with pytest.raises(DatabaseNotWritable, match=f'folder "{folder}"'):
            Store(db)


def test_the_app_says_so_in_one_line_and_exits(tmp_path):
    folder = tmp_path / "ro"
    folder.mkdir()
    with read_only(folder):
        done = subprocess.run([sys.executable, str(ROOT / "app.py"), "--db", str(folder / "chat.duckdb"),
                               "--port", "1"], cwd=tmp_path, capture_output=True, text=True, timeout=PATIENCE_S,
                              env={**os.environ, "HF_HUB_OFFLINE": "1"})
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    lines = [line for line in done.stderr.splitlines() if line.startswith("imagechat:")]
    assert len(lines) == 1 and f'cannot write to the folder "{folder}"' in lines[0]
