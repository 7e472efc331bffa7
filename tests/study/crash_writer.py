"""Helper process for the SIGKILL test: records attempts, printing each id once it is committed."""

from __future__ import annotations

import sys

from tutor.study import Attempt, open_store


def main(data_dir: str, count: int) -> None:
    store = open_store(data_dir)
    if store.warning:
        raise SystemExit(store.warning)
    for i in range(count):
        verdict = "incorrect" if i % 3 else "correct"
        attempt_id = store.record_attempt(
            Attempt("mini", "1b", "x", f"answer {i} " + "x" * 200, verdict, 5.0 if verdict == "correct" else 0.0,
                    5.0, None if i % 3 == 0 else "sign", i % 3, False, 1.5, "practice"),
            concepts=("alpha", "beta"),
        )
        sys.stdout.write(f"{attempt_id}\n")
        sys.stdout.flush()
    sys.stdout.write("done\n")


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]))
