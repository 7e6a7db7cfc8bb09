"""claimcheck: find where news articles contradict themselves or each other."""

__version__ = "0.1.0"
