"""Imported once by the worker fork server: loads the pipeline and its word lists, so that every
worker forked from it starts warm instead of spending seconds on its first document."""

from pipeline.run import warm_up

warm_up()
