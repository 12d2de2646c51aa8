"""Stages of the pipeline, each a plain function from one typed model to the next."""
