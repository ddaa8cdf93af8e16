"""The command line: parse arguments, call the Python API, print. Nothing else lives here.

Exit codes (the contract users script against): 0 all went well, 1 some inputs were
rejected (each named on stderr with its reason, the rest ingested), 2 usage error.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from rich.console import Console
from rich.progress import Progress as RichProgress
from rich.table import Table

from storyline.api import DEFAULT_DB, Storyline, open_storyline
from storyline.api_reports import ReportFolder
from storyline.codec import to_json
from storyline.engine import Engine, engine_from_spec
from storyline.evaluate.sets import SETS, default_bench_dir, evaluate_set
from storyline.ingest import IngestOptions
from storyline.ingest.decode import DEFAULT_MAX_BYTES
from storyline.ingest.fetch import FetchOptions
from storyline.language.embeddings import ModelMissingError as EmbeddingModelMissingError
from storyline.model import IngestResult, Reading
from storyline.read.nlp import ModelMissingError  # light: spaCy itself loads on first use
from storyline.store import StoreError

EXIT_OK, EXIT_REJECTED, EXIT_USAGE = 0, 1, 2
PROGRESS_MIN_INPUTS = 20
"""Show a progress bar only for batches long enough to need one."""


def _add_db(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--db", default=DEFAULT_DB, help=f"SQLite file or database URL (default ./{DEFAULT_DB})"
    )


def _add_ingest_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("inputs", nargs="+", metavar="INPUT", help="file, directory, glob, URL, feed or WARC")
    _add_db(parser)
    parser.add_argument("--max-bytes", type=int, default=DEFAULT_MAX_BYTES, help="size limit per input")
    parser.add_argument("--timeout", type=float, default=20.0, help="seconds per URL fetch")
    parser.add_argument(
        "--allow-private", action="store_true", help="allow URLs on private, loopback or link-local addresses"
    )
    parser.add_argument(
        "--no-follow-links", action="store_true", help="never fetch a feed entry's linked page"
    )


def _add_processes(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--processes",
        type=int,
        default=os.cpu_count() or 1,
        help="worker processes for parsing, reading and reports (default: CPUs)",
    )


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of every subcommand."""
    parser = argparse.ArgumentParser(prog="storyline", description="Make sense of many reports of one story.")
    commands = parser.add_subparsers(dest="command", required=True)
    run = commands.add_parser("run", help="the main job: ingest the inputs and summarise")
    _add_ingest_options(run)
    _add_processes(run)
    run.add_argument(
        "--engine",
        type=_engine_spec,
        default="local",
        metavar="local|dask[:ADDRESS]",
        help="where to parse and read: local (default, in this process), dask (a local 2-worker cluster) "
        "or dask:tcp://HOST:PORT (a running scheduler); results are identical",
    )
    ingest = commands.add_parser("ingest", help="ingest articles into the store")
    _add_ingest_options(ingest)
    read = commands.add_parser("read", help="read articles: entities, quotes, attributions, numbers, claims")
    read.add_argument("article_id", nargs="?", help="show this article's reading (default: read all unread)")
    _add_db(read)
    read.add_argument("--json", action="store_true", help="print the reading as JSON")
    _add_processes(read)
    run.add_argument("--out", help="write index.html and each story's .md, .html and .json here")
    stories = commands.add_parser("stories", help="list stories with their articles")
    _add_db(stories)
    stories.add_argument("--json", action="store_true", help="print JSON (the contract's shape)")
    report = commands.add_parser("report", help="compare a story's sources: briefing, facts, conflicts")
    report.add_argument("story_id", help="the story's id (see `storyline stories`)")
    _add_db(report)
    report.add_argument("--format", choices=["md", "html", "json"], default="md", help="output format")
    serve = commands.add_parser("serve", help="the web UI and JSON API on a local address")
    _add_db(serve)
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    serve.add_argument("--port", type=int, default=8000, help="port (default 8000)")
    serve.add_argument("--read-only", action="store_true", help="disable ingest through the web")
    articles = commands.add_parser("articles", help="list stored articles")
    _add_db(articles)
    articles.add_argument("--json", action="store_true", help="print JSON (the contract's shape)")
    evaluate = commands.add_parser("eval", help="score storyline on a public benchmark set")
    evaluate.add_argument("set", choices=sorted(SETS), help="which benchmark set")
    evaluate.add_argument(
        "--data", help="folder holding the sets (default $STORYLINE_BENCH or ../shared/bench)"
    )
    evaluate.add_argument("--json", action="store_true", help="print one JSON object of figures")
    _add_watch(commands)
    return parser


