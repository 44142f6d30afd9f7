"""The ledger screen (Sổ theo dõi hồ sơ) and the return screen built on it."""
