"""What a watcher's round costs on a large store: ingest and group a few new articles.

Takes a store that ``bench/scale.py --workdir`` left grouped (say its 100k ``local.db``), copies
it, and ingests ``--rounds`` files of ``--per-round`` new articles (the scale corpus built with
another seed: variants of the same benchmark texts, so they join stories or start new ones),
one ``Storyline.ingest`` (ingest + group, no reading) per round:

* **kept**: one process for every round, as ``storyline watch`` runs: after its first round
  the grouper it saved is kept, and the state is not read back;
* **read back**: a new process per round (a cron job of ``storyline ingest``): each round reads
  the state back from its rows;
* **whole state**, for comparison, what every round paid before the state was kept in rows:
  writing and reading back the whole grouper state of this store (to_state + JSON, and back).

The first round on a store saved before schema 7 also splits its state into rows, once.

    python bench/watch_rounds.py --store /tmp/scale/w100k/local.db [--rounds 6] [--per-round 10]
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import tempfile
import time
from pathlib import Path

from scale_corpus import records

from storyline.api import open_storyline
from storyline.api_pass import GrouperCache, load_grouper
from storyline.evaluate.sets import default_bench_dir
from storyline.stories import StreamGrouper


def round_files(data: Path, folder: Path, rounds: int, per_round: int, seed: int) -> list[Path]:
    """``rounds`` JSONL files of ``per_round`` new articles each."""
    made = list(records(data, rounds * per_round, seed))
    files = []
    for n in range(rounds):
        path = folder / f"round-{n}.jsonl"
        part = made[n * per_round : (n + 1) * per_round]
        path.write_text("".join(json.dumps(r) + "\n" for r in part), encoding="utf-8")
        files.append(path)
    return files


def timed_round(db: Path, path: Path) -> float:
    """One round in a process of its own (a new Storyline: nothing kept)."""
    with open_storyline(str(db)) as app:
        started = time.perf_counter()
        app.ingest([str(path)])
        return time.perf_counter() - started


def whole_state_seconds(db: Path) -> dict[str, float]:
    """What a pass paid to save the whole state and to read it back, before rows."""
    with open_storyline(str(db)) as app:
        started = time.perf_counter()
        grouper = load_grouper(app._store)
        from_rows_s = time.perf_counter() - started
    started = time.perf_counter()
    text = json.dumps(grouper.to_state(), separators=(",", ":"))
    save_s = time.perf_counter() - started
    started = time.perf_counter()
    StreamGrouper.from_state(json.loads(text))
    load_s = time.perf_counter() - started
    return {
        "state_mb": round(len(text) / 1e6, 1),
        "save_s": save_s,
        "load_s": load_s,
        "rows_load_s": from_rows_s,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--store", type=Path, required=True, help="a grouped store (bench/scale.py --workdir)"
    )
    parser.add_argument("--data", type=Path, help="bench folder (default: shared)")
    parser.add_argument("--rounds", type=int, default=6)
    parser.add_argument("--per-round", type=int, default=10)
    parser.add_argument("--seed", type=int, default=12, help="not the store's corpus seed: new articles")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(dir=args.store.parent) as tmp:
        folder = Path(tmp)
        files = round_files(
            args.data or default_bench_dir(), folder, 2 * args.rounds + 1, args.per_round, args.seed
        )
        kept_db, back_db = folder / "kept.db", folder / "back.db"
        shutil.copyfile(args.store, kept_db)
        first = timed_round(kept_db, files[0])
        print(
            f"first round on a copy of {args.store} ({args.per_round} articles; "
            f"splits a state saved before rows): {first:.2f} s"
        )
        shutil.copyfile(kept_db, back_db)
        kept = []
        cache = GrouperCache()
        with open_storyline(str(kept_db)) as app:
            for path in files[1 : args.rounds + 1]:
                started = time.perf_counter()
                app.ingest([str(path)], group=False)
                app.group(cache=cache)  # as storyline watch does
                kept.append(time.perf_counter() - started)
            stories = len(app.stories())
        back = [timed_round(back_db, path) for path in files[args.rounds + 1 :]]
        whole = whole_state_seconds(kept_db)
    print(f"store: {stories:,} stories; {args.rounds} rounds of {args.per_round} new articles each")
    print(
        f"  kept (one process)      first round {kept[0]:.2f} s, "
        f"then median {statistics.median(kept[1:]):.2f} s"
    )
    print(
        f"  read back (per round)   median {statistics.median(back):.2f} s "
        f"(reading the rows: {whole['rows_load_s']:.2f} s)"
    )
    print(
        f"  whole state, as before  {whole['state_mb']} MB: writing {whole['save_s']:.2f} s + reading back "
        f"{whole['load_s']:.2f} s on every round"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
