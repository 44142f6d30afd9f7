"""The citizen side of the touch screen: procedure guide, dossier look-up, queue tickets and calls."""
