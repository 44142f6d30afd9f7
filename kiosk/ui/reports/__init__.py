"""The supervisor's reports screen (Báo cáo): choose a report, preview its pages, print or save it."""
