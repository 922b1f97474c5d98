"""Generated from ui/*.ui; do not edit."""
