"""`python -m backpoints`."""

from backpoints.cli import main

raise SystemExit(main())
