"""Marsad tests: unit tests with their own fixtures; shared-data tests skip when ../shared is absent."""
