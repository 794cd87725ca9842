"""HTTP routes: ``pages`` renders HTML, ``api`` serves JSON under ``/api/``."""
