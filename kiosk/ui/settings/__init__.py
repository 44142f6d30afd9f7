"""The admin's settings: the agency, hours and cut-off, the holiday overlay, users."""
