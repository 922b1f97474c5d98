"""The Qt desktop client. It talks to services only; it never opens a session."""
