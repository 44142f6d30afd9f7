"""Resources shipped with the kiosk: fonts, icons, style sheets, the seed catalog."""
