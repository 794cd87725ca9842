"""Turning analysis results into the ``storyscope.report/1`` JSON and its human-readable form."""
