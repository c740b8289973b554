"""Attribution: who said what (quotes, reported speech), as claims with a stance, and their
nearest fact-checks.  The pipeline stage is ``marsad.attribution.stage:run``."""
