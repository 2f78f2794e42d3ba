"""Which translation models the demo stack gets (scripts/run.sh --models auto|real|test)."""

from __future__ import annotations

import http.server
import shutil
import threading
import time
from pathlib import Path

import pytest

from pipeline.demomodels import choose_models, index_answers, install_demo_models, missing_real_pairs


class _Slow(http.server.BaseHTTPRequestHandler):
    def do_HEAD(self) -> None:  # noqa: N802 - http.server's name
        time.sleep(3)
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args) -> None:
        pass


@pytest.fixture
def slow_index():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Slow)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/index.json"
    server.shutdown()
    server.server_close()


def test_auto_without_an_answering_index_falls_back_to_test_models_fast(tmp_path, slow_index):
    t0 = time.monotonic()
    choice = choose_models("auto", tmp_path / "test", tmp_path / "real", index_timeout=0.5, index_url=slow_index)
    assert time.monotonic() - t0 < 2.5  # the slow index is not waited for
    assert choice.kind == "test" and choice.models_dir == tmp_path / "test"
    assert "did not answer" in choice.why
    assert choice.banner and "placeholder" in choice.banner
    assert sorted(p.name for p in (tmp_path / "test").iterdir()) == ["translate-ru_en-test", "translate-zh_en-test"]


def test_real_without_models_or_index_is_an_error_naming_the_way_out(tmp_path, slow_index):
    with pytest.raises(RuntimeError, match="--models test"):
        choose_models("real", tmp_path / "test", tmp_path / "real", index_timeout=0.5, index_url=slow_index)


def test_installed_real_packages_are_used_without_asking_the_index(tmp_path):
    test_dir = install_demo_models(tmp_path / "test")
    real = tmp_path / "real"
    assert missing_real_pairs(real) == [("ru", "en"), ("zh", "en")]
    for pkg in test_dir.iterdir():  # the same files under a real package's name
        shutil.copytree(pkg, real / pkg.name.replace("-test", "-1_9"))
    assert missing_real_pairs(real) == []
    choice = choose_models("auto", tmp_path / "t2", real, index_url="http://127.0.0.1:9/never-asked")
    assert choice.kind == "real" and choice.models_dir == real and choice.banner is None
    assert not (tmp_path / "t2").exists()


def test_test_mode_never_touches_the_network(tmp_path):
    choice = choose_models("test", tmp_path / "t", tmp_path / "real", index_url="http://127.0.0.1:9/never-asked")
    assert choice.kind == "test" and Path(choice.models_dir).is_dir()


def test_index_answers_true_for_a_quick_server(slow_index):
    assert not index_answers(0.3, slow_index)
    assert index_answers(5.0, slow_index)
