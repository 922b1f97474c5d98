"""The residents area: the list, the intake wizard, the profile and the room board."""
