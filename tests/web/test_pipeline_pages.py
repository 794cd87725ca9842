"""End to end: the real pipeline (ingest, cluster, analyse) fills the store the pages read."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from markupsafe import escape

from storyscope.report.json import validate


@pytest.mark.slow
def test_every_story_renders_after_the_real_pipeline(pipeline: Any) -> None:
    stories = httpx.get(pipeline.url + "/api/stories", params={"per_page": 100}).json()["items"]
    assert stories
    home = httpx.get(pipeline.url + "/").text
    for item in stories:
        assert not item["landscape_estimated"]  # every story was analysed and cached
        assert str(escape(item["title"])) in home
        doc = httpx.get(f"{pipeline.url}/api/stories/{item['id']}", timeout=300)
        assert doc.status_code == 200, doc.text
        validate(doc.json())
        html = httpx.get(f"{pipeline.url}/stories/{item['id']}").text
        assert "Media landscape" in html and "Where sources disagree" in html
        assert "has not been computed" not in html
        assert "Not available yet" not in html
