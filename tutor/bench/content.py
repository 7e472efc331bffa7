"""`python -m tutor.bench content`: how long loading the shipped exam takes (target < 50 ms)."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable


def _median_ms(func: Callable[[], object], runs: int = 20) -> float:
    samples: list[float] = []
    for _ in range(runs):
        start = time.perf_counter()
        func()
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples)


def main() -> None:
    """Print the median time to load the shipped exam (full and cached), against parsing the YAML alone."""
    import yaml

    from tutor.model import default_content_dir, load_exams

    path = next(default_content_dir().glob("*.yaml"))
    text = path.read_text(encoding="utf-8")
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    baseline = _median_ms(lambda: yaml.load(text, Loader=loader))
    full = _median_ms(lambda: load_exams(cache=False))
    cached = _median_ms(load_exams)
    print(f"content  parse YAML only (baseline)     {baseline:7.2f} ms")
    print(f"content  load + validate shipped exam   {full:7.2f} ms   ratio {full / baseline:4.2f}x   target < 50 ms")
    print(f"content  load from the validated cache  {cached:7.2f} ms   ratio {cached / baseline:4.2f}x")


if __name__ == "__main__":
    main()
