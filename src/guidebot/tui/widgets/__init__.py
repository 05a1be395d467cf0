"""The chat app's widgets; each has its styles in a .tcss file beside it."""
