"""Team Day: a terminal app for the team-preparation day."""
