"""Qt-free domain: models and the rules, as plain functions."""
