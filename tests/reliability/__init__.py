"""Reliability: the crash harness (a worker killed with SIGKILL at random moments) and `make soak`."""
