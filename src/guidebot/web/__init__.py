"""guidebot on a website: an HTTP JSON API and a chat page that calls it (`guidebot api`).

The server keeps no per-visitor state: each reply carries the conversation state back to the
client, which sends it with the next question, so any worker or replica can answer any turn.
Nothing here imports Textual; only `guidebot api` (and tests) import this package.
"""
