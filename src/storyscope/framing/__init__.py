"""Framing: how each outlet names the same people, places and events (entry point: ``stage.run``)."""
