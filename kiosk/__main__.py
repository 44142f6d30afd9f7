from kiosk.launcher import run

raise SystemExit(run())
