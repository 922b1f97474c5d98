"""Administration on paper: the recovery sheet."""
