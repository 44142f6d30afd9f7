"""The registration screen (Tiếp nhận hồ sơ)."""
