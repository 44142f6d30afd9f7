"""A dossier's detail and the actions on it."""
