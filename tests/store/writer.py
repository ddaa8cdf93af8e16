"""One writer process for test_concurrent.py: ``python writer.py MODE DB INPUT...``.

MODE ``open`` only opens the store; MODE ``ingest`` stores the inputs without grouping; MODE
``run`` calls the public :meth:`storyline.api.Storyline.ingest` once per input, which ingests and
then groups, so two writers interleave many groupings with each other's ingests. The process
prints ``ready`` once it is set to work (store opened and grouping model loaded, except in
``open`` mode), then waits for ``go`` on stdin: the test releases all writers at the same moment
without sleeping.
"""

from __future__ import annotations

import sys


def main(argv: list[str]) -> int:
    mode, db, *inputs = argv
    from storyline.api import open_storyline
    from storyline.ingest import ingest
    from storyline.stories import StreamGrouper

    if mode == "open":  # only open the store, all writers at the same moment
        print("ready", flush=True)
        if sys.stdin.readline().strip() != "go":
            return 2
        open_storyline(db).close()
        return 0
    StreamGrouper()  # load the embedding table now, before the start line
    with open_storyline(db) as app:
        print("ready", flush=True)
        if sys.stdin.readline().strip() != "go":
            return 2
        for name in inputs:
            result = ingest([name], app._store) if mode == "ingest" else app.ingest([name])
            if not result.ok:
                print(result.rejected, file=sys.stderr)
                return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
