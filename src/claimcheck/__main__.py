"""``python -m claimcheck``: the command line, as the ``claimcheck`` script runs it."""

from claimcheck.client import main

main()
