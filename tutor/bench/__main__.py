"""`python -m tutor.bench NAME [ARGS…]`: run the benchmark module tutor.bench.NAME.

NAME is engine, demos or ui (or any other module here, such as content). Each module has a
`main()` that reads its own arguments from sys.argv and returns an exit status (non-zero
when a target is missed).
"""

from __future__ import annotations

import importlib
import pkgutil
import sys
from pathlib import Path

BENCHES = ("engine", "demos", "ui")


def available() -> list[str]:
    """The benchmark modules present, the three standard ones first."""
    found = {m.name for m in pkgutil.iter_modules([str(Path(__file__).parent)]) if not m.name.startswith("_")}
    return [b for b in BENCHES if b in found] + sorted(found - set(BENCHES))


def main(argv: list[str] | None = None) -> int:
    """Dispatch to tutor.bench.<name>.main(); returns its exit status."""
    args = list(sys.argv[1:] if argv is None else argv)
    names = available()
    if not args or args[0] not in names:
        print(f"usage: python -m tutor.bench {{{'|'.join(names)}}} [ARGS…]", file=sys.stderr)
        return 2
    name = args[0]
    module = importlib.import_module(f"tutor.bench.{name}")
    sys.argv = [f"python -m tutor.bench {name}", *args[1:]]
    return int(module.main() or 0)


if __name__ == "__main__":
    raise SystemExit(main())
