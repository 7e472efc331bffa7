"""The type of argparse's sub-command registry, which every `cmd_*` module adds its parser to."""

from __future__ import annotations

import argparse
from typing import TypeAlias

Subparsers: TypeAlias = "argparse._SubParsersAction[argparse.ArgumentParser]"
