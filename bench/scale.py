"""Scale: 100k articles end to end, in process and on Dask with 1 and 2 workers.

The corpus (built by ``bench/scale_corpus.py``, whose docstring says how) derives N articles
from the 1,282 ECB+ and BASIL texts: events re-dated over the span, every article a rewrite of
its base (sentences dropped and edited, paragraphs swapped, numbers moved), ~10% exact
syndicated copies,
500 fictional outlets, unique URLs; written as ``--files`` JSON Lines (or WARC.gz) parts in
publication order. It is built once under ``--workdir`` and reused.

Each configuration runs in a fresh interpreter on a fresh SQLite store:

- ``local``: the in-process engine, reading in 2 forked processes (``storyline run``'s default
  ``--processes`` on 2 cores); ``local1``: the same reading in one process (not run by default);
- ``dask1`` / ``dask2``: a Dask ``LocalCluster`` of 1 or 2 single-threaded process workers that
  parse, read and brief; placing and grouping stay in the client, as with ``--engine dask``.

Stages, timed apart: ingest (parse, identity and copies, store), group + read in one pass
(``Storyline.group_and_read``, as ``storyline run`` does: the engine's workers work out the
features and read while the client assigns; ``--separate``: ``Storyline.group``, then ``read``),
and compare + brief + render + write of a seeded sample of ``--briefs`` stories, made
by the configuration's engine as ``storyline run --out`` makes them (Dask: on its workers;
local: in ``--brief-processes`` processes), projected to all stories (``--briefs 0``: all; the
listing of the stories, paid once, is not projected).
End to end = ingest + group + read + the projected briefs.
Memory: RSS of the client and of the largest worker process, sampled every 0.25 s, peak per
stage, and at each tenth of the articles of the per-article stages (ingest, read) so growth
from 10% to 100% shows whether memory is flat in N. Targets: ≥ 50 articles/s end to end on
2 cores; dask2 ≥ 1.6× dask1.

    python bench/scale.py [--articles N] [--only local,dask1,dask2] [--stages ...] [--json]
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import psutil
from scale_corpus import build

from storyline.evaluate.sets import default_bench_dir

TARGET_ARTICLES_PER_S = 50.0
TARGET_DASK_SPEEDUP = 1.6
CONFIGS: dict[str, tuple[str, int]] = {
    "local": ("local", 2),
    "local1": ("local", 1),
    "dask1": ("dask", 1),
    "dask2": ("dask", 2),
}
"""Configuration → (engine, processes or workers)."""
STAGES = ("ingest", "group", "read", "brief")
ONE_PASS = "group+read"
"""The stage that groups while the engine reads (``Storyline.group_and_read``), unless ``--separate``;
the read stage after it reads what that pass left (nothing, in a fresh store)."""
SAMPLE_S = 0.25
MB = 1024 * 1024

Figures = dict[str, Any]


class Sampler:
    """Samples the RSS of this process and of its descendants (forked readers, Dask workers).

    A thread, not hooks in the stages, so the peaks include what a stage allocates between
    progress calls. The worker figure is the largest single descendant, which is what one
    machine of a cluster would have to hold.
    """

    def __init__(self) -> None:
        self._me = psutil.Process()
        self.stage = "startup"
        self.peaks: dict[str, list[float]] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def now(self) -> tuple[float, float]:
        """(client MB, largest descendant MB) at this moment."""
        client = self._me.memory_info().rss / MB
        worker = 0.0
        for child in self._me.children(recursive=True):
            try:
                worker = max(worker, child.memory_info().rss / MB)
            except psutil.Error:  # a child that just exited
                continue
        return client, worker

    def _run(self) -> None:
        while not self._stop.wait(SAMPLE_S):
            client, worker = self.now()
            peak = self.peaks.setdefault(self.stage, [0.0, 0.0])
            peak[0], peak[1] = max(peak[0], client), max(peak[1], worker)

    def cpu_seconds(self) -> float:
        """CPU time of this process, its reaped children (fork pools) and its live descendants.

        Other work shares the machine's cores, so wall seconds vary with the load; CPU seconds
        per article do much less.
        """
        own = self._me.cpu_times()
        total = own.user + own.system + own.children_user + own.children_system
        for child in self._me.children(recursive=True):
            try:
                times = child.cpu_times()
            except psutil.Error:
                continue
            total += times.user + times.system
        return float(total)

    def enter(self, stage: str) -> None:
        """Attribute the following samples to ``stage``."""
        self.stage = stage
        self.peaks.setdefault(stage, list(self.now()))

    def close(self) -> None:
        """Stop sampling."""
        self._stop.set()
        self._thread.join()


class Checkpoints:
    """RSS and elapsed time each time a stage passes another tenth of its work."""

    def __init__(self, sampler: Sampler, started: float) -> None:
        self.sampler = sampler
        self.started = started
        self.points: list[Figures] = []
        self._next = 1

    def __call__(self, done: int, total: int, _name: str) -> None:
        while total and done * 10 >= self._next * total:
            client, worker = self.sampler.now()
            self.points.append(
                {
                    "share": self._next / 10,
                    "done": done,
                    "seconds": round(time.perf_counter() - self.started, 2),
                    "client_mb": round(client),
                    "workers_mb": round(worker),
                }
            )
            self._next += 1


def run_config(args: argparse.Namespace) -> Figures:
    """One configuration, in this interpreter: every asked stage on a fresh store."""
    from storyline.api import Storyline
    from storyline.api_reports import write_reports
    from storyline.engine import Engine, LocalEngine
    from storyline.engine.ingest import ingest_with
    from storyline.ingest import IngestOptions
    from storyline.store import open_store

    kind, count = CONFIGS[args.config]
    stages = args.stages.split(",")
    manifest = json.loads((Path(args.corpus) / "manifest.json").read_text(encoding="utf-8"))
    db = Path(args.db)
    for stale in db.parent.glob(db.name + "*"):
        stale.unlink()
    sampler = Sampler()
    figures: Figures = {"config": args.config, "engine": kind, "workers": count, "warm": args.warm}
    figures["stages"] = {}
    began = time.perf_counter()
    engine: Engine
    if kind == "local":
        engine = LocalEngine(count)
    else:
        from storyline.engine.dask_engine import DaskEngine

        engine = DaskEngine(n_workers=count)
    if args.warm:  # the model loaded up front: in the client (forks inherit it) or on each worker
        from storyline.read.nlp import load_pipeline

        if kind == "local":
            load_pipeline()
        else:
            from distributed import default_client

            default_client().run(load_pipeline)  # type: ignore[no-untyped-call,unused-ignore]
    figures["startup_s"] = round(time.perf_counter() - began, 2)
    store = open_store(str(db))
    app = Storyline(store)

    def stage(name: str, work: Callable[[Checkpoints], int]) -> None:
        sampler.enter(name)
        started, cpu = time.perf_counter(), sampler.cpu_seconds()
        marks = Checkpoints(sampler, started)
        done = work(marks)
        seconds = time.perf_counter() - started
        cpu = sampler.cpu_seconds() - cpu
        peak = sampler.peaks[name]
        client, worker = sampler.now()
        figures["stages"][name] = {
            "seconds": round(seconds, 2),
            "items": done,
            "per_s": round(done / seconds, 1) if seconds else 0.0,
            "cpu_s": round(cpu, 2),
            "peak_client_mb": round(max(peak[0], client)),
            "peak_workers_mb": round(max(peak[1], worker)),
            "checkpoints": marks.points,
        }
        # each stage as it ends, so a long run that is stopped still leaves its figures
        print(json.dumps({"config": args.config, "stage": name, **figures["stages"][name]}), file=sys.stderr)

    def ingest(marks: Checkpoints) -> int:
        options = IngestOptions()
        result = ingest_with(engine, list(manifest["paths"]), store, options, marks, keep_articles=False)
        figures["added"], figures["copies"] = result.new_count, result.copy_count
        figures["rejected"] = len(result.rejected)
        return result.new_count + result.copy_count

    def group(_marks: Checkpoints) -> int:
        return len(app.group(engine))

    def group_and_read(marks: Checkpoints) -> int:
        assignments, figures["read_while_grouping"] = app.group_and_read(engine, marks)
        return len(assignments)

    def read(marks: Checkpoints) -> int:
        return app.read(marks, engine=engine)

    def brief(_marks: Checkpoints) -> int:
        listed = time.perf_counter()
        stories = app.stories()
        figures["stories"] = len(stories)
        figures["list_stories_s"] = round(time.perf_counter() - listed, 2)  # once, whatever the sample
        chosen = (
            stories if not args.briefs else random.Random(5).sample(stories, min(args.briefs, len(stories)))
        )
        folder = Path(tempfile.mkdtemp(prefix="storyline-scale-reports-"))
        try:
            reporter = LocalEngine(args.brief_processes) if kind == "local" else engine
            return sum(1 for _ in write_reports(app, chosen, folder, engine=reporter))
        finally:
            shutil.rmtree(folder, ignore_errors=True)

    try:
        one_pass = not args.separate and "group" in stages and "read" in stages
        plan = [("ingest", ingest), ("group", group), ("read", read), ("brief", brief)]
        if one_pass:  # as `storyline run` does: the workers read while the client groups
            plan[1] = (ONE_PASS, group_and_read)
        for name, work in plan:
            if name in stages or name == ONE_PASS:
                stage(name, work)
    finally:
        engine.close()
        app.close()
        sampler.close()
    figures["peak_client_mb"] = round(max(p[0] for p in sampler.peaks.values()))
    figures["peak_workers_mb"] = round(max(p[1] for p in sampler.peaks.values()))
    return figures


def summarise(run: Figures, articles: int) -> Figures:
    """End-to-end seconds and articles/s, with briefs projected from the sample to all stories."""
    stages = run["stages"]
    seconds = sum(stages[s]["seconds"] for s in ("ingest", "group", ONE_PASS, "read") if s in stages)
    if "brief" in stages and stages["brief"]["items"]:
        listing = run.get("list_stories_s", 0.0)  # paid once: not projected
        per_story = (stages["brief"]["seconds"] - listing) / stages["brief"]["items"]
        run["brief_projected_s"] = round(listing + per_story * run["stories"], 1)
        seconds += run["brief_projected_s"]
    run["end_to_end_s"] = round(seconds, 2)
    run["end_to_end_per_s"] = round(articles / seconds, 1) if seconds else 0.0
    return run


def in_fresh_process(args: argparse.Namespace, config: str, corpus: Path, workdir: Path) -> Figures:
    """Run one configuration in its own interpreter and return its figures."""
    command = [
        sys.executable,
        __file__,
        "--config",
        config,
        "--corpus",
        str(corpus),
        "--db",
        str(workdir / f"{config}.db"),
        "--stages",
        args.stages,
        "--briefs",
        str(args.briefs),
        "--brief-processes",
        str(args.brief_processes),
        *(["--warm"] if args.warm else []),
        *(["--separate"] if args.separate else []),
    ]
    done = subprocess.run(command, stdout=subprocess.PIPE, text=True)  # stderr: passed through
    if done.returncode != 0:
        raise SystemExit(f"{config} failed (exit {done.returncode}); its errors are above")
    figures: Figures = json.loads(done.stdout)
    return figures


def growth(run: Figures, stage: str, key: str) -> str:
    """RSS at the first tenth and at the end of a per-article stage, and the ratio."""
    points = run["stages"].get(stage, {}).get("checkpoints", [])
    if len(points) < 2:
        return "n/a"
    first, last = points[0][key], points[-1][key]
    return f"{first}→{last} MB ({last / first:.2f}×)" if first else "n/a"


def render(result: Figures) -> str:
    """The table, memory growth and the ratios against the targets."""
    corpus, runs = result["corpus"], result["runs"]
    n = corpus["articles"]
    lines = [
        f"scale: {n} articles ({corpus['format']}, {corpus['files']} files, {corpus['exact_copies']} "
        f"exact copies, mean {corpus['mean_words']} words, {corpus['bytes'] / MB:.0f} MB)",
        f"  {'config':<8}{'stage':<11}{'seconds':>10}{'items/s':>10}{'cpu s':>9}"
        f"{'client MB':>11}{'workers MB':>12}",
    ]
    for run in runs.values():
        for name, s in run["stages"].items():
            lines.append(
                f"  {run['config']:<8}{name:<11}{s['seconds']:>10}{s['per_s']:>10}{s['cpu_s']:>9}"
                f"{s['peak_client_mb']:>11}{s['peak_workers_mb']:>12}"
            )
        brief = f" (briefs of {run.get('stories')} stories projected: {run.get('brief_projected_s')} s)"
        ratio = run["end_to_end_per_s"] / TARGET_ARTICLES_PER_S
        lines.append(
            f"  {run['config']:<8}{'e2e':<11}{run['end_to_end_s']:>10}{run['end_to_end_per_s']:>10}{'':>9}"
            f"{run['peak_client_mb']:>11}{run['peak_workers_mb']:>12}  "
            f"= {ratio:.2f}× the 50/s target; startup {run['startup_s']} s"
            + (brief if "brief_projected_s" in run else "")
        )
        lines.append(
            f"  {'':<8}memory 10%→100%: ingest client {growth(run, 'ingest', 'client_mb')}, "
            f"workers {growth(run, 'ingest', 'workers_mb')}; {ONE_PASS} client "
            f"{growth(run, ONE_PASS, 'client_mb')}, workers {growth(run, ONE_PASS, 'workers_mb')}; read "
            f"client {growth(run, 'read', 'client_mb')}, workers {growth(run, 'read', 'workers_mb')}"
        )
    for key, value in result["ratios"].items():
        lines.append(f"  {key}: {value}× (target ≥ {TARGET_DASK_SPEEDUP})")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=None, help="bench folder (default: shared)")
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--files", type=int, default=0, help="input files (default: N/1000, ≥ 10)")
    parser.add_argument("--format", choices=("jsonl", "warc"), default="jsonl")
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--workdir", type=Path, default=None, help="corpus and stores (default: temp)")
    parser.add_argument("--only", default="local,dask1,dask2", help=f"of {','.join(CONFIGS)}")
    parser.add_argument("--stages", default=",".join(STAGES), help="of ingest,group,read,brief")
    parser.add_argument("--briefs", type=int, default=200, help="stories briefed (0: all)")
    parser.add_argument("--brief-processes", type=int, default=2, help="processes writing reports")
    parser.add_argument("--warm", action="store_true", help="load the spaCy model before timing")
    parser.add_argument("--separate", action="store_true", help="group, then read (not in one pass)")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--config", help=argparse.SUPPRESS)  # internal: run one, print JSON
    parser.add_argument("--corpus", help=argparse.SUPPRESS)
    parser.add_argument("--db", help=argparse.SUPPRESS)
    args = parser.parse_args()
    stages = args.stages.split(",")
    needs = {"group": "ingest", "read": "ingest", "brief": "read"}
    if bad := [s for s in stages if s not in STAGES or (s in needs and needs[s] not in stages)]:
        parser.error(f"--stages {args.stages}: {bad} unknown or missing what it needs ({needs})")
    if args.config:
        print(json.dumps(run_config(args)))
        return 0
    configs = args.only.split(",")
    if unknown := [c for c in configs if c not in CONFIGS]:
        parser.error(f"--only: unknown {unknown}; use {','.join(CONFIGS)}")
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="storyline-scale-"))
    files = args.files or max(10, args.articles // 1000)
    corpus = workdir / f"corpus-{args.format}-{args.articles}-{files}-{args.seed}"
    started = time.perf_counter()
    manifest = build(args.data or default_bench_dir(), corpus, args.articles, files, args.seed, args.format)
    print(f"corpus ready in {time.perf_counter() - started:.0f} s: {corpus}", file=sys.stderr)
    runs = {}
    for config in configs:
        runs[config] = summarise(in_fresh_process(args, config, corpus, workdir), args.articles)
        print(f"{config}: {runs[config]['end_to_end_per_s']} articles/s end to end", file=sys.stderr)
        if not args.workdir:
            (workdir / f"{config}.db").unlink(missing_ok=True)
    ratios = {}
    if "dask1" in runs and "dask2" in runs:
        one, two = runs["dask1"], runs["dask2"]
        ratios["dask2/dask1 end to end"] = round(two["end_to_end_per_s"] / one["end_to_end_per_s"], 2)
        for name in ("ingest", ONE_PASS, "read"):
            if name in one["stages"] and one["stages"][name]["per_s"]:
                ratio = two["stages"][name]["per_s"] / max(one["stages"][name]["per_s"], 1e-9)
                ratios[f"dask2/dask1 {name}"] = round(ratio, 2)
    result = {
        "corpus": {k: v for k, v in manifest.items() if k != "paths"},
        "runs": runs,
        "ratios": ratios,
        "targets": {"articles_per_s": TARGET_ARTICLES_PER_S, "dask_speedup": TARGET_DASK_SPEEDUP},
    }
    print(json.dumps(result, indent=1) if args.json else render(result))
    if not args.workdir:
        shutil.rmtree(workdir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
