"""Residents: intake, the profile and contacts, stages and discharge (records), the list
and its search, rooms and beds, the printed intake form, the occupancy report and the
stays export."""
