"""Scheduled ingestion: the sources file lists sources (a folder today; web sources later), each
with a schedule; :mod:`casework.sources.scheduler` decides which are due and leases each to one
worker at a time, across processes; :mod:`casework.sources.worker` runs them."""
