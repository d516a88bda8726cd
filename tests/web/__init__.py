"""Tests of the network edge."""
