"""Use cases, Qt-free: calendar, appointments, and (as they land) catalog, dossiers, survey, reports, sync."""
