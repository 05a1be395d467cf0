"""The chat app's screens; each has its styles in a .tcss file beside it."""
