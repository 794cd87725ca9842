"""Outlet knowledge: who publishes a story, from where, owned by whom, rated how by whom.

The registry ships with the package (``storyscope/data/outlets``) and is merged with the user's
imported ratings; ``landscape`` is the pipeline stage that turns it into a story's coverage view.
"""

from storyscope.outlets.registry import OutletRegistry, lean_side, load_registry

__all__ = ["OutletRegistry", "lean_side", "load_registry"]
