"""Across every area: the manager's dashboard and the monthly report, built from the
areas' own figures so they agree."""
