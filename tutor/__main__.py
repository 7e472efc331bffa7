"""`python -m tutor` is the same program as the `tutor` console script."""

from tutor.cli.main import main

raise SystemExit(main())
