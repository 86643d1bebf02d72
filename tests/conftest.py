"""Fixtures: a private cache per test session, the installed `kg` command, and the shipped graph."""
import http.server
import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest

HERE = Path(__file__).parent


@pytest.fixture(scope="session", autouse=True)
def private_cache(tmp_path_factory):
    cache = tmp_path_factory.mktemp("kg-cache")
    os.environ["KG_CACHE_DIR"] = str(cache)
    os.environ.pop("KG_DATA", None)
    yield cache


@pytest.fixture(scope="session")
def graph(private_cache):
    import kg

    return kg.open_graph()


def kg_bin():
    exe = shutil.which("kg", path=os.path.dirname(sys.executable)) or shutil.which("kg")
    assert exe, "the kg command is not installed"
    return exe


@pytest.fixture
def run(tmp_path):
    """Run the installed `kg` command from an unrelated directory; returns CompletedProcess."""
    def _run(*args, input=None, env=None):
        e = dict(os.environ, **(env or {}))
        return subprocess.run([kg_bin(), *args], capture_output=True, text=True, cwd=tmp_path, input=input, env=e, timeout=120)
    return _run


CHROMIUM = "/usr/bin/chromium"  # Debian's, installed by .ci/run
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--no-first-run"]


@pytest.fixture(scope="module")
def browser():
    """Debian's chromium, driven by Playwright."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield b
        b.close()


def watch(page, allowed):
    """Problems a page shows as it is used: console errors, page errors, dialogs (an alert() that ran)
    and requests to any URL that does not start with ``allowed``. Returns the list, filled as they come."""
    problems = []
    page.on("console", lambda m: m.type == "error" and problems.append(f"console: {m.text}"))
    page.on("pageerror", lambda e: problems.append(f"pageerror: {e}"))
    page.on("dialog", lambda d: (problems.append(f"dialog: {d.message}"), d.dismiss()))
    page.on("request", lambda r: r.url.startswith(allowed) or problems.append(f"request: {r.url}"))
    return problems


@pytest.fixture
def listener():
    """A local HTTP listener that records every request it gets (none should come)."""
    hits = []

    class H(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            hits.append(self.path)
            self.send_response(200)
            self.end_headers()

        do_POST = do_GET

        def log_message(self, *a):
            pass

    srv = http.server.HTTPServer(("127.0.0.1", 0), H)
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{srv.server_address[1]}/", hits
    srv.shutdown()
