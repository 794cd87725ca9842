"""The ``storyscope`` command: a thin layer, each command calls one library function."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

import click

from storyscope.config import Settings, load_settings

F = TypeVar("F", bound=Callable[..., Any])


class UserError(click.ClickException):
    """An error a user can act on: printed as one line, never a traceback."""

    def show(self, file: Any = None) -> None:
        click.echo(f"storyscope: {self.format_message()}", err=True)


def friendly(fn: F) -> F:
    """Turn expected failures (bad store path, missing extra, bad config) into one line."""

    @wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        from storyscope.registry import BackendError
        from storyscope.store.sqlite import StoreError

        try:
            return fn(*args, **kwargs)
        except (BackendError, StoreError, FileNotFoundError, ValueError, KeyError) as exc:
            message = exc.args[0] if exc.args else str(exc)
            raise UserError(str(message)) from exc

    return wrapper  # type: ignore[return-value]


def settings_of(ctx: click.Context, **overrides: Any) -> Settings:
    base: Settings = ctx.obj
    return base.with_overrides(**overrides)


def echo_json(data: Any) -> None:
    click.echo(json.dumps(data, indent=2, ensure_ascii=False))


db_option = click.option(
    "--db", "db", default=None, help="Store path (default $STORYSCOPE_DB or ./storyscope.db)."
)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--config", "config", default=None, help="TOML config file.")
@click.option("--quiet", is_flag=True, help="No progress bars.")
@click.version_option(package_name="storyscope")
@click.pass_context
def main(ctx: click.Context, config: str | None, quiet: bool) -> None:
    """storyscope: every side of a news story."""
    try:
        settings = load_settings(config)
    except (OSError, ValueError) as exc:
        raise UserError(str(exc)) from exc
    ctx.obj = settings.with_overrides(progress="never" if quiet else None)


@main.command()
@click.argument("inputs", nargs=-1, required=True)
@click.option("--stories", "group", is_flag=True,
              help="Also group the new articles into stories, encoding them while the rest "
                   "is read (faster than 'ingest' then 'stories').")
@db_option
@click.pass_context
@friendly
def ingest(ctx: click.Context, inputs: tuple[str, ...], group: bool, db: str | None) -> None:
    """Store articles from files, folders, URLs, feeds or '-' (stdin)."""
    from storyscope.api import ingest as do_ingest
    from storyscope.api import ingest_and_cluster
    from storyscope.store import open_store

    settings = settings_of(ctx, db=db)
    store = open_store(settings)
    grouped = None
    try:
        if group:
            result, grouped = ingest_and_cluster(store, inputs, settings)
        else:
            result = do_ingest(store, inputs, settings)
    finally:
        store.close()
    for err in result.errors:
        click.echo(err.line(), err=True)
    click.echo(f"stored {len(result.stored)}, already stored {len(result.skipped)}, "
               f"failed {len(result.errors)}", err=True)
    if grouped is not None:
        click.echo(f"stories {len(grouped)}", err=True)
    if result.errors:
        ctx.exit(1)


@main.command()
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@db_option
@click.pass_context
@friendly
def articles(ctx: click.Context, as_json: bool, db: str | None) -> None:
    """List stored articles."""
    from storyscope.report.text import article_rows
    from storyscope.store import open_store

    store = open_store(settings_of(ctx, db=db))
    try:
        rows = list(store.iter_articles())
    finally:
        store.close()
    if as_json:
        from storyscope.report.json import article_json

        echo_json([article_json(a, None, None) for a in rows])
    else:
        click.echo(article_rows(rows))


@main.command()
@click.argument("inputs", nargs=-1, required=True)
@click.option("--json", "as_json", is_flag=True, help="Print the storyscope.report/1 JSON.")
@db_option
@click.pass_context
@friendly
def analyze(ctx: click.Context, inputs: tuple[str, ...], as_json: bool, db: str | None) -> None:
    """Ingest INPUTS, group them into stories, compare coverage and print the report."""
    from storyscope.api import analyze as do_analyze
    from storyscope.report.text import render_report

    doc, result = do_analyze(inputs, settings_of(ctx, db=db))
    for err in result.errors:
        click.echo(err.line(), err=True)
    if as_json:
        echo_json(doc)
    else:
        click.echo(render_report(doc))
    if result.errors:
        ctx.exit(1)


@main.command()
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@db_option
@click.pass_context
@friendly
def stories(ctx: click.Context, as_json: bool, db: str | None) -> None:
    """Group stored articles into stories (new articles join or start one) and list them."""
    from storyscope.api import cluster
    from storyscope.report.json import to_jsonable
    from storyscope.report.text import story_rows
    from storyscope.store import open_store

    settings = settings_of(ctx, db=db)
    store = open_store(settings)
    try:
        found = cluster(store, settings)
    finally:
        store.close()
    if as_json:
        echo_json([to_jsonable(s) for s in found])
    else:
        click.echo(story_rows(found))


@main.command()
@click.argument("story_ids", nargs=-1)
@click.option("--json", "as_json", is_flag=True, help="Print the storyscope.report/1 JSON.")
@db_option
@click.pass_context
@friendly
def report(ctx: click.Context, story_ids: tuple[str, ...], as_json: bool, db: str | None) -> None:
    """Print the report for stored stories (all, or the STORY_IDS given)."""
    from storyscope.api import cluster
    from storyscope.api import report as build
    from storyscope.report.text import render_report
    from storyscope.store import open_store

    settings = settings_of(ctx, db=db)
    store = open_store(settings)
    try:
        cluster(store, settings)
        doc = build(store, settings, story_ids=story_ids or None)
    finally:
        store.close()
    if story_ids and not doc["stories"]:
        raise UserError(f"no story with id {', '.join(story_ids)}")
    echo_json(doc) if as_json else click.echo(render_report(doc))


@main.command()
@click.argument("story_id")
@click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON.")
@db_option
@click.pass_context
@friendly
def summarize(ctx: click.Context, story_id: str, as_json: bool, db: str | None) -> None:
    """Print the cited neutral summary of one story."""
    from storyscope.api import cluster
    from storyscope.api import report as build
    from storyscope.report.text import render_summary
    from storyscope.store import open_store

    settings = settings_of(ctx, db=db)
    store = open_store(settings)
    try:
        cluster(store, settings)
        doc = build(store, settings, story_ids=[story_id])
    finally:
        store.close()
    if not doc["stories"]:
        raise UserError(f"{story_id}: no such story (see `storyscope stories`)")
    story = doc["stories"][0]
    if as_json:
        echo_json({"summary": story.get("summary", []), "perspectives": story.get("perspectives", [])})
    else:
        click.echo(render_summary(story, doc["articles"]))


@main.command()
@click.argument("feeds_file", required=False)
@click.option("--every", default="15m", show_default=True, help="Polling interval (30s, 15m, 1h).")
@click.option("--outlets", "outlet_set", default=None, help="Follow the registry's feed set (default).")
@click.option("--rounds", type=int, default=None, help="Stop after this many rounds (default: never).")
@db_option
@click.pass_context
@friendly
def watch(ctx: click.Context, feeds_file: str | None, every: str, outlet_set: str | None,
          rounds: int | None, db: str | None) -> None:
    """Poll feeds with conditional GET, ingesting only new entries, until stopped."""
    from storyscope.ingest.watch import watch as do_watch

    if not feeds_file and not outlet_set:
        raise UserError("give a FEEDS_FILE or --outlets default")
    do_watch(settings_of(ctx, db=db), feeds_file=feeds_file, outlet_set=outlet_set,
             every=every, rounds=rounds, echo=lambda line: click.echo(line, err=True))


@main.group()
def outlets() -> None:
    """The outlet registry: who publishes, from where, owned by whom, rated how."""


@outlets.command("list")
@click.option("--json", "as_json", is_flag=True)
@click.option("--country", default=None)
@click.option("--lean", default=None)
@click.pass_context
@friendly
def outlets_list(ctx: click.Context, as_json: bool, country: str | None, lean: str | None) -> None:
    """List known outlets."""
    from storyscope.outlets.commands import list_outlets

    click.echo(list_outlets(ctx.obj, as_json=as_json, country=country, lean=lean))


@outlets.command("show")
@click.argument("name")
@click.option("--json", "as_json", is_flag=True)
@click.pass_context
@friendly
def outlets_show(ctx: click.Context, name: str, as_json: bool) -> None:
    """Show one outlet with every rating and its provenance."""
    from storyscope.outlets.commands import show_outlet

    click.echo(show_outlet(ctx.obj, name, as_json=as_json))


@outlets.command("match")
@click.argument("text")
@click.pass_context
@friendly
def outlets_match(ctx: click.Context, text: str) -> None:
    """Which outlet a name, URL or self-identifying line belongs to."""
    from storyscope.outlets.commands import match_outlet

    click.echo(match_outlet(ctx.obj, text))


@outlets.command("import")
@click.argument("file")
@click.option("--format", "fmt", default="auto",
              type=click.Choice(["auto", "allsides", "mbfc", "storyscope"]), show_default=True)
@click.pass_context
@friendly
def outlets_import(ctx: click.Context, file: str, fmt: str) -> None:
    """Merge ratings from an AllSides CSV, an MBFC TSV or our own CSV into the local registry."""
    from storyscope.outlets.commands import import_ratings

    click.echo(import_ratings(ctx.obj, file, fmt))


@main.group()
def batch() -> None:
    """Parallel batch work with Dask (the 'scale' extra); see docs/scale.md."""


workers_option = click.option("--workers", type=int, default=None, help="Workers (default: CPUs).")
scheduler_option = click.option(
    "--scheduler", default="processes", show_default=True,
    type=click.Choice(["processes", "threads", "sync"]),
)


@batch.command("ingest")
@click.argument("inputs", nargs=-1, required=True)
@workers_option
@scheduler_option
@db_option
@click.pass_context
@friendly
def batch_ingest(ctx: click.Context, inputs: tuple[str, ...], workers: int | None,
                 scheduler: str, db: str | None) -> None:
    """Read and clean INPUTS in parallel, then store them in order (as `ingest` would)."""
    from storyscope.scale.batch import ingest_many

    result = ingest_many(settings_of(ctx, db=db), inputs, workers=workers, scheduler=scheduler)
    for err in result.errors:
        click.echo(err.line(), err=True)
    click.echo(f"stored {len(result.stored)}, already stored {len(result.skipped)},"
               f" failed {len(result.errors)}")
    if result.errors:
        ctx.exit(1)


@batch.command("analyze")
@workers_option
@scheduler_option
@click.option("--shard", default=None, help="I/N: only machine I's share of N (run `stories` first).")
@click.option("--json", "as_json", is_flag=True, help="Print the storyscope.report/1 JSON.")
@db_option
@click.pass_context
@friendly
def batch_analyze(ctx: click.Context, workers: int | None, scheduler: str, shard: str | None,
                  as_json: bool, db: str | None) -> None:
    """Group stored articles into stories, analyse them all in parallel and print the report."""
    from storyscope.scale.batch import run_batch_analyze

    doc, summary = run_batch_analyze(settings_of(ctx, db=db), workers=workers,
                                     scheduler=scheduler, shard=shard)
    click.echo(summary, err=True)
    if doc is None:
        return
    from storyscope.report.text import render_report

    echo_json(doc) if as_json else click.echo(render_report(doc))


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8000, type=int, show_default=True)
@db_option
@click.pass_context
@friendly
def serve(ctx: click.Context, host: str, port: int, db: str | None) -> None:
    """Serve the story pages and the JSON API."""
    from storyscope.web.app import serve as do_serve

    do_serve(settings_of(ctx, db=db), host=host, port=port)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
