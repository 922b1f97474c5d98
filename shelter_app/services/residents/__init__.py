"""Residents: intake, the profile and contacts, stages and discharge (records), the list
and its search, rooms and beds, and the printed intake form."""
