"""Counselling: booking sessions, what they show, their notes and one-call edits, case
work (assessments, conferences, the plan), and the sessions report and weekly schedule."""
