"""Stage 3, dialogue: turn by turn, decide between answering, asking back, small talk and
declining, and compose the Reply."""
