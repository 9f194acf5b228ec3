"""The tabs of the team view, one module each, on the Pane base."""
