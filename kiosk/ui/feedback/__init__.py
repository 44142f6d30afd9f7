"""The feedback register at the desk (phản ánh, kiến nghị)."""
