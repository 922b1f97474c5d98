"""Residents on paper: the occupancy report (figures, JSON, CSV; the PDF in occupancy_pdf)
and the intake form."""
