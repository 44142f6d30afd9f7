"""Quầy Một Cửa: the one-stop counter kiosk of a Department of Education and Training."""

__version__ = "0.1.0"
