"""The app as a whole: ``storyscope serve`` in a real process, timing headers, a broken registry."""

from __future__ import annotations

import dataclasses
import os
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import httpx
import pytest


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@pytest.mark.slow
def test_cli_serve_answers_on_the_given_port(seeded_settings: Any) -> None:
    port = free_port()
    env = {**os.environ, "STORYSCOPE_OUTLETS_PATH": seeded_settings.outlets_path}
    cmd = [sys.executable, "-m", "storyscope.cli", "serve", "--db", seeded_settings.db,
           "--port", str(port)]  # fmt: skip
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                response = httpx.get(f"http://127.0.0.1:{port}/", timeout=5)
                break
            except httpx.TransportError:
                assert proc.poll() is None, proc.stdout.read() if proc.stdout else ""
                assert time.monotonic() < deadline, "storyscope serve did not start"
                time.sleep(0.2)
        assert response.status_code == 200 and "Varnia claims Skyguard" in response.text
    finally:
        proc.terminate()
        proc.wait(timeout=30)
        if proc.stdout:
            proc.stdout.close()


@pytest.mark.parametrize(
    ("path", "status"),
    [("/static/style.css", 200), ("/static/story.js", 200), ("/nowhere", 404), ("/docs", 200)],
)
def test_every_response_has_server_timing(live: Any, path: str, status: int) -> None:
    response = httpx.get(live.url + path)
    assert response.status_code == status
    name, _, duration = response.headers["server-timing"].partition(";dur=")
    assert name == "app" and float(duration) >= 0


def test_pages_render_when_the_outlet_registry_is_broken(
    seeded_settings: Any, serve: Any, tmp_path: Path
) -> None:
    broken = tmp_path / "broken.outlets.json"
    broken.write_text("{not json", encoding="utf-8")
    settings = dataclasses.replace(seeded_settings, outlets_path=str(broken))
    with serve(settings, background_analysis=False) as url:
        home = httpx.get(url + "/")
        assert home.status_code == 200 and "Varnia claims Skyguard" in home.text
        outlet = httpx.get(url + "/outlets/Meridian Post")
        assert outlet.status_code == 200
        assert "outlet registry unavailable" in outlet.text and "broken.outlets.json" in outlet.text
        story = httpx.get(url + "/stories/calder")
        assert story.status_code == 200 and "Unrated 3" in story.text
