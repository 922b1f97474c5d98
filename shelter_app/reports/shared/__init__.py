"""What every printed document shares: the page layout (letterhead, RAHASIA footer, page
numbers, tables), the bundled fonts and the charts (also shown on screen as SVG)."""
