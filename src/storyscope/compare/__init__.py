"""Coverage comparison: what every source carries, what only some do, where they differ.

``compare(articles)`` is the library entry point; ``stage.run`` is the pipeline stage.
"""

from storyscope.compare.stage import compare, run

__all__ = ["compare", "run"]
