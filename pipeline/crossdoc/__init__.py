"""Across documents: documents of one insats grouped and ordered in time, plans checked against reports."""
