"""The provisions area: the daily round, decisions, receipts, the catalog."""
