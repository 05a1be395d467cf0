"""Measuring and improving answers: evaluation sets, their figures, and the log of
questions guidebot could not answer."""
