"""`python -m guidebot.cli`, the same as the `guidebot` console script."""

import sys

from guidebot.cli.main import main

sys.exit(main())
