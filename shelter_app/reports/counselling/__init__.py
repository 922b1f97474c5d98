"""Counselling on paper: the sessions report and the weekly schedule."""
