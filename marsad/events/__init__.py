"""Event coding: PLOVER event types, triggers, arguments and modality from the Arabic text itself."""
