"""The supervisor's reports: counting (Qt-free), the report model, and the builders of each report."""