def _add_watch(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    watch = commands.add_parser("watch", help="poll RSS/Atom feeds and ingest, group and read new entries")
    watch.add_argument("feeds", nargs="+", metavar="FEED", help="feed URL")
    _add_db(watch)
    watch.add_argument("--every", default="5m", help="poll interval: 30s, 5m, 1h (default 5m)")
    watch.add_argument("--max-polls", type=int, default=None, help="stop after N rounds (default: never)")
    watch.add_argument("--timeout", type=float, default=20.0, help="seconds per fetch")
    watch.add_argument(
        "--allow-private", action="store_true", help="allow URLs on private, loopback or link-local addresses"
    )
    watch.add_argument("--no-read", action="store_true", help="group new articles but do not read them")
    watch.add_argument("--out", help="keep reports in this folder, rewriting the stories each round changes")
    watch.add_argument(
        "--no-follow-links", action="store_true", help="never fetch a feed entry's linked page"
    )


def _ingest_options(args: argparse.Namespace) -> IngestOptions:
    fetch = FetchOptions(timeout_s=args.timeout, max_bytes=args.max_bytes, allow_private=args.allow_private)
    return IngestOptions(max_bytes=args.max_bytes, fetch=fetch, follow_feed_links=not args.no_follow_links)


def _report_rejections(result: IngestResult, err: Console) -> int:
    for rejection in result.rejected:
        err.print(f"storyline: rejected {rejection.input}: {rejection.reason}", markup=False, highlight=False)
    return EXIT_OK if result.ok else EXIT_REJECTED


def _engine_spec(value: str) -> str:
    """Check an ``--engine`` value at parse time, so a typo is a usage error before any work."""
    if value in ("local", "dask") or (value.startswith("dask:") and len(value) > len("dask:")):
        return value
    raise argparse.ArgumentTypeError(f"{value!r}: use local, dask or dask:tcp://HOST:PORT")


def _ingest_with_progress(
    app: Storyline, args: argparse.Namespace, err: Console, engine: Engine | None = None, group: bool = True
) -> IngestResult:
    options = _ingest_options(args)
    if not err.is_terminal:
        return app.ingest(args.inputs, options, engine=engine, keep_articles=False, group=group)
    with RichProgress(console=err, transient=True) as bar:
        task = bar.add_task("ingesting", total=None)

        def advance(done: int, total: int, current: str) -> None:
            if total >= PROGRESS_MIN_INPUTS:
                bar.update(task, completed=done, total=total, description=Path(current).name[:40])

        return app.ingest(args.inputs, options, advance, engine=engine, keep_articles=False, group=group)


def _group_and_read_with_progress(app: Storyline, err: Console, engine: Engine) -> int:
    """Group the new articles while the engine's workers read them (a long pass on a large
    batch, so a terminal sees it move); how many were read."""
    if not err.is_terminal:
        return app.group_and_read(engine)[1]
    with RichProgress(console=err, transient=True) as bar:
        task = bar.add_task("grouping and reading", total=None)

        def advance(done: int, total: int, _article_id: str) -> None:
            bar.update(task, completed=done, total=total)

        return app.group_and_read(engine, advance)[1]


def _summary(result: IngestResult) -> str:
    return (
        f"articles: {result.new_count} new, {result.copy_count} copies, "
        f"{result.unchanged_count} already stored; rejected: {len(result.rejected)}"
    )


def cmd_ingest(args: argparse.Namespace, out: Console, err: Console) -> int:
    """``storyline ingest``: inputs into the store."""
    with open_storyline(args.db) as app:
        result = _ingest_with_progress(app, args, err)
    out.print(_summary(result), markup=False, highlight=False)
    return _report_rejections(result, err)


def cmd_run(args: argparse.Namespace, out: Console, err: Console) -> int:
    """``storyline run``: the main job: ingest, group, read, compare, brief; write reports to --out.

    The engine parses and reads (``local``: in ``--processes`` forked workers on this machine;
    ``dask``: on a cluster's workers) while the store work stays in this process.
    """
    try:
        engine = engine_from_spec(args.engine, args.processes)
    except ImportError as error:
        message = f"storyline: engine {args.engine} needs `pip install 'dask[distributed]'` ({error})"
        err.print(message, markup=False)
        return EXIT_USAGE
    except OSError as error:  # an address with no scheduler behind it
        err.print(f"storyline: cannot reach the {args.engine} scheduler: {error}", markup=False)
        return EXIT_USAGE
    try:
        with open_storyline(args.db) as app:
            result = _ingest_with_progress(app, args, err, engine, group=False)
            read = _group_and_read_with_progress(app, err, engine) + app.read(engine=engine)
            stories = app.stories()
            written = None
            if args.out:
                folder = ReportFolder(Path(args.out))
                folder.write(app, engine=engine)
                written = folder.index
    finally:
        engine.close()
    out.print(_summary(result), markup=False, highlight=False)
    out.print(f"read: {read} articles; stories: {len(stories)}", markup=False, highlight=False)
    if written is not None:
        out.print(f"reports: open {written}", markup=False, highlight=False)
    return _report_rejections(result, err)


def cmd_serve(args: argparse.Namespace, out: Console, err: Console) -> int:
    """``storyline serve``: the web UI and JSON API over the same store as the CLI."""
    from storyline.web import serve

    serve(args.db, host=args.host, port=args.port, read_only=args.read_only)
    return EXIT_OK


def cmd_stories(args: argparse.Namespace, out: Console, err: Console) -> int:
    """``storyline stories``: each story with its articles."""
    with open_storyline(args.db) as app:
        stories = app.stories()
        articles = {a.id: a for a in app.articles()}
    if args.json:
        listing = [
            {"id": s.id, "title": s.title, "articles": [articles[i].to_story_json() for i in s.article_ids]}
            for s in stories
        ]
        sys.stdout.write(json.dumps(listing, ensure_ascii=False, indent=2) + "\n")
        return EXIT_OK
    for story in stories:
        out.print(f"{story.id}  {story.title}  ({len(story.article_ids)} articles)", markup=False)
        for article_id in story.article_ids:
            a = articles[article_id]
            copy = f" (copy of {a.copy_of})" if a.copy_of else ""
            out.print(f"    {a.id}  {a.outlet or '?'}: {a.title or '(untitled)'}{copy}", markup=False)
    return EXIT_OK


def cmd_report(args: argparse.Namespace, out: Console, err: Console) -> int:
    """``storyline report STORY_ID``: the compared story as Markdown, HTML or JSON."""
    from storyline.brief import to_html, to_json, to_markdown

    with open_storyline(args.db) as app:
        found = app.report(args.story_id)
    if found is None:
        err.print(f"storyline: no story with id {args.story_id}", markup=False)
        return EXIT_USAGE
    report, texts = found
    rendered = {
        "md": lambda: to_markdown(report, texts),
        "html": lambda: to_html(report, texts),
        "json": lambda: to_json(report),
    }[args.format]()
    sys.stdout.write(rendered if rendered.endswith("\n") else rendered + "\n")
    return EXIT_OK


def cmd_read(args: argparse.Namespace, out: Console, err: Console) -> int:
    """``storyline read [ARTICLE_ID]``: one article's reading, or read every unread article."""
    with open_storyline(args.db) as app:
        if args.article_id is None:
            out.print(f"read: {app.read(processes=args.processes)} articles", markup=False, highlight=False)
            return EXIT_OK
        reading = app.reading(args.article_id)
    if reading is None:
        err.print(f"storyline: no article with id {args.article_id}", markup=False)
        return EXIT_USAGE
    if args.json:
        sys.stdout.write(json.dumps(to_json(reading), ensure_ascii=False, indent=2) + "\n")
    else:
        out.print(render_reading(reading), markup=False, highlight=False)
    return EXIT_OK


def cmd_articles(args: argparse.Namespace, out: Console, err: Console) -> int:
    """``storyline articles``: JSON for scripts, a table for people."""
    with open_storyline(args.db) as app:
        articles = app.articles()
    if args.json:
        sys.stdout.write(json.dumps([a.to_json() for a in articles], ensure_ascii=False, indent=2) + "\n")
        return EXIT_OK
    table = Table("id", "outlet", "published", "title", "copy of")
    for article in articles:
        table.add_row(
            article.id,
            article.outlet or "?",
            article.published or "?",
            article.title or "(untitled)",
            article.copy_of or "",
        )
    out.print(table)
    return EXIT_OK


def render_reading(reading: Reading) -> str:
    """A short plain-text account of a reading, for people."""
    lines = [f"article {reading.article_id}"]
    lines += [f"  entity {e.id} {e.kind}: {e.name} = {' = '.join(e.aliases)}" for e in reading.entities]
    lines += [f"  quote ({q.kind}) “{q.text}” — {q.speaker_text or 'no speaker'}" for q in reading.quotes]
    lines += [f"  relays {r.outlet}" for r in reading.relays]
    lines += [
        f"  number {q.text!r}: {q.kind} {q.value} {q.unit or ''} ({q.approx})" for q in reading.quantities
    ]
    lines += [f"  loaded {t.term!r} ({t.voice})" for t in reading.loaded_terms]
    lines.append(f"  {len(reading.attributions)} attributions, {len(reading.claims)} claims")
    return "\n".join(lines)


def _bench_dir(data: str | None) -> Path:
    return Path(data) if data else default_bench_dir()


def cmd_eval(args: argparse.Namespace, out: Console, err: Console) -> int:
    """``storyline eval SET``: figures of ours and the reference tool, side by side."""
    try:
        figures = evaluate_set(args.set, _bench_dir(args.data))
    except FileNotFoundError as error:
        err.print(f"storyline: {error}", markup=False)
        return EXIT_USAGE
    if args.json:
        sys.stdout.write(json.dumps(figures) + "\n")
    else:
        out.print_json(json.dumps(figures))
    return EXIT_OK


def cmd_watch(args: argparse.Namespace, out: Console, err: Console) -> int:
    """``storyline watch``: poll feeds until interrupted (or for --max-polls rounds)."""
    from storyline.ingest.watch import parse_interval

    try:
        every = parse_interval(args.every)
    except ValueError as error:
        err.print(f"storyline: {error}", markup=False)
        return EXIT_USAGE
    options = IngestOptions(
        fetch=FetchOptions(timeout_s=args.timeout, allow_private=args.allow_private),
        follow_feed_links=not args.no_follow_links,
    )
    try:
        with open_storyline(args.db) as app:
            out_dir = Path(args.out) if args.out else None
            report = app.watch(args.feeds, options, every, args.max_polls, read=not args.no_read, out=out_dir)
    except KeyboardInterrupt:
        return EXIT_OK
    failed = [poll for poll in report.polls if poll.status == "failed"]
    for poll in failed:
        err.print(f"storyline: {poll.url}: {poll.error}", markup=False, highlight=False)
    out.print(
        f"polls: {len(report.polls)}; new articles: {len(report.added)}; failed polls: {len(failed)}",
        markup=False,
        highlight=False,
    )
    return EXIT_REJECTED if failed else EXIT_OK


COMMANDS: dict[str, Callable[[argparse.Namespace, Console, Console], int]] = {
    "run": cmd_run,
    "ingest": cmd_ingest,
    "read": cmd_read,
    "stories": cmd_stories,
    "serve": cmd_serve,
    "report": cmd_report,
    "articles": cmd_articles,
    "eval": cmd_eval,
    "watch": cmd_watch,
}


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``storyline`` command."""
    args = build_parser().parse_args(argv)
    out, err = Console(), Console(stderr=True)
    try:
        return COMMANDS[args.command](args, out, err)
    except (StoreError, ModelMissingError, EmbeddingModelMissingError) as error:
        err.print(f"storyline: {error}", markup=False)
        return EXIT_USAGE


if __name__ == "__main__":
    raise SystemExit(main())
