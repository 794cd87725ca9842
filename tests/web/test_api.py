"""The JSON API over real HTTP on loopback: paging, the report contract, OpenAPI, POST auth."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from openapi_spec_validator import validate

from storyscope.report.json import validate as validate_report


def get(live: Any, path: str, **params: Any) -> httpx.Response:
    response = httpx.get(live.url + path, params=params, timeout=30)
    assert "app;dur=" in response.headers["server-timing"]
    return response


def test_openapi_document_is_valid_and_documents_every_route(live: Any) -> None:
    spec = get(live, "/openapi.json").json()
    validate(spec)
    paths = spec["paths"]
    for path in (
        "/api/stories",
        "/api/stories/{story_id}",
        "/api/articles",
        "/api/articles/{article_id}",
        "/api/outlets",
        "/api/outlets/{name}",
        "/api/search",
    ):
        assert path in paths, path
        for operation in paths[path].values():
            assert operation.get("summary"), path
    assert "post" in paths["/api/articles"]
    assert "/" not in paths  # pages are not part of the API document
    assert get(live, "/docs").status_code == 200


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({}, ["skyguard", "calder"]),
        ({"sort": "covered"}, ["skyguard", "calder"]),
        ({"lean": "right"}, ["calder"]),
        ({"country": "XV"}, ["skyguard"]),
        ({"outlet": "Eastbay Courier"}, ["calder"]),
        ({"since": "2026-03-03"}, ["skyguard"]),
        ({"until": "2026-03-02"}, ["calder"]),
    ],
)
def test_story_feed_filters(live: Any, params: dict[str, str], expected: list[str]) -> None:
    body = get(live, "/api/stories", **params).json()
    assert [s["id"] for s in body["items"]] == expected
    assert body["total"] == len(expected)


@pytest.mark.parametrize(
    "params", [{"lean": "sideways"}, {"since": "March"}, {"until": "2026-13-01"}]
)
def test_story_feed_rejects_bad_filters_in_one_line(live: Any, params: dict[str, str]) -> None:
    response = get(live, "/api/stories", **params)
    assert response.status_code == 400
    assert "\n" not in response.json()["detail"]


def test_story_feed_pages_and_landscape(live: Any) -> None:
    first = get(live, "/api/stories", per_page=1).json()
    second = get(live, "/api/stories", per_page=1, page=2).json()
    assert first["total"] == second["total"] == 2
    assert [first["items"][0]["id"], second["items"][0]["id"]] == ["skyguard", "calder"]
    sky, calder = first["items"][0], second["items"][0]
    # skyguard has a cached analysis, calder is estimated from its outlets
    assert not sky["landscape_estimated"] and sky["blindspot"]["side"] == "right"
    assert calder["landscape_estimated"]
    assert calder["landscape"]["by_lean"] == {
        "left": 1,
        "lean-left": 0,
        "center": 0,
        "lean-right": 0,
        "right": 1,
        "unrated": 1,
    }
    assert get(live, "/api/stories", per_page=101).status_code == 422


def test_story_report_follows_the_contract(live: Any) -> None:
    doc = get(live, "/api/stories/skyguard").json()
    validate_report(doc)
    assert [s["id"] for s in doc["stories"]] == ["skyguard"]
    story = doc["stories"][0]
    assert story["conflicts"][0]["about"] == "Skyguard launchers deployed"
    assert {a["id"] for a in doc["articles"]} == set(story["article_ids"])
    wire = next(a for a in doc["articles"] if a["id"] == "skyguard-wire")
    assert wire["outlet_info"]["lean"] == "center"


@pytest.mark.parametrize(
    "path",
    [
        "/api/stories/nope",
        "/api/articles/nope",
        "/api/outlets/Nobody Weekly",
        "/api/stories/nope/status",
    ],
)
def test_missing_things_are_404_with_one_line(live: Any, path: str) -> None:
    response = get(live, path)
    assert response.status_code == 404
    assert "\n" not in response.json()["detail"]


def test_articles_paged_and_by_outlet(live: Any) -> None:
    everything = get(live, "/api/articles", per_page=4).json()
    assert everything["total"] == 9 and len(everything["items"]) == 4
    meridian = get(live, "/api/articles", outlet="Meridian Post").json()
    assert {a["id"] for a in meridian["items"]} == {"skyguard-meridian", "skyguard-meridian-wire"}
    one = get(live, "/api/articles/calder-beacon").json()
    assert one["story_id"] == "calder" and one["outlet_info"]["lean"] == "right"
    assert "Ray Castellan" in one["body"]


def test_outlets_carry_rating_provenance(live: Any) -> None:
    listed = {o["name"]: o for o in get(live, "/api/outlets").json()}
    assert listed["Meridian Post"]["articles"] == 2
    assert listed["Eastbay Courier"]["known"] is False
    wire = get(live, "/api/outlets/Continental Wire").json()
    assert wire["lean_ratings"][0] == {
        "rater": "AllSides",
        "value": "center",
        "date": "2024-01-15",
        "source": "tests/fixtures/web/outlets.json",
    }
    assert [s["id"] for s in wire["stories"]] == ["skyguard"]


def test_search_finds_articles_with_their_story(live: Any) -> None:
    hits = get(live, "/api/search", q="automation").json()["items"]
    assert hits and {h["story_id"] for h in hits} == {"calder"}
    assert get(live, "/api/search", q="").status_code == 422


def test_story_status_reports_cached_and_missing(live: Any) -> None:
    assert get(live, "/api/stories/skyguard/status").json()["state"] == "ready"
    assert get(live, "/api/stories/calder/status").json()["state"] == "missing"


RECORD = {
    "id": "posted-1",
    "outlet": "Continental Wire",
    "url": "https://continentalwire.example/p1",
    "title": "Calder port talks resume",
    "published": "2026-03-05T09:00:00+00:00",
    "text": "Talks between the dockworkers' union and the port of Calder resumed on Thursday "
    "after a three-day strike over the automation of two container terminals.",
}


@pytest.mark.parametrize(
    ("headers", "status"),
    [
        ({}, 401),
        ({"Authorization": "Bearer wrong"}, 401),
        ({"Authorization": "Basic s3cret"}, 401),
        ({"Authorization": "Bearer s3cret"}, 201),
    ],
)
def test_post_needs_the_right_token(
    token_server: str, headers: dict[str, str], status: int
) -> None:
    response = httpx.post(token_server + "/api/articles", json=RECORD, headers=headers, timeout=120)
    assert response.status_code == status, response.text
    if status == 401:
        assert response.headers["www-authenticate"] == "Bearer"
    else:
        body = response.json()
        assert "posted-1" in body["stored"] + body["skipped"]
        stored = httpx.get(token_server + "/api/articles/posted-1").json()
        assert stored["title"] == RECORD["title"] and stored["story_id"] in body["stories"]
        feed = httpx.get(token_server + "/api/stories", params={"per_page": 100}).json()
        assert stored["story_id"] in {s["id"] for s in feed["items"]}


def test_post_wrong_token_is_401_even_with_a_bad_body(token_server: str) -> None:
    response = httpx.post(
        token_server + "/api/articles",
        json={"nonsense": 1},
        headers={"Authorization": "Bearer nope"},
    )
    assert response.status_code == 401


def test_post_list_and_bad_record(token_server: str) -> None:
    good = {
        **RECORD,
        "id": "posted-2",
        "url": "https://continentalwire.example/p2",
        "text": RECORD["text"] + " A mediator from the regional labour board joined them.",
    }
    response = httpx.post(
        token_server + "/api/articles",
        json=[good, {"id": "empty", "title": "x"}],
        headers={"Authorization": "Bearer s3cret"},
        timeout=120,
    )
    assert response.status_code == 201, response.text
    body = response.json()
    assert body["stored"] == ["posted-2"]
    assert len(body["errors"]) == 1 and "no text" in body["errors"][0]["reason"]
    assert body["errors"][0]["source"] == "POST /api/articles[1]"


def test_post_is_forbidden_without_a_configured_token(live: Any) -> None:
    response = httpx.post(
        live.url + "/api/articles", json=RECORD, headers={"Authorization": "Bearer anything"}
    )
    assert response.status_code == 403
    assert "api_token" in response.json()["detail"]
