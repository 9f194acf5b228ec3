"""Suite-wide settings."""

from hypothesis import settings

# Tests check behaviour, not speed (bench/ measures that): a busy machine must not fail them.
settings.register_profile("flourish", deadline=None)
settings.load_profile("flourish")
