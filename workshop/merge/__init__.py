"""Merging two copies of one workshop edited apart (docs/MERGING.md): `copies` reads, merges
and writes them and settles conflicts afterwards; `rules` decides each record."""

from workshop.merge.copies import *  # noqa: F401,F403 - the public names, as `workshop.merge`
