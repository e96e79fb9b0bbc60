"""Merging two copies of one workshop edited apart (docs/MERGING.md): `copies` reads, merges
and writes them, `settle` settles their conflicts afterwards; `rules` decides each record."""

from workshop.merge.copies import *  # noqa: F401,F403 - the public names, as `workshop.merge`
from workshop.merge.settle import conflict_value, keep, merge_logs, use_other  # noqa: F401
