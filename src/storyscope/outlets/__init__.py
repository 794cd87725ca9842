"""outlets stage."""
