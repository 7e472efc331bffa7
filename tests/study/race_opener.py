"""Helper process for the start-up race test: waits for a shared start signal, opens the
store, records one attempt and prints its id (or the store's warning, exit 3)."""

from __future__ import annotations

import sys
import time
from pathlib import Path

from tutor.study import Attempt, open_store


def main(data_dir: str, ready: str, go: str) -> int:
    Path(ready).touch()
    give_up = time.monotonic() + 20
    while not Path(go).exists():  # every process starts opening at (almost) the same instant
        if time.monotonic() > give_up:
            return 4
        time.sleep(0.001)
    store = open_store(data_dir)
    if store.warning:
        print(store.warning)
        return 3
    attempt_id = store.record_attempt(Attempt("mini", "1b", "x", "2", "correct", 5.0, 5.0), concepts=())
    store.close()
    print(attempt_id)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(*sys.argv[1:4]))
